/**
 * What dashboards count of records: answers (a label counts every target it spans, so a range
 * over 5,000 frames is 5,000 answers; a label of the whole item counts one) and regions (shapes
 * and masks).
 *
 * A target answered twice on one question by one reader counts once: two devices that never saw
 * each other's edits can leave overlapping frame ranges of one question on the server, and the
 * sum of their lengths would count the overlap twice. So ranges (labels with a span in the item's
 * reading order, `target_index … end_target_index`) count the length of their union per document
 * and question: sorted by first target, a range adds the targets it reaches past the furthest end
 * of the ranges before it (`reached`, one SQL window), none when it lies within them. Labels
 * without a span count one each. O(records log records).
 *
 * Two steps, since a window cannot be summed where it is computed: `workColumns` beside a query's
 * grouping columns over the records aliased `r`, then `workCounts` over that query as `w`.
 */
import { sql } from 'kysely';

/** What `workCounts` reads of each record aliased `r`. */
export const workColumns = [
  'r.type',
  'r.target_index',
  'r.end_target_index',
  sql<number | null>`max(case when r.type = 'label' then r.end_target_index end) over (partition by r.item_id, r.annotator_id, r.question_id order by r.target_index, r.end_target_index, r.record_id rows between unbounded preceding and 1 preceding)`.as(
    'reached',
  ),
] as const;

/** `labelled` and `regions` sums over the rows of `workColumns`, aliased `w`. */
export const workCounts = [
  sql<number | string | null>`sum(case
    when w.type <> 'label' then 0
    when w.target_index is null or w.end_target_index is null then 1
    when w.reached is null or w.reached < w.target_index then w.end_target_index - w.target_index + 1
    when w.reached < w.end_target_index then w.end_target_index - w.reached
    else 0 end)`.as('labelled'),
  sql<number | string | null>`sum(case when w.type in ('shape', 'mask') then 1 else 0 end)`.as('regions'),
] as const;
