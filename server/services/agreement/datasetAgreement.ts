/**
 * Inter-reader agreement of a dataset, from the work readers handed in (submitted or approved):
 * items are read a page at a time and each reader's records one document at a time, turned into
 * readings (src/core/agreement), then into one report. A report reads the dataset's handed-in
 * records once: O(records) per request, never per edit.
 */
import type { Kysely } from 'kysely';
import { agreementReport, readingsOfItem, type AgreementReport, type ReaderDocument, type Reading } from '../../../src/core/agreement';
import type { LabelSet } from '../../../src/core/labelSet';
import type { Database } from '../../db/schema';
import { HANDED_IN, readerRecords } from '../review/handedInWork';

const ITEM_PAGE = 200;
/** Resamples of each bootstrap interval: enough for a stable 95 % interval, few enough for a dataset-wide report. */
const RESAMPLES = 400;

export async function datasetAgreement(db: Kysely<Database>, datasetId: string, labelSet: LabelSet): Promise<AgreementReport> {
  const readings: Reading[] = [];
  for (let after = ''; ; ) {
    const items = await db
      .selectFrom('items')
      .select(['id', 'target_ids'])
      .where('dataset_id', '=', datasetId)
      .where('importing', '=', 0)
      .where('id', '>', after)
      .orderBy('id')
      .limit(ITEM_PAGE)
      .execute();
    if (items.length === 0) break;
    after = items[items.length - 1]!.id;
    const handedIn = await db
      .selectFrom('assignments')
      .select(['item_id', 'user_id', 'updated_at'])
      .where('item_id', 'in', items.map((item) => item.id))
      .where('state', 'in', [...HANDED_IN])
      .orderBy('user_id')
      .execute();
    const readersOf = new Map<string, typeof handedIn>();
    for (const row of handedIn) readersOf.set(row.item_id, [...(readersOf.get(row.item_id) ?? []), row]);
    for (const item of items) {
      const readers = readersOf.get(item.id) ?? [];
      // Agreement needs two readers of the same item.
      if (readers.length < 2) continue;
      const documents: ReaderDocument[] = [];
      for (const reader of readers) documents.push({ readerId: reader.user_id, records: await readerRecords(db, item.id, reader.user_id), submittedAt: reader.updated_at });
      readings.push(...readingsOfItem(labelSet, { itemId: item.id, targetIds: JSON.parse(item.target_ids) as string[] }, documents));
    }
  }
  return agreementReport(labelSet, readings, { resamples: RESAMPLES });
}
