/** Turns the audit viewer's query string into an AuditFilter, or a 400 with a sentence. */
import { badRequest } from '../../http/errors';
import { isoTimeOf } from '../../http/isoTime';
import type { AuditFilter } from '../../services/audit';

export interface AuditQuery {
  readonly limit?: string;
  readonly before?: string;
  readonly user?: string;
  readonly entity?: string;
  readonly action?: string;
  readonly from?: string;
  readonly to?: string;
}

const USER_ID = /^[A-Za-z0-9._-]{1,100}$/;
const ACTION_PREFIX = /^[a-z][A-Za-z0-9._-]{0,63}$/;

export function auditFilterOf(query: AuditQuery): AuditFilter {
  const { user, entity, action } = query;
  if (user !== undefined && !USER_ID.test(user)) throw badRequest('user must be a user id (letters, digits, . _ -)');
  if (entity !== undefined && (entity.length === 0 || entity.length > 200)) throw badRequest('entity must be an entity id of 1 to 200 characters');
  if (action !== undefined && !ACTION_PREFIX.test(action)) throw badRequest('action must be the start of an action name, e.g. annotation. or item.submit');
  const from = isoTimeOf('from', query.from);
  const to = isoTimeOf('to', query.to);
  if (from !== undefined && to !== undefined && from > to) throw badRequest('from must not be after to');
  return {
    ...(user !== undefined && { userId: user }),
    ...(entity !== undefined && { entityId: entity }),
    ...(action !== undefined && { actionPrefix: action }),
    ...(from !== undefined && { from }),
    ...(to !== undefined && { to }),
    ...(query.before !== undefined && { before: Number(query.before) }),
  };
}
