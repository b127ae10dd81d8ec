/**
 * Approving, in one go, every submitted document of the items of a dataset on which all handed-in
 * readers agree: at least two readers handed in, none is still at work, and their answers do not
 * differ anywhere. Walks the dataset's items a page at a time; each document is approved in its
 * own transaction under its lock, audited as a review is, and the run is audited once more.
 * Items the approver reads themself are left alone (a reader never reviews their own item).
 */
import type { Kysely } from 'kysely';
import type { BulkApproveResult } from '../../../src/core/api';
import { lockDocument } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { HttpError } from '../../http/errors';
import { writeAudit } from '../audit';
import { applyReview } from '../annotations/workflow';
import { adjudicatedItem, itemAdjudication } from './itemConsensus';

const ITEMS_PER_PAGE = 200;

interface ItemReaders {
  readonly itemId: string;
  readonly states: Map<string, string>;
}

async function pageOfItems(db: Kysely<Database>, datasetId: string, after: string | null, limit: number): Promise<ItemReaders[]> {
  let query = db.selectFrom('items').select('id').where('dataset_id', '=', datasetId).orderBy('id').limit(limit);
  if (after !== null) query = query.where('id', '>', after);
  const ids = (await query.execute()).map((row) => row.id);
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('assignments').select(['item_id', 'user_id', 'state']).where('item_id', 'in', ids).execute();
  const byItem = new Map(ids.map((id) => [id, new Map<string, string>()] as const));
  for (const row of rows) byItem.get(row.item_id)!.set(row.user_id, row.state);
  return ids.map((itemId) => ({ itemId, states: byItem.get(itemId)! }));
}

/** Ready to compare: two or more handed in, none still at work, something left to approve, not read by the approver. */
function ready({ states }: ItemReaders, approverId: string): boolean {
  const all = [...states.values()];
  const handedIn = all.filter((state) => state === 'submitted' || state === 'approved').length;
  return !states.has(approverId) && handedIn >= 2 && handedIn === all.length && all.includes('submitted');
}

export async function bulkApprove(db: Kysely<Database>, datasetId: string, approverId: string, now: () => Date, itemsPerPage = ITEMS_PER_PAGE): Promise<BulkApproveResult> {
  let itemsChecked = 0;
  let itemsApproved = 0;
  let documentsApproved = 0;
  let itemsDiffering = 0;
  let after: string | null = null;
  for (;;) {
    const page = await pageOfItems(db, datasetId, after, itemsPerPage);
    for (const candidate of page) {
      itemsChecked += 1;
      if (!ready(candidate, approverId)) continue;
      const adjudication = await itemAdjudication(db, await adjudicatedItem(db, candidate.itemId));
      if (adjudication.differing.length > 0) {
        itemsDiffering += 1;
        continue;
      }
      let approvedHere = 0;
      for (const reader of adjudication.work) {
        if (reader.state !== 'submitted') continue;
        const review = { itemId: candidate.itemId, annotatorId: reader.readerId, reviewerId: approverId, decision: 'approve' as const, comment: null, anchor: null };
        try {
          await db.transaction().execute(async (trx) => {
            await lockDocument(trx, review.itemId, review.annotatorId);
            return applyReview(trx, review, now().toISOString());
          });
          approvedHere += 1;
        } catch (error) {
          // Reviewed (or returned) by someone else since the page was read: theirs stands.
          if (!(error instanceof HttpError && error.statusCode === 409)) throw error;
        }
      }
      documentsApproved += approvedHere;
      if (approvedHere > 0) itemsApproved += 1;
    }
    if (page.length < itemsPerPage) break;
    after = page[page.length - 1]!.itemId;
  }
  const result: BulkApproveResult = { itemsChecked, itemsApproved, documentsApproved, itemsDiffering };
  await writeAudit(db, { at: now().toISOString(), userId: approverId, action: 'dataset.bulkApprove', entity: 'dataset', entityId: datasetId, detail: { ...result } });
  return result;
}
