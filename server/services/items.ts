/** Item listings (keyset-paged, with the caller's state and progress) and item details. */
import type { Kysely } from 'kysely';
import type { AssignmentState, ItemPage, ItemSummary, User } from '../../src/core/api';
import type { Item, ItemContent } from '../../src/core/item';
import { toNumber } from '../db/dialect';
import type { Database, ItemRow } from '../db/schema';
import { decodeKeysetCursor, encodeKeysetCursor } from '../http/keysetCursor';
import { seesAllItems, seesImportingItems } from './access';

/** The cursor after an item: its `[sortKey, id]` (http/keysetCursor.ts). */
export const encodeCursor = (sortKey: string, id: string): string => encodeKeysetCursor([sortKey, id]);

export const decodeCursor = (cursor: string): [string, string] => decodeKeysetCursor(cursor, 2) as [string, string];

export async function listItems(
  db: Kysely<Database>,
  user: User,
  datasetId: string,
  cursor: [string, string] | null,
  limit: number,
): Promise<ItemPage> {
  let query = db
    .selectFrom('items')
    .leftJoin('assignments', (join) => join.onRef('assignments.item_id', '=', 'items.id').on('assignments.user_id', '=', user.id))
    .leftJoin('annotation_docs', (join) => join.onRef('annotation_docs.item_id', '=', 'items.id').on('annotation_docs.annotator_id', '=', user.id))
    .select([
      'items.id',
      'items.title',
      'items.kind',
      'items.sort_key',
      'items.target_count',
      'items.updated_at',
      'assignments.state',
      'assignments.updated_at as assigned_at',
      'assignments.due_date',
      'annotation_docs.labelled',
      'annotation_docs.updated_at as doc_updated_at',
    ])
    .where('items.dataset_id', '=', datasetId)
    .orderBy('items.sort_key')
    .orderBy('items.id')
    .limit(limit + 1);
  if (!seesAllItems(user)) query = query.where('assignments.user_id', 'is not', null);
  if (!seesImportingItems(user)) query = query.where('items.importing', '=', 0);
  if (cursor) {
    const [sortKey, id] = cursor;
    query = query.where((eb) => eb.or([eb('items.sort_key', '>', sortKey), eb.and([eb('items.sort_key', '=', sortKey), eb('items.id', '>', id)])]));
  }
  const rows = await query.execute();
  const page = rows.slice(0, limit);
  const items: ItemSummary[] = page.map((row) => ({
    id: row.id,
    title: row.title,
    kind: row.kind as ItemSummary['kind'],
    // null: not assigned to the caller (an admin's or reviewer's view), who cannot label it.
    state: row.state as AssignmentState | null,
    progress: { labelled: toNumber(row.labelled), total: toNumber(row.target_count) },
    updatedAt: row.doc_updated_at ?? row.assigned_at ?? row.updated_at,
    dueDate: row.due_date ?? null,
  }));
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.sort_key, last.id) : null };
}

export function itemFromRow(row: ItemRow): Item {
  return { id: row.id, datasetId: row.dataset_id, title: row.title, content: JSON.parse(row.content) as ItemContent };
}

export function targetIdsOf(row: ItemRow): string[] {
  return JSON.parse(row.target_ids) as string[];
}

/** Orders titles naturally ("Series 2" before "Series 10") by zero-padding digit runs. */
export function sortKeyFor(title: string): string {
  return title.toLowerCase().replace(/\d+/g, (digits) => digits.padStart(12, '0'));
}
