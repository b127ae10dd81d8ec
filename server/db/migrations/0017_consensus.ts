/**
 * Adjudication (issue 9): `consensus_decisions` holds every decision a WG lead took on a unit
 * (question + target key) where an item's readers differ. A changed decision is a new row with
 * the next version; the one before it stays (current = 0) as history. The consensus record set
 * is made from the current decisions and the readers' handed-in records (services/consensus).
 */
import type { Kysely, Migration } from 'kysely';

// any: a migration describes the schema as it was then, not today's typed Database.
type AnyDb = Kysely<any>;

export const consensusMigration: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('consensus_decisions')
      .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
      .addColumn('question_id', 'text', (c) => c.notNull())
      .addColumn('target_key', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('current', 'integer', (c) => c.notNull())
      .addColumn('decision', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('consensus_decisions_pk', ['item_id', 'question_id', 'target_key', 'version'])
      .execute();
    await db.schema.createIndex('consensus_decisions_current').on('consensus_decisions').columns(['item_id', 'current']).execute();
  },
};
