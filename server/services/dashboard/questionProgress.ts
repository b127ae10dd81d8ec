/**
 * Per question, the settled live work of all readers of a dataset: targets answered and regions
 * (shapes and masks) drawn, counted as every dashboard counts them (`workCounts.ts`: a target
 * answered by overlapping ranges of one question counts once per reader). One window and one
 * GROUP BY over the dataset's records, O(records log records), so the dashboard asks for it after
 * its first paint.
 */
import type { Kysely } from 'kysely';
import type { DashboardQuestions } from '../../../src/core/api';
import { toNumber } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { workColumns, workCounts } from './workCounts';

export async function questionProgress(db: Kysely<Database>, datasetId: string): Promise<DashboardQuestions> {
  const work = db
    .selectFrom('items')
    .innerJoin('annotation_records as r', 'r.item_id', 'items.id')
    .select(['r.question_id', ...workColumns])
    .where('items.dataset_id', '=', datasetId)
    .where('r.deleted', '=', 0)
    .where('r.settled', '=', 1)
    .as('w');
  const rows = await db
    .selectFrom(work)
    .select(['w.question_id', ...workCounts])
    .groupBy('w.question_id')
    .execute();
  const questions = rows.map((row) => ({ questionId: row.question_id, targetsLabelled: toNumber(row.labelled), regionsDrawn: toNumber(row.regions) }));
  // Sorted here, not by the database: its collation differs between SQLite and PostgreSQL.
  return { questions: questions.sort((a, b) => (a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0)) };
}
