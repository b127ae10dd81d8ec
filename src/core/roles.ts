/**
 * Who may do what, as role lists: the server's routes enforce them (server/http/rolePolicy.ts,
 * which adds the blinding rule) and the UI reads the same lists to show only what a user can use.
 */
import type { Role } from './api';

/** See every item of every dataset, and every reader's work of an item they do not read. */
export const OVERSIGHT_ROLES: readonly Role[] = ['reviewer', 'wgLead', 'admin'];
/** Approve or return a reader's submitted work (never of an item they read). */
export const REVIEW_ROLES: readonly Role[] = ['reviewer', 'wgLead'];
/** Assign items of a dataset to readers. */
export const ASSIGN_ROLES: readonly Role[] = ['wgLead', 'admin'];
/** Settle disagreements between readers. */
export const ADJUDICATE_ROLES: readonly Role[] = ['wgLead'];
/** Release a dataset's approved and agreed annotations. */
export const RELEASE_ROLES: readonly Role[] = ['wgLead'];
/** Read the releases made (pseudonymised, approved work): those who make them and the installation's admin. */
export const RELEASE_READ_ROLES: readonly Role[] = ['wgLead', 'admin'];
/** Read anyone's credit (contribution record); everyone reads their own. */
export const CREDIT_READ_ROLES: readonly Role[] = ['wgLead', 'admin'];
/** Run the installation: accounts, imports, models, the audit log. */
export const ADMIN_ROLES: readonly Role[] = ['admin'];

/** Whether a user holding `roles` holds one of `allowed`. */
export const holdsRole = (roles: readonly Role[], allowed: readonly Role[]): boolean => allowed.some((role) => roles.includes(role));
