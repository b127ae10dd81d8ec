/**
 * Who sees the releases screen's actions: the roles their routes are open to (src/core/roles.ts).
 * The server decides; these only hide buttons a user could not use.
 */
import type { Role } from '../../core/api';
import { ADJUDICATE_ROLES, holdsRole, RELEASE_READ_ROLES, RELEASE_ROLES } from '../../core/roles';

export const canMakeRelease = (roles: readonly Role[]): boolean => holdsRole(roles, RELEASE_ROLES);
export const canAdjudicate = (roles: readonly Role[]): boolean => holdsRole(roles, ADJUDICATE_ROLES);
export const canReadReleases = (roles: readonly Role[]): boolean => holdsRole(roles, RELEASE_READ_ROLES);
