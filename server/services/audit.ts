/** The append-only audit log: one row per write, inside the write's own transaction. */
import type { Kysely } from 'kysely';
import type { AuditEntry } from '../../src/core/api';
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

export async function listAudit(db: Kysely<Database>, limit: number, before: number | null): Promise<AuditEntry[]> {
  let query = db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(limit);
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
