/**
 * The two statements every writer of records runs (batches, label-set migrations): append op rows
 * to the log the change feed reads, then upsert the records' current versions with the seq of the
 * op that wrote them. Callers keep each call under the parameter limits (at most 500 rows).
 */
import type { Insertable, Transaction } from 'kysely';
import { currentTxid, toNumber } from '../../db/dialect';
import type { AnnotationOpsTable, AnnotationRecordsTable, Database } from '../../db/schema';

/** Appends the op rows, stamped with the writing transaction's id; the seq each record's op took, by record id. */
export async function appendOps(trx: Transaction<Database>, ops: readonly Omit<Insertable<AnnotationOpsTable>, 'txid'>[]): Promise<Map<string, number>> {
  const written = await trx
    .insertInto('annotation_ops')
    .values(ops.map((op) => ({ ...op, txid: currentTxid(trx) })))
    .returning(['seq', 'record_id'])
    .execute();
  return new Map(written.map((row) => [row.record_id, toNumber(row.seq)]));
}

/**
 * Frame positions (`target_index`, `end_target_index`) are rewritten only by writers that computed
 * them (batches): a label-set migration changes classes, never targets, so it leaves them as stored.
 */
export async function upsertRecords(
  trx: Transaction<Database>,
  rows: readonly Insertable<AnnotationRecordsTable>[],
  spans: 'write spans' | 'keep spans',
): Promise<void> {
  await trx
    .insertInto('annotation_records')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['item_id', 'annotator_id', 'record_id']).doUpdateSet((eb) => ({
        version: eb.ref('excluded.version'),
        schema: eb.ref('excluded.schema'),
        type: eb.ref('excluded.type'),
        question_id: eb.ref('excluded.question_id'),
        target_id: eb.ref('excluded.target_id'),
        class_code: eb.ref('excluded.class_code'),
        min_x: eb.ref('excluded.min_x'),
        min_y: eb.ref('excluded.min_y'),
        max_x: eb.ref('excluded.max_x'),
        max_y: eb.ref('excluded.max_y'),
        deleted: eb.ref('excluded.deleted'),
        settled: eb.ref('excluded.settled'),
        body: eb.ref('excluded.body'),
        ...(spans === 'write spans' ? { target_index: eb.ref('excluded.target_index'), end_target_index: eb.ref('excluded.end_target_index') } : {}),
        updated_at: eb.ref('excluded.updated_at'),
        updated_seq: eb.ref('excluded.updated_seq'),
      })),
    )
    .execute();
}
