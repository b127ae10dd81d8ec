/**
 * Undoes a dataset's last label-set migration while no release has been made since: the dataset
 * is pinned to the old version again and every record the run rewrote gets back the question and
 * classes it had (from the run's log, a document and a page at a time, in one transaction as the
 * run was). Edits made since to anything else (geometry, ranges) stay; a record deleted since
 * stays deleted. The review threads the run opened are resolved. One audit row.
 */
import type { Transaction } from 'kysely';
import type { AnnotationRecord } from '../../../src/core/annotation';
import type { LabelSetMigrationUndo } from '../../../src/core/api';
import { withClasses } from '../../../src/core/labelSets/migrateRecord';
import { toNumber } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { conflict, notFound } from '../../http/errors';
import { writeAudit } from '../audit';
import { DEFAULT_PAGE_SIZES, type DocumentRow, type PageSizes } from './pages';
import { closeDocument, openDocument, writeRewrites, type Rewrite, type RewriteStamp } from './rewrites';
import { lastRun, undoRefusal } from './runs';

/** The documents the run rewrote, a page at a time. */
async function* rewrittenDocuments(trx: Transaction<Database>, migrationId: string, perPage: number): AsyncGenerator<DocumentRow> {
  let after: { item: string; annotator: string } | null = null;
  for (;;) {
    let query = trx
      .selectFrom('label_set_migration_records as l')
      .innerJoin('annotation_docs as d', (join) => join.onRef('d.item_id', '=', 'l.item_id').onRef('d.annotator_id', '=', 'l.annotator_id'))
      .select(['d.id', 'l.item_id', 'l.annotator_id'])
      .distinct()
      .where('l.migration_id', '=', migrationId);
    if (after) {
      const { item, annotator } = after;
      query = query.where((eb) => eb.or([eb('l.item_id', '>', item), eb.and([eb('l.item_id', '=', item), eb('l.annotator_id', '>', annotator)])]));
    }
    const rows = await query.orderBy('l.item_id').orderBy('l.annotator_id').limit(perPage).execute();
    for (const row of rows) yield { id: row.id, itemId: row.item_id, annotatorId: row.annotator_id };
    const last = rows[rows.length - 1];
    if (!last || rows.length < perPage) return;
    after = { item: last.item_id, annotator: last.annotator_id };
  }
}

async function restoreDocument(trx: Transaction<Database>, migrationId: string, doc: DocumentRow, stamp: RewriteStamp, perPage: number): Promise<number> {
  const revision = await openDocument(trx, doc);
  let restored = 0;
  let after: string | null = null;
  for (;;) {
    let query = trx
      .selectFrom('label_set_migration_records as l')
      .innerJoin('annotation_records as r', (join) =>
        join.onRef('r.item_id', '=', 'l.item_id').onRef('r.annotator_id', '=', 'l.annotator_id').onRef('r.record_id', '=', 'l.record_id'),
      )
      .select(['l.record_id', 'l.previous_question_id', 'l.previous_classes', 'r.version', 'r.body'])
      .where('l.migration_id', '=', migrationId)
      .where('l.item_id', '=', doc.itemId)
      .where('l.annotator_id', '=', doc.annotatorId);
    if (after !== null) query = query.where('l.record_id', '>', after);
    const rows = await query.orderBy('l.record_id').limit(perPage).execute();
    const rewrites: Rewrite[] = [];
    for (const row of rows) {
      if (row.body === null) continue;
      const current = JSON.parse(row.body) as AnnotationRecord;
      const record = withClasses(current, { questionId: row.previous_question_id, classCodes: JSON.parse(row.previous_classes) as string[] });
      if (JSON.stringify(record) === row.body) continue;
      rewrites.push({ id: row.record_id, version: toNumber(row.version) + 1, record });
    }
    await writeRewrites(trx, doc, revision, stamp, rewrites);
    restored += rewrites.length;
    const last = rows[rows.length - 1];
    if (!last || rows.length < perPage) break;
    after = last.record_id;
  }
  if (restored > 0) await closeDocument(trx, doc, revision, stamp.at);
  return restored;
}

export async function undoMigration(trx: Transaction<Database>, datasetId: string, userId: string, at: string, sizes: PageSizes = DEFAULT_PAGE_SIZES): Promise<LabelSetMigrationUndo> {
  const run = await lastRun(trx, datasetId);
  if (!run) throw notFound(`dataset ${datasetId} has had no label-set migration`);
  const refusal = await undoRefusal(trx, run);
  if (refusal !== null) throw conflict('migration_not_undoable', refusal);
  const fromVersion = toNumber(run.from_version);
  const pinned = await trx
    .updateTable('datasets')
    .set({ label_set_version: fromVersion })
    .where('id', '=', datasetId)
    .where('label_set_version', '=', toNumber(run.to_version))
    .executeTakeFirst();
  if (Number(pinned.numUpdatedRows) !== 1) throw conflict('dataset_moved', `dataset ${datasetId} is no longer on version ${toNumber(run.to_version)}`);

  const stamp: RewriteStamp = { userId, at, opId: `label-set-migration-undo:${run.id}` };
  let recordsRestored = 0;
  for await (const doc of rewrittenDocuments(trx, run.id, sizes.documentsPerPage)) recordsRestored += await restoreDocument(trx, run.id, doc, stamp, sizes.recordsPerPage);

  const threads = await trx
    .updateTable('comment_threads')
    .set({ status: 'resolved', updated_at: at })
    .where('status', '=', 'open')
    .where('id', 'in', (eb) => eb.selectFrom('label_set_migration_threads').select('thread_id').where('migration_id', '=', run.id))
    .executeTakeFirst();
  await trx.updateTable('label_set_migrations').set({ undone_by: userId, undone_at: at }).where('id', '=', run.id).execute();
  const result: LabelSetMigrationUndo = { migrationId: run.id, labelSetVersion: fromVersion, recordsRestored };
  await writeAudit(trx, {
    at,
    userId,
    action: 'labelSet.migrationUndo',
    entity: 'dataset',
    entityId: datasetId,
    detail: { ...result, labelSet: run.label_set_id, fromVersion: toNumber(run.to_version), toVersion: fromVersion, threadsResolved: Number(threads.numUpdatedRows) },
  });
  return result;
}
