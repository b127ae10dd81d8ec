/** What dashboards count of records: answers (label records, one per target and question) and regions (shapes and masks). */
import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/schema';

type RecordsAs<A extends string> = ExpressionBuilder<Database & Record<A, Database['annotation_records']>, A>;

/** `labelled` and `regions` sums over the records aliased `r`. */
export function workCounts(eb: RecordsAs<'r'>) {
  return [
    eb.fn.sum<number | string | null>(eb.case().when('r.type', '=', 'label').then(1).else(0).end()).as('labelled'),
    eb.fn.sum<number | string | null>(eb.case().when('r.type', 'in', ['shape', 'mask']).then(1).else(0).end()).as('regions'),
  ] as const;
}
