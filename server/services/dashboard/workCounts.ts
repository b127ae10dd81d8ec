/**
 * What dashboards count of records: answers (a label counts every target it spans, so a range
 * over 5,000 frames is 5,000 answers; a label of the whole item counts one) and regions (shapes
 * and masks).
 */
import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/schema';

type RecordsAs<A extends string> = ExpressionBuilder<Database & Record<A, Database['annotation_records']>, A>;

/** `labelled` and `regions` sums over the records aliased `r`. */
export function workCounts(eb: RecordsAs<'r'>) {
  return [
    eb.fn
      .sum<number | string | null>(eb.case().when('r.type', '=', 'label').then(sql<number>`coalesce(r.end_target_index - r.target_index + 1, 1)`).else(0).end())
      .as('labelled'),
    eb.fn.sum<number | string | null>(eb.case().when('r.type', 'in', ['shape', 'mask']).then(1).else(0).end()).as('regions'),
  ] as const;
}
