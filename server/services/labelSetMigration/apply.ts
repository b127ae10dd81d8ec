/**
 * Applies a label-set migration to a dataset: pins it to the new version and rewrites its records
 * by the mapping, a document at a time and a page of records at a time, so memory holds one page
 * whatever the dataset's size. Every rewritten record gets a new version and an op in the log the
 * change feed reads (clients' record-level sync picks it up), its previous question and classes
 * go to the migration's log (what an undo restores), and documents whose records kept a class the
 * new version lacks get one open review thread. One audit row names the mapping and the counts.
 *
 * Atomic, not resumable: the whole run is one transaction. A half-applied run would leave a
 * dataset pinned to one version with records of the other, which the validators, exporters and
 * the undo would all have to understand; one transaction keeps "pinned version" and "records"
 * one fact. The price is a long write: on PostgreSQL it holds the locks of the documents it
 * rewrote until it commits (their annotators' batches wait; other datasets write on), on SQLite
 * every writer waits, as for any write there.
 */
import { randomUUID } from 'node:crypto';
import type { Insertable, Transaction } from 'kysely';
import type { AnnotationRecord } from '../../../src/core/annotation';
import type { LabelSetMigrationRun } from '../../../src/core/api';
import type { LabelSet } from '../../../src/core/labelSet';
import { keyedMappingProblems, migrateRecord, recordClasses } from '../../../src/core/labelSets/migrateRecord';
import { planMigration, type LabelSetMapping, type MigrationPlan } from '../../../src/core/labelSets/migrationPlan';
import { toNumber } from '../../db/dialect';
import type { AnnotationRecordsTable, Database, LabelSetMigrationRecordsTable } from '../../db/schema';
import { badRequest, conflict } from '../../http/errors';
import { writeAudit } from '../audit';
import { insertThread } from '../review/comments';
import { countDatasetClasses } from './counts';
import { flagMessage } from './flagMessage';
import { DEFAULT_PAGE_SIZES, documentPages, type DocumentRow, type PageSizes } from './pages';
import { closeDocument, openDocument, writeRewrites, type Rewrite, type RewriteStamp } from './rewrites';
import { runOf } from './runs';

export interface MigrationRequest {
  readonly datasetId: string;
  readonly from: LabelSet;
  readonly to: LabelSet;
  readonly mapping: LabelSetMapping;
  readonly userId: string;
}

/** Records of one old question that the mapping changes: all of them, or those whose (first) class is one of `codes`. */
interface AffectedQuestion {
  readonly questionId: string;
  /** null: every record of the question (it moves, or it is multiple choice and a class changes). */
  readonly codes: readonly string[] | null;
}

/** Which records a run must read: a class that keeps its code and question (a rename) is never read at all. */
export function affectedQuestions(from: LabelSet, mapping: LabelSetMapping): AffectedQuestion[] {
  const affected: AffectedQuestion[] = [];
  for (const [questionId, m] of Object.entries(mapping)) {
    const moving = Object.entries(m.classes).filter(([code, to]) => to !== code).map(([code]) => code);
    const multiple = from.questions.find((q) => q.id === questionId)?.kind === 'multiple';
    if (m.to !== questionId || (multiple && moving.length > 0)) affected.push({ questionId, codes: null });
    else if (moving.length > 0) affected.push({ questionId, codes: moving });
  }
  return affected;
}

interface DocumentOutcome {
  readonly rewritten: number;
  readonly forReview: number;
}

type RecordRow = Pick<AnnotationRecordsTable, 'record_id' | 'version' | 'body'>;

async function recordPage(trx: Transaction<Database>, doc: DocumentRow, affected: readonly AffectedQuestion[], after: string | null, limit: number): Promise<RecordRow[]> {
  let query = trx
    .selectFrom('annotation_records')
    .select(['record_id', 'version', 'body'])
    .where('item_id', '=', doc.itemId)
    .where('annotator_id', '=', doc.annotatorId)
    .where('deleted', '=', 0)
    .where((eb) =>
      eb.or(affected.map((a) => (a.codes === null ? eb('question_id', '=', a.questionId) : eb.and([eb('question_id', '=', a.questionId), eb('class_code', 'in', a.codes)])))),
    );
  if (after !== null) query = query.where('record_id', '>', after);
  return query.orderBy('record_id').limit(limit).execute();
}

/** Rewrites one document's affected records page by page under its lock; its revision moves once if anything changed. */
async function migrateDocument(
  trx: Transaction<Database>,
  run: { readonly id: string; readonly mapping: LabelSetMapping; readonly stamp: RewriteStamp },
  doc: DocumentRow,
  affected: readonly AffectedQuestion[],
  recordsPerPage: number,
): Promise<DocumentOutcome> {
  const revision = await openDocument(trx, doc);
  let rewritten = 0;
  let forReview = 0;
  let after: string | null = null;
  for (;;) {
    const rows = await recordPage(trx, doc, affected, after, recordsPerPage);
    const rewrites: Rewrite[] = [];
    const log: Insertable<LabelSetMigrationRecordsTable>[] = [];
    for (const row of rows) {
      if (row.body === null) continue;
      const before = JSON.parse(row.body) as AnnotationRecord;
      const migrated = migrateRecord(before, run.mapping);
      if (migrated.forReview) forReview += 1;
      if (migrated.rekeyed) throw badRequest(`the mapping is refused: mask ${row.record_id} would change class, and a mask's id names its class; send the class to review instead`);
      if (!migrated.changed) continue;
      const previous = recordClasses(before);
      rewrites.push({ id: row.record_id, version: toNumber(row.version) + 1, record: migrated.record });
      log.push({ migration_id: run.id, item_id: doc.itemId, annotator_id: doc.annotatorId, record_id: row.record_id, previous_question_id: previous.questionId, previous_classes: JSON.stringify(previous.classCodes) });
    }
    if (rewrites.length > 0) {
      await writeRewrites(trx, doc, revision, run.stamp, rewrites);
      await trx.insertInto('label_set_migration_records').values(log).execute();
      rewritten += rewrites.length;
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < recordsPerPage) break;
    after = last.record_id;
  }
  if (rewritten > 0) await closeDocument(trx, doc, revision, run.stamp.at);
  return { rewritten, forReview };
}

/** "question: old → new" for each class whose code changes ("review" for a removed one). */
function classMoves(mapping: LabelSetMapping): string[] {
  return Object.entries(mapping).flatMap(([questionId, m]) =>
    Object.entries(m.classes)
      .filter(([code, to]) => to !== code)
      .map(([code, to]) => `${questionId}: ${code} → ${to ?? 'review'}`),
  );
}

/** The plan the mapping makes of the dataset's records now, or 400 with the planner's reasons. */
async function checkedPlan(trx: Transaction<Database>, request: MigrationRequest): Promise<MigrationPlan> {
  if (request.to.version <= request.from.version) {
    throw badRequest(`the dataset is on version ${request.from.version} of ${request.from.id}; it moves only to a newer one`);
  }
  const counts = await countDatasetClasses(trx, request.datasetId, request.from);
  const verdict = planMigration(request.from, request.to, request.mapping, counts);
  const problems = [...(verdict.ok ? [] : verdict.errors), ...keyedMappingProblems(request.mapping)];
  if (!verdict.ok || problems.length > 0) throw badRequest(`the mapping is refused: ${problems.join('; ')}`);
  return verdict.value;
}

export async function applyMigration(trx: Transaction<Database>, request: MigrationRequest, at: string, sizes: PageSizes = DEFAULT_PAGE_SIZES): Promise<LabelSetMigrationRun> {
  // Compare-and-set first: on PostgreSQL it also locks the dataset row, so a second run waits here
  // and then finds the version moved.
  const pinned = await trx
    .updateTable('datasets')
    .set({ label_set_version: request.to.version })
    .where('id', '=', request.datasetId)
    .where('label_set_id', '=', request.from.id)
    .where('label_set_version', '=', request.from.version)
    .executeTakeFirst();
  if (Number(pinned.numUpdatedRows) !== 1) throw conflict('dataset_moved', `dataset ${request.datasetId} is no longer on ${request.from.id} version ${request.from.version}`);
  const plan = await checkedPlan(trx, request);

  const id = randomUUID();
  const run = { id, mapping: request.mapping, stamp: { userId: request.userId, at, opId: `label-set-migration:${id}` } };
  await trx
    .insertInto('label_set_migrations')
    .values({
      id,
      dataset_id: request.datasetId,
      label_set_id: request.from.id,
      from_version: request.from.version,
      to_version: request.to.version,
      mapping: JSON.stringify(request.mapping),
      counts: '{}',
      applied_by: request.userId,
      applied_at: at,
      undone_by: null,
      undone_at: null,
    })
    .execute();

  const affected = affectedQuestions(request.from, request.mapping);
  let recordsRewritten = 0;
  let recordsForReview = 0;
  let documentsFlagged = 0;
  if (affected.length > 0) {
    for await (const doc of documentPages(trx, request.datasetId, sizes.documentsPerPage)) {
      const outcome = await migrateDocument(trx, run, doc, affected, sizes.recordsPerPage);
      recordsRewritten += outcome.rewritten;
      recordsForReview += outcome.forReview;
      if (outcome.forReview === 0) continue;
      documentsFlagged += 1;
      const body = flagMessage(request.from, request.to, outcome.forReview);
      const threadId = await insertThread(trx, { itemId: doc.itemId, annotatorId: doc.annotatorId, anchor: { kind: 'item' }, body, authorId: request.userId }, at);
      await trx.insertInto('label_set_migration_threads').values({ migration_id: id, thread_id: threadId }).execute();
    }
  }

  const counts = { changes: plan.changes, recordsRewritten, recordsForReview, documentsFlagged };
  await trx.updateTable('label_set_migrations').set({ counts: JSON.stringify(counts) }).where('id', '=', id).execute();
  await writeAudit(trx, {
    at,
    userId: request.userId,
    action: 'labelSet.migrate',
    entity: 'dataset',
    entityId: request.datasetId,
    // The classes that move first: the audit viewer shows the start of a detail.
    detail: { moves: classMoves(request.mapping), migrationId: id, labelSet: request.from.id, fromVersion: request.from.version, toVersion: request.to.version, mapping: request.mapping, ...counts },
  });
  const stored = await trx.selectFrom('label_set_migrations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return runOf(stored, true);
}
