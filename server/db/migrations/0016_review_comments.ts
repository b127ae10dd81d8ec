/**
 * Review comment threads (issue 9): a thread is on one reader's document of an item, pinned to
 * an anchor (JSON CommentAnchor), open or resolved; its messages are appended, never edited.
 * Threads are read per document, so they are indexed by (item, annotator); `seq` orders threads
 * and messages written within the same millisecond.
 */
import type { Kysely, Migration } from 'kysely';
import { addSequenceKey } from '../dialect';

// any: a migration describes the schema as it was then, not today's typed Database.
type AnyDb = Kysely<any>;

export const reviewComments: Migration = {
  async up(db: AnyDb): Promise<void> {
    await addSequenceKey(db, db.schema.createTable('comment_threads'), 'seq')
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('item_id', 'text', (c) => c.notNull().references('items.id').onDelete('cascade'))
      .addColumn('annotator_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('anchor', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('comment_threads_document').on('comment_threads').columns(['item_id', 'annotator_id']).execute();

    await addSequenceKey(db, db.schema.createTable('comment_messages'), 'seq')
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('thread_id', 'text', (c) => c.notNull().references('comment_threads.id').onDelete('cascade'))
      .addColumn('author_id', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('comment_messages_thread').on('comment_messages').columns(['thread_id', 'seq']).execute();
  },
};
