/**
 * `import_jobs`: a slide upload whose pyramid the server builds after answering the request
 * (server/import/jobs). The source file is a blob named here; the job's report is written once,
 * when it ends. Listed per dataset, newest first.
 */
import type { Kysely, Migration } from 'kysely';

// any: a migration describes the schema as it was then, not today's typed Database.
type AnyDb = Kysely<any>;

export const importJobs: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('import_jobs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('dataset_id', 'text', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
      .addColumn('created_by', 'text')
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('source_sha256', 'text', (c) => c.notNull())
      .addColumn('source_size', 'bigint', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('phase', 'text')
      .addColumn('percent', 'integer', (c) => c.notNull())
      .addColumn('failure_code', 'text')
      .addColumn('failure_reason', 'text')
      .addColumn('report', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('import_jobs_dataset').on('import_jobs').columns(['dataset_id', 'created_at']).execute();
    // Start-up looks for jobs a stopped server left unfinished.
    await db.schema.createIndex('import_jobs_state').on('import_jobs').column('state').execute();
  },
};
