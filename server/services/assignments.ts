/**
 * Assigning a dataset's items to readers: the plan comes from core (`planAssignments`), this
 * writes it in one transaction with one audit row. Cost is O(items of the dataset + assignments
 * of those items), once per assignment request; never per edit.
 */
import type { Kysely, Transaction } from 'kysely';
import { planAssignments, type AssignStrategy } from '../../src/core/assignment/planAssignments';
import { toNumber } from '../db/dialect';
import type { Database } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { writeAudit } from './audit';

export interface AssignReadersRequest {
  readonly datasetId: string;
  readonly readerIds: readonly string[];
  readonly strategy: AssignStrategy;
  readonly readersPerItem: number;
  /** null: every item of the dataset (not those still importing). */
  readonly itemIds: readonly string[] | null;
  /** YYYY-MM-DD, or null for none. */
  readonly dueDate: string | null;
}

export interface AssignReadersResult {
  /** Assignments newly made. */
  readonly assigned: number;
  /** Newly made per reader, in the order the readers were named. */
  readonly readers: readonly { readonly userId: string; readonly assigned: number }[];
  /** Named items that are not (complete) items of the dataset; nothing is assigned when any is. */
  readonly unknownItemIds: readonly string[];
}

/** Work a reader still has to do: assigned, started or returned (submitted work waits on a reviewer). */
const OPEN_STATES = ['assigned', 'inProgress', 'returned'];

// Chunked: SQLite caps bound parameters per statement.
const CHUNK = 200;

export async function assignReaders(db: Kysely<Database>, request: AssignReadersRequest, actorId: string | null, at: string): Promise<AssignReadersResult> {
  return inTransaction(db, async (trx) => {
    const rows = await trx
      .selectFrom('items')
      .select('id')
      .where('dataset_id', '=', request.datasetId)
      .where('importing', '=', 0)
      .orderBy('sort_key')
      .orderBy('id')
      .execute();
    const listed = rows.map((row) => row.id);
    const inDataset = new Set(listed);
    const itemIds = request.itemIds === null ? listed : [...new Set(request.itemIds)];
    const unknownItemIds = itemIds.filter((id) => !inDataset.has(id));
    const readerIds = [...new Set(request.readerIds)];
    if (unknownItemIds.length > 0) return { assigned: 0, readers: readerIds.map((userId) => ({ userId, assigned: 0 })), unknownItemIds };

    const plan = planAssignments({
      itemIds,
      readerIds,
      strategy: request.strategy,
      readersPerItem: request.readersPerItem,
      existingReaders: await existingReaders(trx, request.datasetId),
      load: request.strategy === 'balanced' ? await openLoad(trx, readerIds) : new Map(),
    });
    for (let i = 0; i < plan.length; i += CHUNK) {
      await trx
        .insertInto('assignments')
        .values(plan.slice(i, i + CHUNK).map(({ itemId, readerId }) => ({ item_id: itemId, user_id: readerId, state: 'assigned', updated_at: at, due_date: request.dueDate })))
        .onConflict((oc) => oc.columns(['item_id', 'user_id']).doNothing())
        .execute();
    }
    // By hand, naming a reader again sets the due date of the items they already read.
    if (request.strategy === 'everyReader' && request.dueDate !== null) await setDueDate(trx, itemIds, readerIds, request.dueDate);

    const perReader = new Map(readerIds.map((id) => [id, 0]));
    for (const { readerId } of plan) perReader.set(readerId, (perReader.get(readerId) ?? 0) + 1);
    const readers = readerIds.map((userId) => ({ userId, assigned: perReader.get(userId) ?? 0 }));
    await writeAudit(trx, {
      at,
      userId: actorId,
      action: 'assignment.create',
      entity: 'dataset',
      entityId: request.datasetId,
      detail: {
        strategy: request.strategy,
        readersPerItem: request.readersPerItem,
        dueDate: request.dueDate,
        // The item list is the dataset's when none was named; a named one is kept for the record.
        itemIds: request.itemIds === null ? 'all' : itemIds,
        readers,
      },
    });
    return { assigned: plan.length, readers, unknownItemIds: [] };
  });
}

async function existingReaders(trx: Transaction<Database>, datasetId: string): Promise<Map<string, Set<string>>> {
  const rows = await trx
    .selectFrom('assignments')
    .innerJoin('items', 'items.id', 'assignments.item_id')
    .select(['assignments.item_id', 'assignments.user_id'])
    .where('items.dataset_id', '=', datasetId)
    .execute();
  const readers = new Map<string, Set<string>>();
  for (const row of rows) {
    let set = readers.get(row.item_id);
    if (!set) readers.set(row.item_id, (set = new Set()));
    set.add(row.user_id);
  }
  return readers;
}

async function openLoad(trx: Transaction<Database>, readerIds: readonly string[]): Promise<Map<string, number>> {
  if (readerIds.length === 0) return new Map();
  const rows = await trx
    .selectFrom('assignments')
    .select(['user_id', (eb) => eb.fn.countAll<number>().as('open')])
    .where('user_id', 'in', readerIds)
    .where('state', 'in', OPEN_STATES)
    .groupBy('user_id')
    .execute();
  return new Map(rows.map((row) => [row.user_id, toNumber(row.open)]));
}

async function setDueDate(trx: Transaction<Database>, itemIds: readonly string[], readerIds: readonly string[], dueDate: string): Promise<void> {
  for (let i = 0; i < itemIds.length; i += CHUNK) {
    await trx
      .updateTable('assignments')
      .set({ due_date: dueDate })
      .where('item_id', 'in', itemIds.slice(i, i + CHUNK))
      .where('user_id', 'in', readerIds)
      .execute();
  }
}
