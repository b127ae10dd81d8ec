/**
 * `outline_layers`: read-only outline layers of an item (the demo slide's nuclei, later a model's
 * detections). The outlines themselves are one blob each (the binary form of
 * `encodeOutlineLayer`); the row names it and says how many outlines it holds.
 */
import type { Kysely, Migration } from 'kysely';

// any: a migration describes the schema as it was then, not today's typed Database.
type AnyDb = Kysely<any>;

export const outlineLayers: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('outline_layers')
      .addColumn('item_id', 'text', (c) => c.notNull().references('items.id').onDelete('cascade'))
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('polygon_count', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('outline_layers_pk', ['item_id', 'id'])
      .execute();
  },
};
