/**
 * `import_jobs.owner`, `heartbeat_at`: which server instance runs a job, and when it last said so.
 * Several instances share one PostgreSQL; a job whose heartbeat is older than the lease is one
 * whose instance died, and any instance fails it, never one a live instance is running. Null on
 * every job before this migration: those unfinished are abandoned (no instance beats for them).
 */
import type { Kysely, Migration } from 'kysely';

// any: a migration describes the schema as it was then, not today's typed Database.
type AnyDb = Kysely<any>;

export const importJobOwner: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema.alterTable('import_jobs').addColumn('owner', 'text').execute();
    await db.schema.alterTable('import_jobs').addColumn('heartbeat_at', 'text').execute();
  },
};
