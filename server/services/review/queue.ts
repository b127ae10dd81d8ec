/**
 * The reviewer's queue: handed-in documents of items the caller does not read, longest waiting
 * first, keyset-paged on (submitted_at, item_id, annotator_id). One indexed query over
 * `review_queue` for the page, then the page's names and reader counts by id: O(page), whatever
 * the size of the datasets.
 */
import type { Kysely } from 'kysely';
import type { ReviewQueuePage, ReviewQueueRow, ReviewQueueState, User } from '../../../src/core/api';
import type { ItemKind } from '../../../src/core/item';
import { toNumber } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { decodeKeysetCursor, encodeKeysetCursor } from '../../http/keysetCursor';
import { HANDED_IN } from './handedInWork';

export interface ReviewQueueFilter {
  readonly state: ReviewQueueState;
  readonly datasetId?: string;
  readonly annotatorId?: string;
  /** ISO-8601 UTC bounds on when the work was handed in: before is exclusive, after inclusive. */
  readonly submittedBefore?: string;
  readonly submittedAfter?: string;
  /** only: items whose readers differ; none: items whose readers agree. */
  readonly disagreement?: 'only' | 'none';
}

type QueueCursor = readonly [submittedAt: string, itemId: string, annotatorId: string];

/** The cursor after a row: its `[submittedAt, itemId, annotatorId]` (http/keysetCursor.ts). */
export const decodeQueueCursor = (cursor: string): QueueCursor => decodeKeysetCursor(cursor, 3) as unknown as QueueCursor;

export async function listReviewQueue(
  db: Kysely<Database>,
  user: User,
  filter: ReviewQueueFilter,
  cursor: QueueCursor | null,
  limit: number,
): Promise<ReviewQueuePage> {
  let query = db
    .selectFrom('review_queue as q')
    .select(['q.item_id', 'q.annotator_id', 'q.dataset_id', 'q.state', 'q.submitted_at', 'q.disagrees'])
    .where('q.state', '=', filter.state)
    // Blinding: nothing of an item the caller reads, their own work included.
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('assignments as mine').select('mine.item_id').whereRef('mine.item_id', '=', 'q.item_id').where('mine.user_id', '=', user.id))),
    )
    .orderBy('q.submitted_at')
    .orderBy('q.item_id')
    .orderBy('q.annotator_id')
    .limit(limit + 1);
  if (filter.datasetId !== undefined) query = query.where('q.dataset_id', '=', filter.datasetId);
  if (filter.annotatorId !== undefined) query = query.where('q.annotator_id', '=', filter.annotatorId);
  if (filter.submittedBefore !== undefined) query = query.where('q.submitted_at', '<', filter.submittedBefore);
  if (filter.submittedAfter !== undefined) query = query.where('q.submitted_at', '>=', filter.submittedAfter);
  if (filter.disagreement !== undefined) query = query.where('q.disagrees', '=', filter.disagreement === 'only' ? 1 : 0);
  if (cursor) {
    const [submittedAt, itemId, annotatorId] = cursor;
    query = query.where((eb) =>
      eb.or([
        eb('q.submitted_at', '>', submittedAt),
        eb.and([eb('q.submitted_at', '=', submittedAt), eb('q.item_id', '>', itemId)]),
        eb.and([eb('q.submitted_at', '=', submittedAt), eb('q.item_id', '=', itemId), eb('q.annotator_id', '>', annotatorId)]),
      ]),
    );
  }
  const found = await query.execute();
  const page = found.slice(0, limit);
  const details = await pageDetails(db, page);
  const rows: ReviewQueueRow[] = page.map((row) => {
    const item = details.items.get(row.item_id);
    const counts = details.counts.get(row.item_id);
    return {
      itemId: row.item_id,
      itemName: item?.title ?? '',
      kind: (item?.kind ?? 'series') as ItemKind,
      datasetId: row.dataset_id,
      datasetName: details.datasets.get(row.dataset_id) ?? '',
      annotatorId: row.annotator_id,
      annotatorName: details.users.get(row.annotator_id) ?? '',
      state: row.state as ReviewQueueState,
      submittedAt: row.submitted_at,
      readers: counts?.readers ?? 0,
      handedIn: counts?.handedIn ?? 0,
      disagrees: toNumber(row.disagrees) === 1,
    };
  });
  const last = page[page.length - 1];
  return { rows, nextCursor: found.length > limit && last ? encodeKeysetCursor([last.submitted_at, last.item_id, last.annotator_id]) : null };
}

interface PageDetails {
  readonly items: Map<string, { readonly title: string; readonly kind: string }>;
  readonly datasets: Map<string, string>;
  readonly users: Map<string, string>;
  readonly counts: Map<string, { readonly readers: number; readonly handedIn: number }>;
}

/** Names and reader counts of a page's rows, by primary key: a few queries whatever the page. */
async function pageDetails(db: Kysely<Database>, page: readonly { item_id: string; annotator_id: string; dataset_id: string }[]): Promise<PageDetails> {
  if (page.length === 0) return { items: new Map(), datasets: new Map(), users: new Map(), counts: new Map() };
  const itemIds = [...new Set(page.map((row) => row.item_id))];
  const datasetIds = [...new Set(page.map((row) => row.dataset_id))];
  const userIds = [...new Set(page.map((row) => row.annotator_id))];
  const [items, datasets, users, counts] = await Promise.all([
    db.selectFrom('items').select(['id', 'title', 'kind']).where('id', 'in', itemIds).execute(),
    db.selectFrom('datasets').select(['id', 'name']).where('id', 'in', datasetIds).execute(),
    db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute(),
    db
      .selectFrom('assignments')
      .select((eb) => [
        'item_id',
        eb.fn.countAll<number>().as('readers'),
        eb.fn.sum<number>(eb.case().when('state', 'in', [...HANDED_IN]).then(1).else(0).end()).as('handed_in'),
      ])
      .where('item_id', 'in', itemIds)
      .groupBy('item_id')
      .execute(),
  ]);
  return {
    items: new Map(items.map((row) => [row.id, { title: row.title, kind: row.kind }])),
    datasets: new Map(datasets.map((row) => [row.id, row.name])),
    users: new Map(users.map((row) => [row.id, row.display_name])),
    counts: new Map(counts.map((row) => [row.item_id, { readers: toNumber(row.readers), handedIn: toNumber(row.handed_in) }])),
  };
}
