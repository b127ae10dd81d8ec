/**
 * `annotation_ops_author`: a person's ops by time, which their credit (services/dashboard/credit.ts)
 * reads for a period; no other index leads with the author, so without it every credit request
 * would scan the whole op log.
 */
import type { Kysely, Migration } from 'kysely';

// any: a migration describes the schema as it was then, not today's typed Database.
type AnyDb = Kysely<any>;

export const dashboardMigration: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema.createIndex('annotation_ops_author').on('annotation_ops').columns(['author_id', 'created_at']).execute();
  },
};
