/**
 * `import_jobs.cancel_requested_at`: when a user asked a running job to stop. Any instance may
 * answer the cancel; the instance running the job reads it on its heartbeat and stops the build
 * through its in-process signal. Null on every job before this migration (none was asked so).
 */
import type { Kysely, Migration } from 'kysely';

// any: a migration describes the schema as it was then, not today's typed Database.
type AnyDb = Kysely<any>;

export const importJobCancel: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema.alterTable('import_jobs').addColumn('cancel_requested_at', 'text').execute();
  },
};
