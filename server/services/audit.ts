/** The append-only audit log: one row per write, inside the write's own transaction. */
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { AuditEntry, User } from '../../src/core/api';
import { toNumber } from '../db/dialect';
import type { Database } from '../db/schema';

export interface AuditRecord {
  readonly at: string;
  readonly userId: string | null;
  /** `<entity>.<verb>`, e.g. `annotation.write`, `item.submit`. */
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly revision?: number | null;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** Inserts only: the hash chain is linked later by a sealer (services/auditChain/seal.ts), so writes never queue on it. */
export async function writeAudit(db: Kysely<Database>, record: AuditRecord): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: record.at,
      user_id: record.userId,
      action: record.action,
      entity: record.entity,
      entity_id: record.entityId,
      revision: record.revision ?? null,
      detail: JSON.stringify(record.detail ?? {}),
    })
    .execute();
}

/** What the admin viewer narrows the log by; each absent field does not filter. */
export interface AuditFilter {
  readonly userId?: string;
  readonly entityId?: string;
  /** Prefix of the action, e.g. `annotation.` or `item.submit`. */
  readonly actionPrefix?: string;
  /** Inclusive ISO times. */
  readonly from?: string;
  readonly to?: string;
  /** Entries older than this seq (keyset paging). */
  readonly before?: number;
}

/**
 * The other entity ids the audit rows about item `itemId` carry: its readers' documents
 * (annotation writes name the document), their assignments (`<item>/<reader>`: submits, reviews,
 * comments) and the lead's decisions on it (`<item>/<question>/<unit>`). Exact ids, each found by
 * an index, so filtering by an item stays a few index ranges of the log.
 */
function itemEntityIds(eb: ExpressionBuilder<Database, 'audit_log' | 'users'>, itemId: string) {
  return eb
    .selectFrom('annotation_docs')
    .select('annotation_docs.id as entity_id')
    .where('annotation_docs.item_id', '=', itemId)
    .union(eb.selectFrom('assignments').select(sql<string>`assignments.item_id || '/' || assignments.user_id`.as('entity_id')).where('assignments.item_id', '=', itemId))
    .union(
      eb
        .selectFrom('consensus_decisions')
        .select(sql<string>`consensus_decisions.item_id || '/' || consensus_decisions.question_id || '/' || consensus_decisions.target_key`.as('entity_id'))
        .where('consensus_decisions.item_id', '=', itemId),
    );
}

/**
 * Newest first, as `viewer` may see it: an admin who reads items is blinded (http/rolePolicy.ts)
 * to the other readers' writes, submits and reviews of those items. Each filter has an index led
 * by its column and ending in seq (migration 0012), so a page walks one index range backwards:
 * O(page), however long the log; an item filter looks up each entity id the item's rows carry. The action prefix is a range (`>= prefix` and `< prefix +
 * U+FFFF`), which uses the index where LIKE would not on SQLite.
 */
export async function listAudit(db: Kysely<Database>, viewer: User, limit: number, filter: AuditFilter = {}): Promise<AuditEntry[]> {
  const othersOfMyItems = (eb: ExpressionBuilder<Database, 'audit_log' | 'users'>) => {
    const myItems = eb.selectFrom('assignments').select('assignments.item_id').where('assignments.user_id', '=', viewer.id);
    const docs = eb.selectFrom('annotation_docs').select('annotation_docs.id').where('annotation_docs.item_id', 'in', myItems).where('annotation_docs.annotator_id', '<>', viewer.id);
    // An assignment's audit entity id is `<itemId>/<annotatorId>` (services/annotations/workflow.ts).
    const assignments = eb
      .selectFrom('assignments as reader')
      .select(sql<string>`reader.item_id || '/' || reader.user_id`.as('entity_id'))
      .where('reader.item_id', 'in', myItems)
      .where('reader.user_id', '<>', viewer.id);
    return eb.or([
      eb.and([eb('audit_log.entity', '=', 'annotation_doc'), eb('audit_log.entity_id', 'in', docs)]),
      eb.and([eb('audit_log.entity', '=', 'assignment'), eb('audit_log.entity_id', 'in', assignments)]),
    ]);
  };
  let query = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.user_id')
    .select(['audit_log.seq', 'audit_log.at', 'audit_log.user_id', 'users.display_name', 'audit_log.action', 'audit_log.entity', 'audit_log.entity_id', 'audit_log.revision', 'audit_log.detail'])
    .where((eb) => eb.not(othersOfMyItems(eb)))
    .orderBy('audit_log.seq', 'desc')
    .limit(limit);
  if (filter.before !== undefined) query = query.where('audit_log.seq', '<', filter.before);
  if (filter.userId !== undefined) query = query.where('audit_log.user_id', '=', filter.userId);
  if (filter.entityId !== undefined) {
    const id = filter.entityId;
    query = query.where((eb) => eb.or([eb('audit_log.entity_id', '=', id), eb('audit_log.entity_id', 'in', itemEntityIds(eb, id))]));
  }
  if (filter.actionPrefix !== undefined) {
    query = query.where('audit_log.action', '>=', filter.actionPrefix).where('audit_log.action', '<', `${filter.actionPrefix}\uffff`);
  }
  if (filter.from !== undefined) query = query.where('audit_log.at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('audit_log.at', '<=', filter.to);
  const rows = await query.execute();
  return rows.map((row) => ({
    seq: toNumber(row.seq),
    at: row.at,
    userId: row.user_id,
    userName: row.display_name,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    revision: row.revision === null ? null : toNumber(row.revision),
    detail: parseDetail(row.detail),
  }));
}

function parseDetail(text: string): Readonly<Record<string, unknown>> {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    // A row edited by hand outside the app; the chain check reports it, the viewer still lists it.
    return {};
  }
}
