/**
 * Record-level storage: every record of a document is a row with its own version, every applied
 * op a row of an append-only log, and `annotation_docs` keeps only the document's head. Documents
 * of the foundation (one JSON body per item and annotator) become records here, one document at a
 * time; label sets take the question shape. `doc_revisions` stays as read-only history.
 */
import type { Kysely, Migration } from 'kysely';
import type { AnnotationRecord } from '../../../src/core/annotation';
import { upgradeLabelSetShape, legacyQuestionId } from '../../../src/core/migrations/labelSetShape';
import { upgradeRecord } from '../../../src/core/migrations/recordSchema';
import { progressOfRecords } from '../../../src/core/progress';
import { RECORD_SCHEMA } from '../../../src/core/records';
import { recordColumns } from '../../services/annotations/recordRow';
import { addSequenceKey, currentTxid } from '../dialect';

// any: a migration describes the schema as it was then, not today's typed Database.
type AnyDb = Kysely<any>;

/** Documents converted per query page; each is converted and written in its own statements. */
const DOCUMENTS_PER_PAGE = 50;
/** Rows per insert statement: well under SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const ROWS_PER_INSERT = 500;

async function createTables(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('annotation_records')
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id').onDelete('cascade'))
    .addColumn('annotator_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('schema', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('class_code', 'text')
    .addColumn('min_x', 'double precision')
    .addColumn('min_y', 'double precision')
    .addColumn('max_x', 'double precision')
    .addColumn('max_y', 'double precision')
    .addColumn('deleted', 'integer', (c) => c.notNull())
    .addColumn('settled', 'integer', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('annotation_records_pk', ['item_id', 'annotator_id', 'record_id'])
    .execute();
  await db.schema.createIndex('annotation_records_target').on('annotation_records').columns(['item_id', 'annotator_id', 'target_id', 'record_id']).execute();
  await db.schema.createIndex('annotation_records_box').on('annotation_records').columns(['item_id', 'annotator_id', 'min_x', 'max_x', 'min_y', 'max_y']).execute();

  await addSequenceKey(db, db.schema.createTable('annotation_ops'), 'seq')
    .addColumn('txid', 'bigint', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('annotator_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('schema', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('op_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('annotation_ops_document').on('annotation_ops').columns(['item_id', 'annotator_id', 'revision', 'seq']).execute();
  await db.schema.createIndex('annotation_ops_feed').on('annotation_ops').columns(['txid', 'seq']).execute();
  await db.schema.createIndex('annotation_ops_annotator_feed').on('annotation_ops').columns(['annotator_id', 'txid', 'seq']).execute();

  await addSequenceKey(db, db.schema.createTable('annotation_snapshots'), 'seq')
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id').onDelete('cascade'))
    .addColumn('annotator_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('annotation_snapshots_document').on('annotation_snapshots').columns(['item_id', 'annotator_id', 'revision']).execute();

  await db.schema.alterTable('annotation_docs').addColumn('record_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('annotation_docs').addColumn('migrated_revision', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

async function upgradeLabelSets(db: AnyDb): Promise<void> {
  const rows = await db.selectFrom('label_sets').select(['id', 'version', 'body']).execute();
  for (const row of rows as { id: string; version: number; body: string }[]) {
    const upgraded = JSON.stringify(upgradeLabelSetShape(JSON.parse(row.body)));
    if (upgraded !== row.body) await db.updateTable('label_sets').set({ body: upgraded }).where('id', '=', row.id).where('version', '=', row.version).execute();
  }
}

interface LegacyDocument {
  readonly id: string;
  readonly item_id: string;
  readonly annotator_id: string;
  readonly revision: number;
  readonly body: string;
  readonly updated_at: string;
  readonly target_ids: string;
  readonly label_set_id: string;
}

/** The document's records in schema 2; of two old records that now share an id, the later-updated one stays. */
function upgradedRecords(doc: LegacyDocument): AnnotationRecord[] {
  const body = JSON.parse(doc.body) as { records?: Record<string, unknown> };
  const questionId = legacyQuestionId(doc.label_set_id);
  const byId = new Map<string, AnnotationRecord>();
  for (const old of Object.values(body.records ?? {})) {
    const record = upgradeRecord(old, 1, questionId);
    const seen = byId.get(record.id);
    if (!seen || seen.provenance.updatedAt <= record.provenance.updatedAt) byId.set(record.id, record);
  }
  return [...byId.values()];
}

async function migrateDocument(db: AnyDb, doc: LegacyDocument): Promise<void> {
  const records = upgradedRecords(doc);
  const revision = Number(doc.revision);
  for (let i = 0; i < records.length; i += ROWS_PER_INSERT) {
    const chunk = records.slice(i, i + ROWS_PER_INSERT);
    const ops = await db
      .insertInto('annotation_ops')
      .values(
        chunk.map((record) => ({
          txid: currentTxid(db),
          item_id: doc.item_id,
          annotator_id: doc.annotator_id,
          revision,
          record_id: record.id,
          version: 1,
          kind: 'put',
          body: JSON.stringify(record),
          schema: RECORD_SCHEMA[record.type],
          author_id: doc.annotator_id,
          op_id: 'migration',
          created_at: doc.updated_at,
        })),
      )
      .returning(['seq', 'record_id'])
      .execute();
    const seqOf = new Map((ops as { seq: number; record_id: string }[]).map((op) => [op.record_id, op.seq]));
    await db
      .insertInto('annotation_records')
      .values(
        chunk.map((record) => ({
          item_id: doc.item_id,
          annotator_id: doc.annotator_id,
          record_id: record.id,
          version: 1,
          schema: RECORD_SCHEMA[record.type],
          ...recordColumns(record),
          updated_at: doc.updated_at,
          updated_seq: seqOf.get(record.id),
        })),
      )
      .execute();
  }
  const { labelled } = progressOfRecords(records, JSON.parse(doc.target_ids) as string[]);
  await db
    .updateTable('annotation_docs')
    .set({ record_count: records.length, labelled, migrated_revision: revision })
    .where('id', '=', doc.id)
    .execute();
}

async function migrateDocuments(db: AnyDb): Promise<void> {
  let after = '';
  for (;;) {
    const page = (await db
      .selectFrom('annotation_docs')
      .innerJoin('items', 'items.id', 'annotation_docs.item_id')
      .innerJoin('datasets', 'datasets.id', 'items.dataset_id')
      .select([
        'annotation_docs.id',
        'annotation_docs.item_id',
        'annotation_docs.annotator_id',
        'annotation_docs.revision',
        'annotation_docs.body',
        'annotation_docs.updated_at',
        'items.target_ids',
        'datasets.label_set_id',
      ])
      .where('annotation_docs.id', '>', after)
      .orderBy('annotation_docs.id')
      .limit(DOCUMENTS_PER_PAGE)
      .execute()) as LegacyDocument[];
    for (const doc of page) await migrateDocument(db, doc);
    const last = page[page.length - 1];
    if (!last || page.length < DOCUMENTS_PER_PAGE) return;
    after = last.id;
  }
}

async function up(trx: AnyDb): Promise<void> {
  await createTables(trx);
  await upgradeLabelSets(trx);
  await migrateDocuments(trx);
  await trx.schema.alterTable('annotation_docs').dropColumn('body').execute();
}

export const recordsMigration: Migration = {
  // PostgreSQL runs migrations in a transaction; on SQLite (no transactional migrations in
  // Kysely) this one opens its own, so a failure leaves no half-converted database.
  up: (db: AnyDb) => (db.isTransaction ? up(db) : db.transaction().execute((trx) => up(trx))),
};
