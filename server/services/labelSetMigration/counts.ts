/**
 * The records a dataset holds per question and class, as the migration planner
 * (src/core/labelSets/migrationPlan.ts) needs them to show what moving the dataset to another
 * version of its label set would do (apply.ts then rewrites them).
 */
import type { Kysely } from 'kysely';
import type { ClassCount } from '../../../src/core/labelSets/migrationPlan';
import type { LabelSet } from '../../../src/core/labelSet';
import { toNumber } from '../../db/dialect';
import type { Database } from '../../db/schema';

/** Bodies read per query when counting a multiple-choice question's classes. */
const PAGE = 1000;

/**
 * Every live record of the dataset counted by question and class. The `class_code` column holds
 * a record's first class, which is all a single-choice, grade or region record has; a
 * multiple-choice record may carry more, so those questions are counted from the bodies, a page
 * at a time.
 */
export async function countDatasetClasses(db: Kysely<Database>, datasetId: string, labelSet: LabelSet): Promise<ClassCount[]> {
  const multiple = labelSet.questions.filter((q) => q.kind === 'multiple').map((q) => q.id);
  let byColumn = db
    .selectFrom('annotation_records as r')
    .innerJoin('items as i', 'i.id', 'r.item_id')
    .select((eb) => ['r.question_id', 'r.class_code', eb.fn.countAll().as('records')])
    .where('i.dataset_id', '=', datasetId)
    .where('r.deleted', '=', 0)
    .where('r.class_code', 'is not', null);
  if (multiple.length > 0) byColumn = byColumn.where('r.question_id', 'not in', multiple);
  const rows = await byColumn.groupBy(['r.question_id', 'r.class_code']).execute();
  const counts: ClassCount[] = rows.map((row) => ({ questionId: row.question_id, classCode: row.class_code ?? '', records: toNumber(row.records) }));
  for (const questionId of multiple) counts.push(...(await countFromBodies(db, datasetId, questionId)));
  return counts;
}

async function countFromBodies(db: Kysely<Database>, datasetId: string, questionId: string): Promise<ClassCount[]> {
  const tally = new Map<string, number>();
  let after: { item: string; annotator: string; record: string } | null = null;
  for (;;) {
    let page = db
      .selectFrom('annotation_records as r')
      .innerJoin('items as i', 'i.id', 'r.item_id')
      .select(['r.item_id', 'r.annotator_id', 'r.record_id', 'r.body'])
      .where('i.dataset_id', '=', datasetId)
      .where('r.question_id', '=', questionId)
      .where('r.deleted', '=', 0);
    if (after) {
      const { item, annotator, record } = after;
      page = page.where((eb) => eb.or([eb('r.item_id', '>', item), eb.and([eb('r.item_id', '=', item), eb.or([eb('r.annotator_id', '>', annotator), eb.and([eb('r.annotator_id', '=', annotator), eb('r.record_id', '>', record)])])])]));
    }
    const rows = await page.orderBy('r.item_id').orderBy('r.annotator_id').orderBy('r.record_id').limit(PAGE).execute();
    for (const row of rows) {
      const body = row.body === null ? null : (JSON.parse(row.body) as { classCodes?: readonly string[] });
      for (const code of body?.classCodes ?? []) tally.set(code, (tally.get(code) ?? 0) + 1);
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE) break;
    after = { item: last.item_id, annotator: last.annotator_id, record: last.record_id };
  }
  return [...tally].map(([classCode, records]) => ({ questionId, classCode, records }));
}
