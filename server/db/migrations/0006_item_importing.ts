/**
 * `items.importing`: 1 while an import run is still adding files to a new series, 0 once the run
 * has built the item from all of them. An importing item is kept from annotators (not listed,
 * not assignable, 404), so a run killed midway never shows a half-built series; re-running the
 * import heals it. Items that exist already are complete (0).
 */
import type { Kysely, Migration } from 'kysely';

// any: a migration describes the schema as it was then, not today's typed Database.
type AnyDb = Kysely<any>;

export const itemImporting: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema.alterTable('items').addColumn('importing', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  },
};
