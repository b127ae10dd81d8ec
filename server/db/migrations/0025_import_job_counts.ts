/**
 * `import_jobs.done_count`, `total_count`, `done_bytes`: a PACS pull's progress as counts (instances
 * decided of those the PACS listed, bytes received), which a percent cannot say. Null for every
 * other job, whose progress stays a percent.
 */
import type { Kysely, Migration } from 'kysely';

// any: a migration describes the schema as it was then, not today's typed Database.
type AnyDb = Kysely<any>;

export const importJobCounts: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema.alterTable('import_jobs').addColumn('done_count', 'integer').execute();
    await db.schema.alterTable('import_jobs').addColumn('total_count', 'integer').execute();
    await db.schema.alterTable('import_jobs').addColumn('done_bytes', 'bigint').execute();
  },
};
