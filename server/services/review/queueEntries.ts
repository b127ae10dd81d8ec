/**
 * Keeps `review_queue` (migration 0015) in step with the workflow, in the workflow's transaction:
 * a submit enters (or re-enters) the reader's document, every state change moves its row, and
 * whenever the item's handed-in readers change (a submit, a return) the item's disagreement flag is
 * compared again. Comparing reads the item's handed-in records: O(records of the item), as the
 * submit's snapshot already is; never per edit.
 */
import type { Kysely } from 'kysely';
import { toNumber } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { labelSetStore } from '../labelSets';
import { itemDifferences } from './handedInWork';

export interface QueueRef {
  readonly itemId: string;
  readonly annotatorId: string;
}

/** The reader handed the document in at `at`: it waits on a reviewer from then. */
export async function enterQueue(db: Kysely<Database>, ref: QueueRef, at: string): Promise<void> {
  const item = await db.selectFrom('items').select('dataset_id').where('id', '=', ref.itemId).executeTakeFirstOrThrow();
  await db
    .insertInto('review_queue')
    .values({ item_id: ref.itemId, annotator_id: ref.annotatorId, dataset_id: item.dataset_id, state: 'submitted', submitted_at: at, disagrees: null })
    .onConflict((oc) => oc.columns(['item_id', 'annotator_id']).doUpdateSet({ state: 'submitted', submitted_at: at }))
    .execute();
}

/** The assignment moved to `state`; a document never handed in has no row and gains none. */
export async function moveQueueRow(db: Kysely<Database>, ref: QueueRef, state: string): Promise<void> {
  await db.updateTable('review_queue').set({ state }).where('item_id', '=', ref.itemId).where('annotator_id', '=', ref.annotatorId).execute();
}

/** Compares the item's handed-in readers again and stores the result on each of its rows. */
export async function refreshDisagreement(db: Kysely<Database>, itemId: string): Promise<void> {
  const item = await db
    .selectFrom('items')
    .innerJoin('datasets', 'datasets.id', 'items.dataset_id')
    .select(['items.target_ids', 'datasets.label_set_id', 'datasets.label_set_version'])
    .where('items.id', '=', itemId)
    .executeTakeFirstOrThrow();
  const labelSet = await labelSetStore(db).get(item.label_set_id, toNumber(item.label_set_version));
  if (!labelSet) throw new Error(`item ${itemId} has no label set`);
  const differences = await itemDifferences(db, { id: itemId, targetIds: JSON.parse(item.target_ids) as string[] }, labelSet);
  await db
    .updateTable('review_queue')
    .set({ disagrees: differences.length > 0 ? 1 : 0 })
    .where('item_id', '=', itemId)
    .execute();
}

/** Start-up: compares the items whose rows were made by the migration from existing work (none after that). */
export async function fillReviewFlags(db: Kysely<Database>): Promise<number> {
  const rows = await db.selectFrom('review_queue').select('item_id').distinct().where('disagrees', 'is', null).execute();
  for (const row of rows) await refreshDisagreement(db, row.item_id);
  return rows.length;
}
