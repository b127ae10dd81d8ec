import type { Role } from '../../../core/api';
import { holdsRole, REVIEW_ROLES } from '../../../core/roles';

/** Who gets the review queue: the roles its route is open to. */
export const reviewsWork = (roles: readonly Role[]): boolean => holdsRole(roles, REVIEW_ROLES);
