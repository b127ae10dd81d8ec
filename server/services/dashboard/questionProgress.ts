/**
 * Per question, the settled live work of all readers of a dataset: answers (one label record per
 * target) and regions (shapes and masks). A GROUP BY over the dataset's records, O(records), so the
 * dashboard asks for it after its first paint.
 */
import type { Kysely } from 'kysely';
import type { DashboardQuestions } from '../../../src/core/api';
import { toNumber } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { workCounts } from './workCounts';

export async function questionProgress(db: Kysely<Database>, datasetId: string): Promise<DashboardQuestions> {
  const rows = await db
    .selectFrom('items')
    .innerJoin('annotation_records as r', 'r.item_id', 'items.id')
    .select((eb) => [
      'r.question_id',
      ...workCounts(eb),
    ])
    .where('items.dataset_id', '=', datasetId)
    .where('r.deleted', '=', 0)
    .where('r.settled', '=', 1)
    .groupBy('r.question_id')
    .orderBy('r.question_id')
    .execute();
  return { questions: rows.map((row) => ({ questionId: row.question_id, targetsLabelled: toNumber(row.labelled), regionsDrawn: toNumber(row.regions) })) };
}
