/**
 * Label-set migrations applied to datasets (issue 14 §2): one row per run with its mapping and
 * counts, and per rewritten record the question and classes it had before, written page by page
 * as the run rewrites, so the last run of a dataset can be undone until its next release. The
 * review threads a run opened on documents whose records lost their class are listed so an undo
 * resolves them.
 */
import type { Kysely, Migration } from 'kysely';

// any: a migration describes the schema as it was then, not today's typed Database.
type AnyDb = Kysely<any>;

export const labelSetMigrations: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('label_set_migrations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('dataset_id', 'text', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
      .addColumn('label_set_id', 'text', (c) => c.notNull())
      .addColumn('from_version', 'integer', (c) => c.notNull())
      .addColumn('to_version', 'integer', (c) => c.notNull())
      .addColumn('mapping', 'text', (c) => c.notNull())
      .addColumn('counts', 'text', (c) => c.notNull())
      .addColumn('applied_by', 'text', (c) => c.notNull())
      .addColumn('applied_at', 'text', (c) => c.notNull())
      .addColumn('undone_by', 'text')
      .addColumn('undone_at', 'text')
      .execute();
    await db.schema.createIndex('label_set_migrations_dataset').on('label_set_migrations').columns(['dataset_id', 'applied_at']).execute();

    await db.schema
      .createTable('label_set_migration_records')
      .addColumn('migration_id', 'text', (c) => c.notNull().references('label_set_migrations.id').onDelete('cascade'))
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('annotator_id', 'text', (c) => c.notNull())
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('previous_question_id', 'text', (c) => c.notNull())
      /** JSON array of the class codes the record had (one for a shape or mask). */
      .addColumn('previous_classes', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('label_set_migration_records_pk', ['migration_id', 'item_id', 'annotator_id', 'record_id'])
      .execute();

    await db.schema
      .createTable('label_set_migration_threads')
      .addColumn('migration_id', 'text', (c) => c.notNull().references('label_set_migrations.id').onDelete('cascade'))
      .addColumn('thread_id', 'text', (c) => c.notNull().references('comment_threads.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('label_set_migration_threads_pk', ['migration_id', 'thread_id'])
      .execute();
  },
};
