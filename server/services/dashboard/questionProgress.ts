/**
 * Per question, the settled live work of all readers of a dataset: targets answered and regions
 * (shapes and masks) drawn. Two GROUP BYs over the dataset's records, O(records log records), so
 * the dashboard asks for it after its first paint.
 *
 * A target answered twice on one question by one reader counts once: two devices that never saw
 * each other's edits can leave overlapping frame ranges of one question on the server, and the
 * sum of their lengths would count the overlap twice. So ranges (labels with a span in the item's
 * reading order, `target_index … end_target_index`) are counted as the length of their union per
 * document and question; labels without a span (of the whole item) count one each.
 */
import { sql, type Kysely } from 'kysely';
import type { DashboardQuestions } from '../../../src/core/api';
import { toNumber } from '../../db/dialect';
import type { Database } from '../../db/schema';

export async function questionProgress(db: Kysely<Database>, datasetId: string): Promise<DashboardQuestions> {
  const [spans, others] = await Promise.all([spannedTargets(db, datasetId), unspannedWork(db, datasetId)]);
  const byQuestion = new Map<string, { targetsLabelled: number; regionsDrawn: number }>();
  const of = (questionId: string) => {
    let counts = byQuestion.get(questionId);
    if (!counts) byQuestion.set(questionId, (counts = { targetsLabelled: 0, regionsDrawn: 0 }));
    return counts;
  };
  for (const row of spans) of(row.questionId).targetsLabelled += row.targets;
  for (const row of others) {
    const counts = of(row.questionId);
    counts.targetsLabelled += row.labels;
    counts.regionsDrawn += row.regions;
  }
  const questions = [...byQuestion].map(([questionId, counts]) => ({ questionId, ...counts }));
  return { questions: questions.sort((a, b) => (a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0)) };
}

/** The dataset's live settled records, aliased `r`. */
function settledRecords(db: Kysely<Database>, datasetId: string) {
  return db
    .selectFrom('items')
    .innerJoin('annotation_records as r', 'r.item_id', 'items.id')
    .where('items.dataset_id', '=', datasetId)
    .where('r.deleted', '=', 0)
    .where('r.settled', '=', 1);
}

/**
 * Per question, the targets the spanned labels cover, each counted once per document: sorted by
 * first target within a document's question, a label adds the targets it reaches past the
 * furthest end of the labels before it (`reached`), none when it lies within them.
 */
async function spannedTargets(db: Kysely<Database>, datasetId: string): Promise<{ questionId: string; targets: number }[]> {
  const spans = settledRecords(db, datasetId)
    .select([
      'r.question_id',
      'r.target_index',
      'r.end_target_index',
      sql<number | null>`max(r.end_target_index) over (partition by r.item_id, r.annotator_id, r.question_id order by r.target_index, r.end_target_index, r.record_id rows between unbounded preceding and 1 preceding)`.as(
        'reached',
      ),
    ])
    .where('r.type', '=', 'label')
    .where('r.target_index', 'is not', null)
    .where('r.end_target_index', 'is not', null)
    .as('spans');
  const rows = await db
    .selectFrom(spans)
    .select((eb) => [
      'spans.question_id',
      eb.fn
        .sum<number | string | null>(
          sql<number>`case
            when spans.reached is null or spans.reached < spans.target_index then spans.end_target_index - spans.target_index + 1
            when spans.reached < spans.end_target_index then spans.end_target_index - spans.reached
            else 0 end`,
        )
        .as('targets'),
    ])
    .groupBy('spans.question_id')
    .execute();
  return rows.map((row) => ({ questionId: row.question_id, targets: toNumber(row.targets) }));
}

/** Per question, labels without a span (one target each) and regions. */
async function unspannedWork(db: Kysely<Database>, datasetId: string): Promise<{ questionId: string; labels: number; regions: number }[]> {
  const rows = await settledRecords(db, datasetId)
    .select((eb) => [
      'r.question_id',
      eb.fn.sum<number | string | null>(eb.case().when(eb.and([eb('r.type', '=', 'label'), eb.or([eb('r.target_index', 'is', null), eb('r.end_target_index', 'is', null)])])).then(1).else(0).end()).as('labels'),
      eb.fn.sum<number | string | null>(eb.case().when('r.type', 'in', ['shape', 'mask']).then(1).else(0).end()).as('regions'),
    ])
    .groupBy('r.question_id')
    .execute();
  return rows.map((row) => ({ questionId: row.question_id, labels: toNumber(row.labels), regions: toNumber(row.regions) }));
}
