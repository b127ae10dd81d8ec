/**
 * Who may do what, in one place: the role lists routes name in `config: { roles }` (kept in
 * src/core/roles.ts, which the UI reads too), and the blinding rule every read of readers' work follows.
 *
 * Blinding: the readers of an item (the users it is assigned to) never see each other's work of
 * it (records, change-feed entries, revisions, heads, workflow state), whatever other roles they
 * hold. A reviewer, WG lead or admin who does not read the item sees every reader's work of it;
 * that is their job. A reader of an item never reviews it.
 */
import type { Role, User } from '../../src/core/api';
import { holdsRole, OVERSIGHT_ROLES } from '../../src/core/roles';

export {
  ADJUDICATE_ROLES,
  ADMIN_ROLES,
  ASSIGN_ROLES,
  CREDIT_READ_ROLES,
  OVERSIGHT_ROLES,
  RELEASE_READ_ROLES,
  RELEASE_ROLES,
  REVIEW_ROLES,
} from '../../src/core/roles';

export const hasRole = (user: User, roles: readonly Role[]): boolean => holdsRole(user.roles, roles);

/**
 * Whether `user` may see the work of reader `annotatorId` on an item; `readsItem`: `user` is a
 * reader of that item themself. The SQL of the change feed (services/annotations/feed.ts) says the same.
 */
export function seesReaderWork(user: User, annotatorId: string, readsItem: boolean): boolean {
  return annotatorId === user.id || (!readsItem && hasRole(user, OVERSIGHT_ROLES));
}
