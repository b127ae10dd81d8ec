/**
 * A dataset's dashboard figures, as SQL aggregates over its assignments and the audit log: one
 * GROUP BY per figure, nothing read per record, so it costs O(assignments) and is ready before
 * anything that reads records (agreement, per-question counts) has to be.
 */
import { sql, type Kysely } from 'kysely';
import type { DatasetDashboard } from '../../../src/core/api';
import { backlogAge, backlogCutoffs, kindProgress, medianOffset, readerProgress, THROUGHPUT_ACTIONS, throughputDays, throughputWindow } from '../../../src/core/dashboard';
import { toNumber } from '../../db/dialect';
import type { Database } from '../../db/schema';

/** Days the throughput line covers, today included. */
export const THROUGHPUT_DAYS = 30;
/** Work not yet handed in: what a passed due day makes overdue. */
const NOT_HANDED_IN = ['assigned', 'inProgress', 'returned'] as const;

export async function datasetDashboard(db: Kysely<Database>, datasetId: string, now: Date): Promise<DatasetDashboard> {
  const [kinds, work, throughput, backlog] = await Promise.all([
    itemsByKind(db, datasetId),
    workByReader(db, datasetId, now),
    throughputCounts(db, datasetId, now),
    backlogCounts(db, datasetId, now),
  ]);
  return {
    datasetId,
    generatedAt: now.toISOString(),
    items: kinds.reduce((sum, kind) => sum + kind.items, 0),
    byKind: kindProgress(kinds, work),
    readers: readerProgress(work),
    throughput: throughputDays(throughput, now, THROUGHPUT_DAYS),
    backlog: backlogAge(backlog, now),
  };
}

const datasetItems = (db: Kysely<Database>, datasetId: string) => db.selectFrom('items').where('items.dataset_id', '=', datasetId).where('items.importing', '=', 0);

async function itemsByKind(db: Kysely<Database>, datasetId: string) {
  const rows = await datasetItems(db, datasetId)
    .select(['items.kind', (eb) => eb.fn.countAll<number | string>().as('items')])
    .groupBy('items.kind')
    .execute();
  return rows.map((row) => ({ kind: row.kind, items: toNumber(row.items) }));
}

/** Assignments per (reader, item kind, state), with how many are overdue on the server's UTC day. */
async function workByReader(db: Kysely<Database>, datasetId: string, now: Date) {
  const today = now.toISOString().slice(0, 10);
  const rows = await datasetItems(db, datasetId)
    .innerJoin('assignments', 'assignments.item_id', 'items.id')
    .innerJoin('users', 'users.id', 'assignments.user_id')
    .select((eb) => [
      'assignments.user_id',
      'users.display_name',
      'items.kind',
      'assignments.state',
      eb.fn.countAll<number | string>().as('count'),
      eb.fn
        .sum<number | string | null>(
          eb
            .case()
            .when(eb.and([eb('assignments.due_date', '<', today), eb('assignments.state', 'in', [...NOT_HANDED_IN])]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('overdue'),
    ])
    .groupBy(['assignments.user_id', 'users.display_name', 'items.kind', 'assignments.state'])
    .execute();
  return rows.map((row) => ({ userId: row.user_id, displayName: row.display_name, kind: row.kind, state: row.state, count: toNumber(row.count), overdue: toNumber(row.overdue) }));
}

/**
 * Submits, approvals and returns per UTC day, from the audit log: the workflow writes an
 * `item.<event>` row in the same transaction as the state change, with the assignment's
 * `<itemId>/<annotatorId>` as entity id (services/annotations/workflow.ts), so its times are the
 * events' own, where an assignment's `updated_at` keeps only the latest.
 */
async function throughputCounts(db: Kysely<Database>, datasetId: string, now: Date) {
  const since = `${throughputWindow(now, THROUGHPUT_DAYS)[0]}T00:00:00.000Z`;
  const day = sql<string>`substr(audit_log.at, 1, 10)`;
  const rows = await datasetItems(db, datasetId)
    .innerJoin('assignments', 'assignments.item_id', 'items.id')
    .innerJoin('audit_log', (join) => join.on('audit_log.entity_id', '=', sql<string>`assignments.item_id || '/' || assignments.user_id`))
    .select((eb) => [day.as('day'), 'audit_log.action', eb.fn.countAll<number | string>().as('count')])
    .where('audit_log.entity', '=', 'assignment')
    .where('audit_log.action', 'in', [...THROUGHPUT_ACTIONS])
    .where('audit_log.at', '>=', since)
    .groupBy([day, 'audit_log.action'])
    .execute();
  return rows.map((row) => ({ day: row.day, action: row.action, count: toNumber(row.count) }));
}

/** Submitted work waiting for review: how much, the oldest, the median and the age buckets (a submit sets `updated_at`). */
async function backlogCounts(db: Kysely<Database>, datasetId: string, now: Date) {
  const cut = backlogCutoffs(now);
  const waiting = () => datasetItems(db, datasetId).innerJoin('assignments', 'assignments.item_id', 'items.id').where('assignments.state', '=', 'submitted');
  const since = (after: string, upTo: string | null) => sql<number | string | null>`sum(case when assignments.updated_at > ${after}${upTo === null ? sql`` : sql` and assignments.updated_at <= ${upTo}`} then 1 else 0 end)`;
  const counts = await waiting()
    .select((eb) => [
      eb.fn.countAll<number | string>().as('waiting'),
      eb.fn.min('assignments.updated_at').as('oldest'),
      since(cut.oneDay, null).as('under_one'),
      since(cut.threeDays, cut.oneDay).as('one_to_three'),
      since(cut.sevenDays, cut.threeDays).as('three_to_seven'),
    ])
    .executeTakeFirstOrThrow();
  const total = toNumber(counts.waiting);
  const offset = medianOffset(total);
  const median =
    offset === null ? undefined : await waiting().select('assignments.updated_at').orderBy('assignments.updated_at').limit(1).offset(offset).executeTakeFirst();
  return {
    waiting: total,
    oldestAt: counts.oldest ?? null,
    medianAt: median?.updated_at ?? null,
    underOneDay: toNumber(counts.under_one),
    oneToThreeDays: toNumber(counts.one_to_three),
    threeToSevenDays: toNumber(counts.three_to_seven),
  };
}
