/** The documents of a dataset a page at a time, for runs that must not hold a whole dataset in memory. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** How much one step of a run reads; tests make them small to cross page boundaries. */
export interface PageSizes {
  readonly documentsPerPage: number;
  /** At most 500: one page is one statement of op rows and one of record rows. */
  readonly recordsPerPage: number;
}

export const DEFAULT_PAGE_SIZES: PageSizes = { documentsPerPage: 200, recordsPerPage: 200 };

export interface DocumentRow {
  readonly id: string;
  readonly itemId: string;
  readonly annotatorId: string;
}

export async function* documentPages(db: Kysely<Database>, datasetId: string, perPage: number): AsyncGenerator<DocumentRow> {
  let after: string | null = null;
  for (;;) {
    let query = db
      .selectFrom('annotation_docs as d')
      .innerJoin('items as i', 'i.id', 'd.item_id')
      .select(['d.id', 'd.item_id', 'd.annotator_id'])
      .where('i.dataset_id', '=', datasetId);
    if (after !== null) query = query.where('d.id', '>', after);
    const rows = await query.orderBy('d.id').limit(perPage).execute();
    for (const row of rows) yield { id: row.id, itemId: row.item_id, annotatorId: row.annotator_id };
    const last = rows[rows.length - 1];
    if (!last || rows.length < perPage) return;
    after = last.id;
  }
}
