/**
 * `review_queue` (issue 9): one row per reader's document that has been handed in, kept by the
 * workflow (submit, approve, return, starting work again), so the reviewer's queue is an indexed
 * query instead of comparing readers' work on every request. `disagrees` is the item's flag (its
 * handed-in readers differ somewhere), the same on every row of the item; null until compared:
 * rows made here from existing work are compared by `fillReviewFlags` at start-up.
 */
import type { Kysely, Migration } from 'kysely';

// any: a migration describes the schema as it was then, not today's typed Database.
type AnyDb = Kysely<any>;

export const reviewQueueMigration: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('review_queue')
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('annotator_id', 'text', (c) => c.notNull())
      .addColumn('dataset_id', 'text', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('submitted_at', 'text', (c) => c.notNull())
      .addColumn('disagrees', 'integer')
      .addPrimaryKeyConstraint('review_queue_pk', ['item_id', 'annotator_id'])
      .addForeignKeyConstraint('review_queue_assignment', ['item_id', 'annotator_id'], 'assignments', ['item_id', 'user_id'], (fk) => fk.onDelete('cascade'))
      .execute();
    // The queue's order (longest waiting first) under each filter that narrows it most.
    await db.schema.createIndex('review_queue_waiting').on('review_queue').columns(['state', 'submitted_at', 'item_id', 'annotator_id']).execute();
    await db.schema.createIndex('review_queue_dataset').on('review_queue').columns(['dataset_id', 'state', 'submitted_at', 'item_id', 'annotator_id']).execute();
    await db.schema.createIndex('review_queue_annotator').on('review_queue').columns(['annotator_id', 'state', 'submitted_at', 'item_id']).execute();

    await db
      .insertInto('review_queue')
      .columns(['item_id', 'annotator_id', 'dataset_id', 'state', 'submitted_at'])
      .expression((eb) =>
        eb
          .selectFrom('assignments')
          .innerJoin('items', 'items.id', 'assignments.item_id')
          .select(['assignments.item_id', 'assignments.user_id', 'items.dataset_id', 'assignments.state', 'assignments.updated_at'])
          .where('assignments.state', 'in', ['submitted', 'approved', 'returned']),
      )
      .execute();
  },
};
