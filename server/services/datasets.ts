/** Datasets and the caller's progress over them. */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DatasetSummary, User } from '../../src/core/api';
import { toNumber } from '../db/dialect';
import type { Database, DatasetRow } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { seesAllItems } from './access';
import { assignReaders } from './assignments';
import { writeAudit } from './audit';

interface Tally {
  itemCount: number;
  labelled: number;
  total: number;
  submitted: number;
}

function summary(row: DatasetRow, tally: Tally | undefined): DatasetSummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    labelSetId: row.label_set_id,
    labelSetVersion: toNumber(row.label_set_version),
    itemCount: tally?.itemCount ?? 0,
    progress: { labelled: tally?.labelled ?? 0, total: tally?.total ?? 0 },
    submittedCount: tally?.submitted ?? 0,
  };
}

/**
 * Datasets the caller sees, each with `itemCount` = items the caller can open, and progress and
 * submitted count over the caller's own assignments.
 */
export async function listDatasets(db: Kysely<Database>, user: User): Promise<DatasetSummary[]> {
  const all = seesAllItems(user);
  const mine = await db
    .selectFrom('assignments')
    .innerJoin('items', 'items.id', 'assignments.item_id')
    .leftJoin('annotation_docs', (join) =>
      join.onRef('annotation_docs.item_id', '=', 'assignments.item_id').onRef('annotation_docs.annotator_id', '=', 'assignments.user_id'),
    )
    .select((eb) => [
      'items.dataset_id',
      eb.fn.countAll<number>().as('items'),
      eb.fn.sum<number>('items.target_count').as('total'),
      eb.fn.sum<number>(eb.fn.coalesce('annotation_docs.labelled', sql<number>`0`)).as('labelled'),
      eb.fn
        .sum<number>(eb.case().when('assignments.state', 'in', ['submitted', 'approved']).then(1).else(0).end())
        .as('submitted'),
    ])
    .where('assignments.user_id', '=', user.id)
    .groupBy('items.dataset_id')
    .execute();
  const tallies = new Map<string, Tally>(
    mine.map((row) => [
      row.dataset_id,
      { itemCount: toNumber(row.items), labelled: toNumber(row.labelled), total: toNumber(row.total), submitted: toNumber(row.submitted) },
    ]),
  );
  if (all) {
    const counts = await db
      .selectFrom('items')
      .select((eb) => ['dataset_id', eb.fn.countAll<number>().as('items')])
      .where('importing', '=', 0)
      .groupBy('dataset_id')
      .execute();
    for (const row of counts) {
      const tally = tallies.get(row.dataset_id) ?? { itemCount: 0, labelled: 0, total: 0, submitted: 0 };
      tallies.set(row.dataset_id, { ...tally, itemCount: toNumber(row.items) });
    }
  }
  const rows = await db.selectFrom('datasets').selectAll().orderBy('name').execute();
  return rows.filter((row) => all || tallies.has(row.id)).map((row) => summary(row, tallies.get(row.id)));
}

export interface NewDataset {
  readonly name: string;
  readonly description: string;
  readonly labelSetId: string;
  readonly labelSetVersion: number;
}

/** Creates a dataset; throws a unique violation when the name is taken. */
export async function createDataset(db: Kysely<Database>, dataset: NewDataset, actorId: string | null, at: string): Promise<DatasetSummary> {
  const row: DatasetRow = {
    id: randomUUID(),
    name: dataset.name,
    description: dataset.description,
    label_set_id: dataset.labelSetId,
    label_set_version: dataset.labelSetVersion,
    created_at: at,
  };
  await inTransaction(db, async (trx) => {
    await trx.insertInto('datasets').values(row).execute();
    await writeAudit(trx, { at, userId: actorId, action: 'dataset.create', entity: 'dataset', entityId: row.id, detail: { name: row.name } });
  });
  return summary(row, undefined);
}

export async function findDataset(db: Kysely<Database>, id: string): Promise<DatasetRow | undefined> {
  return db.selectFrom('datasets').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findDatasetByName(db: Kysely<Database>, name: string): Promise<DatasetRow | undefined> {
  return db.selectFrom('datasets').selectAll().where('name', '=', name).executeTakeFirst();
}

/** Assigns items of a dataset (all when `itemIds` is null) to one user; returns how many were newly assigned. */
export async function assignItems(
  db: Kysely<Database>,
  datasetId: string,
  userId: string,
  itemIds: readonly string[] | null,
  actorId: string | null,
  at: string,
): Promise<{ assigned: number; unknownItemIds: readonly string[] }> {
  const request = { datasetId, readerIds: [userId], strategy: 'everyReader', readersPerItem: 1, itemIds, dueDate: null } as const;
  const { assigned, unknownItemIds } = await assignReaders(db, request, actorId, at);
  return { assigned, unknownItemIds };
}
