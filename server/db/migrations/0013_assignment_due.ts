/**
 * `assignments.due_date`: the day (YYYY-MM-DD, the lead's calendar day) a reader should have
 * submitted the item by; null when the lead set none. Existing assignments have none.
 */
import type { Kysely, Migration } from 'kysely';

// any: a migration describes the schema as it was then, not today's typed Database.
type AnyDb = Kysely<any>;

export const assignmentDue: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema.alterTable('assignments').addColumn('due_date', 'text').execute();
  },
};
