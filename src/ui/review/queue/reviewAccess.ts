import type { Role } from '../../../core/api';

/** Who gets the review queue: server/http/rolePolicy.ts REVIEW_ROLES, which the route enforces. */
const REVIEW_QUEUE_ROLES: readonly Role[] = ['reviewer', 'wgLead'];

export const reviewsWork = (roles: readonly Role[]): boolean => roles.some((role) => REVIEW_QUEUE_ROLES.includes(role));
