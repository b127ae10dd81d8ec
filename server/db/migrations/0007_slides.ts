/**
 * `slides`: per slide item, the blobs that serve it (the tile pack and its index), the source file
 * as imported, and the scanner's facts. The item row itself is an ordinary `items` row of kind
 * 'slide'; deleting the item deletes this row.
 */
import type { Kysely, Migration } from 'kysely';

// any: a migration describes the schema as it was then, not today's typed Database.
type AnyDb = Kysely<any>;

export const slidesMigration: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('slides')
      .addColumn('item_id', 'text', (c) => c.primaryKey().references('items.id').onDelete('cascade'))
      .addColumn('pack_sha256', 'text', (c) => c.notNull())
      .addColumn('index_sha256', 'text', (c) => c.notNull())
      .addColumn('source_sha256', 'text', (c) => c.notNull())
      .addColumn('source_name', 'text', (c) => c.notNull())
      .addColumn('facts', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};
