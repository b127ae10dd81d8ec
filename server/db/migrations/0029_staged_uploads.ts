/**
 * `staged_uploads` and `staged_upload_files`: an admin's upload session (server/uploads). Files
 * arrive one a request and wait, stored in the blob store but imported nowhere, until the admin
 * commits the session (an import job takes them in index order) or aborts it (rows and blobs go);
 * an idle session is swept. A staged file's blob is kept by its row (blobReferences.ts).
 * Re-runnable: SQLite runs migrations outside a transaction.
 */
import type { Kysely, Migration } from 'kysely';

// any: a migration describes the schema as it was then, not today's typed Database.
type AnyDb = Kysely<any>;

export const stagedUploads: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('staged_uploads')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('dataset_id', 'text', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
      .addColumn('created_by', 'text', (c) => c.notNull())
      // `open` (files may come), `committed` (its import job takes the files).
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('job_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      // Last file or commit: the idle sweep's clock.
      .addColumn('touched_at', 'text', (c) => c.notNull())
      .execute();
    // The quota sums an admin's sessions; the sweep looks for idle ones.
    await db.schema.createIndex('staged_uploads_owner').ifNotExists().on('staged_uploads').column('created_by').execute();
    await db.schema.createIndex('staged_uploads_touched').ifNotExists().on('staged_uploads').column('touched_at').execute();
    await db.schema
      .createTable('staged_upload_files')
      .ifNotExists()
      .addColumn('upload_id', 'text', (c) => c.notNull().references('staged_uploads.id').onDelete('cascade'))
      .addColumn('file_index', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      // The browser's de-identification report (src/core/deid/report.ts), stored with the file once imported.
      .addColumn('report', 'text')
      .addColumn('staged_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('staged_upload_files_pk', ['upload_id', 'file_index'])
      .execute();
  },
};
