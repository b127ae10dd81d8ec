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

/**
 * The log, newest first, as `viewer` may see it: an admin who reads items is blinded (http/rolePolicy.ts)
 * to the other readers' writes, submits and reviews of those items.
 */
export async function listAudit(db: Kysely<Database>, viewer: User, limit: number, before: number | null): Promise<AuditEntry[]> {
  const othersOfMyItems = (eb: ExpressionBuilder<Database, 'audit_log'>) => {
    const myItems = eb.selectFrom('assignments').select('assignments.item_id').where('assignments.user_id', '=', viewer.id);
    const docs = eb.selectFrom('annotation_docs').select('annotation_docs.id').where('annotation_docs.item_id', 'in', myItems).where('annotation_docs.annotator_id', '<>', viewer.id);
    // An assignment's audit entity id is `<itemId>/<annotatorId>` (services/annotations/workflow.ts).
    const assignments = eb
      .selectFrom('assignments as reader')
      .select(sql<string>`reader.item_id || '/' || reader.user_id`.as('entity_id'))
      .where('reader.item_id', 'in', myItems)
      .where('reader.user_id', '<>', viewer.id);
    return eb.or([eb.and([eb('entity', '=', 'annotation_doc'), eb('entity_id', 'in', docs)]), eb.and([eb('entity', '=', 'assignment'), eb('entity_id', 'in', assignments)])]);
  };
  let query = db.selectFrom('audit_log').selectAll().where((eb) => eb.not(othersOfMyItems(eb))).orderBy('seq', 'desc').limit(limit);
  if (before !== null) query = query.where('seq', '<', before);
  const rows = await query.execute();
  return rows.map((row) => ({
    seq: toNumber(row.seq),
    at: row.at,
    userId: row.user_id,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    revision: row.revision === null ? null : toNumber(row.revision),
  }));
}
