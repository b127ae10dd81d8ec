/**
 * Who sees the releases screen's actions. The server decides (server/http/rolePolicy.ts:
 * RELEASE_ROLES, ADJUDICATE_ROLES); these only hide buttons a user could not use.
 */
import type { Role } from '../../core/api';

export const canMakeRelease = (roles: readonly Role[]): boolean => roles.includes('wgLead');
export const canAdjudicate = (roles: readonly Role[]): boolean => roles.includes('wgLead');
/** Reads releases: those who make them and the installation's admin. */
export const canReadReleases = (roles: readonly Role[]): boolean => roles.includes('wgLead') || roles.includes('admin');
