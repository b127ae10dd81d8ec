/**
 * Who may do what, in one place: the role lists routes name in `config: { roles }`, and the
 * blinding rule every read of readers' work follows.
 *
 * Blinding: the readers of an item (the users it is assigned to) never see each other's work of
 * it (records, change-feed entries, revisions, heads, workflow state), whatever other roles they
 * hold. A reviewer, WG lead or admin who does not read the item sees every reader's work of it;
 * that is their job. A reader of an item never reviews it.
 */
import type { Role, User } from '../../src/core/api';

/** See every item of every dataset, and every reader's work of an item they do not read. */
export const OVERSIGHT_ROLES: readonly Role[] = ['reviewer', 'wgLead', 'admin'];
/** Approve or return a reader's submitted work (never of an item they read). */
export const REVIEW_ROLES: readonly Role[] = ['reviewer', 'wgLead'];
/** Assign items of a dataset to readers. */
export const ASSIGN_ROLES: readonly Role[] = ['wgLead', 'admin'];
/** Settle disagreements between readers (routes to come). */
export const ADJUDICATE_ROLES: readonly Role[] = ['wgLead'];
/** Release a dataset's agreed annotations (routes to come). */
export const RELEASE_ROLES: readonly Role[] = ['wgLead'];
/** Read the releases made (pseudonymised, approved work): those who make them and the installation's admin. */
export const RELEASE_READ_ROLES: readonly Role[] = ['wgLead', 'admin'];
/** Read anyone's credit (contribution record); everyone reads their own. */
export const CREDIT_READ_ROLES: readonly Role[] = ['wgLead', 'admin'];
/** Run the installation: accounts, imports, models, the audit log. */
export const ADMIN_ROLES: readonly Role[] = ['admin'];

export const hasRole = (user: User, roles: readonly Role[]): boolean => roles.some((role) => user.roles.includes(role));

/**
 * Whether `user` may see the work of reader `annotatorId` on an item; `readsItem`: `user` is a
 * reader of that item themself. The SQL of the change feed (services/annotations/feed.ts) says the same.
 */
export function seesReaderWork(user: User, annotatorId: string, readsItem: boolean): boolean {
  return annotatorId === user.id || (!readsItem && hasRole(user, OVERSIGHT_ROLES));
}
