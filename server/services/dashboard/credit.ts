/**
 * One person's credit for a period, per dataset, counts only: what they wrote (from their ops),
 * what of it stands (their live settled records last written in the period), how long they
 * worked (src/core/dashboard/timeSpent.ts over their op instants) and how reviews of their work
 * ended (the audit log's approve and return rows). Never a label's content.
 */
import { sql, type Kysely } from 'kysely';
import type { CreditDataset, CreditFigures, CreditReport } from '../../../src/core/api';
import { creditTotals, DEFAULT_IDLE_CUTOFF_MS, timeSpentMs, type CreditPeriod } from '../../../src/core/dashboard';
import { toNumber } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { workColumns, workCounts } from './workCounts';

const NO_FIGURES: CreditFigures = { itemsWorked: 0, targetsLabelled: 0, regionsDrawn: 0, recordsAuthored: 0, timeSpentMs: 0, approved: 0, returned: 0 };

export async function userCredit(
  db: Kysely<Database>,
  user: { readonly id: string; readonly displayName: string },
  period: CreditPeriod,
  idleCutoffMs = DEFAULT_IDLE_CUTOFF_MS,
): Promise<CreditReport> {
  const [ops, instants, records, reviews] = await Promise.all([opCounts(db, user.id, period), opInstants(db, user.id, period), recordCounts(db, user.id, period), reviewCounts(db, user.id, period)]);
  const byDataset = new Map<string, { name: string; figures: { -readonly [K in keyof CreditFigures]: number } }>();
  const entry = (datasetId: string, name: string) => {
    const found = byDataset.get(datasetId) ?? { name, figures: { ...NO_FIGURES } };
    byDataset.set(datasetId, found);
    return found.figures;
  };
  for (const row of ops) Object.assign(entry(row.datasetId, row.datasetName), { itemsWorked: row.items, recordsAuthored: row.records });
  for (const [datasetId, { name, at }] of instants) entry(datasetId, name).timeSpentMs = timeSpentMs(at, idleCutoffMs);
  for (const row of records) Object.assign(entry(row.datasetId, row.datasetName), { targetsLabelled: row.labelled, regionsDrawn: row.regions });
  for (const row of reviews) {
    const figures = entry(row.datasetId, row.datasetName);
    if (row.action === 'item.approve') figures.approved += row.count;
    else figures.returned += row.count;
  }
  const datasets: CreditDataset[] = [...byDataset]
    .map(([datasetId, { name, figures }]) => ({ datasetId, datasetName: name, ...figures }))
    .sort((a, b) => a.datasetName.localeCompare(b.datasetName) || (a.datasetId < b.datasetId ? -1 : 1));
  return { user: { id: user.id, displayName: user.displayName }, from: period.from, to: period.to, idleCutoffMs, datasets, totals: creditTotals(datasets) };
}

/** The person's ops in the period (index annotation_ops_author, migration 0018), with their items' datasets. */
const opsOf = (db: Kysely<Database>, userId: string, period: CreditPeriod) =>
  db
    .selectFrom('annotation_ops as op')
    .innerJoin('items', 'items.id', 'op.item_id')
    .innerJoin('datasets', 'datasets.id', 'items.dataset_id')
    .where('op.author_id', '=', userId)
    .where('op.created_at', '>=', period.startAt)
    .where('op.created_at', '<', period.endAt);

async function opCounts(db: Kysely<Database>, userId: string, period: CreditPeriod) {
  const rows = await opsOf(db, userId, period)
    .select((eb) => [
      'datasets.id',
      'datasets.name',
      eb.fn.count<number | string>('op.item_id').distinct().as('items'),
      sql<number | string>`count(distinct case when op.kind = 'put' then op.item_id || '/' || op.record_id end)`.as('records'),
    ])
    .groupBy(['datasets.id', 'datasets.name'])
    .execute();
  return rows.map((row) => ({ datasetId: row.id, datasetName: row.name, items: toNumber(row.items), records: toNumber(row.records) }));
}

/** Distinct op instants per dataset (a batch's ops share one), for the time worked. */
async function opInstants(db: Kysely<Database>, userId: string, period: CreditPeriod) {
  const rows = await opsOf(db, userId, period).select(['datasets.id', 'datasets.name', 'op.created_at']).distinct().execute();
  const byDataset = new Map<string, { name: string; at: string[] }>();
  for (const row of rows) {
    const found = byDataset.get(row.id) ?? { name: row.name, at: [] };
    found.at.push(row.created_at);
    byDataset.set(row.id, found);
  }
  return byDataset;
}

/**
 * The person's live settled records last written in the period, from their assignments (index
 * assignments_user, then the records' key), counted as every dashboard counts them (`workCounts.ts`).
 */
async function recordCounts(db: Kysely<Database>, userId: string, period: CreditPeriod) {
  const work = db
    .selectFrom('assignments')
    .innerJoin('annotation_records as r', (join) => join.onRef('r.item_id', '=', 'assignments.item_id').onRef('r.annotator_id', '=', 'assignments.user_id'))
    .innerJoin('items', 'items.id', 'assignments.item_id')
    .innerJoin('datasets', 'datasets.id', 'items.dataset_id')
    .select(['datasets.id', 'datasets.name', ...workColumns])
    .where('assignments.user_id', '=', userId)
    .where('r.deleted', '=', 0)
    .where('r.settled', '=', 1)
    .where('r.updated_at', '>=', period.startAt)
    .where('r.updated_at', '<', period.endAt)
    .as('w');
  const rows = await db
    .selectFrom(work)
    .select(['w.id', 'w.name', ...workCounts])
    .groupBy(['w.id', 'w.name'])
    .execute();
  return rows.map((row) => ({ datasetId: row.id, datasetName: row.name, labelled: toNumber(row.labelled), regions: toNumber(row.regions) }));
}

/** Reviews of the person's work decided in the period: audit rows keyed by their assignments (index audit_log_entity). */
async function reviewCounts(db: Kysely<Database>, userId: string, period: CreditPeriod) {
  const rows = await db
    .selectFrom('assignments')
    .innerJoin('audit_log', (join) => join.on('audit_log.entity_id', '=', sql<string>`assignments.item_id || '/' || assignments.user_id`))
    .innerJoin('items', 'items.id', 'assignments.item_id')
    .innerJoin('datasets', 'datasets.id', 'items.dataset_id')
    .select((eb) => ['datasets.id', 'datasets.name', 'audit_log.action', eb.fn.countAll<number | string>().as('count')])
    .where('assignments.user_id', '=', userId)
    .where('audit_log.entity', '=', 'assignment')
    .where('audit_log.action', 'in', ['item.approve', 'item.return'])
    .where('audit_log.at', '>=', period.startAt)
    .where('audit_log.at', '<', period.endAt)
    .groupBy(['datasets.id', 'datasets.name', 'audit_log.action'])
    .execute();
  return rows.map((row) => ({ datasetId: row.id, datasetName: row.name, action: row.action, count: toNumber(row.count) }));
}
