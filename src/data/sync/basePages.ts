/**
 * A document's base: its records as the server sent them at the first load, one row per server
 * page holding the page's JSON text, beside a small index row of ids and versions. Storing a page
 * of 5,000 outlines is then one string written, not 5,000 structured rows (what made the first
 * open of 10^5 records take a minute). Record rows (recordRows.ts) override the base: a record
 * with a row is the row's; one without is the base's, synced at the base's version.
 */
import type { RecordPage } from '../../core/api';
import { packStoredRecords } from '../../core/packedRings';
import type { StoredRecord } from '../../core/records';
import { Dexie, type IndexableType } from 'dexie';
import type { BaseIndexKey, BaseIndexRow, MejirushiDb } from '../db';
import type { DocumentRef } from './recordRows';

/** Bounds of every row of one document, for both base tables (their keys start with item and annotator, then a number or a string). */
const baseRange = (doc: DocumentRef): [IndexableType, IndexableType] => [
  [doc.itemId, doc.annotatorId, Dexie.minKey],
  [doc.itemId, doc.annotatorId, Dexie.maxKey],
];

/** Removes the document's base (a load starting again); inside a transaction over both base tables. */
export async function clearBase(db: MejirushiDb, doc: DocumentRef): Promise<void> {
  const [lower, upper] = baseRange(doc);
  await db.basePages.where('[itemId+annotatorId+seq]').between(lower, upper, true, true).delete();
  await db.baseIndex.where('[itemId+annotatorId+max+min+seq]').between(lower, upper, true, true).delete();
}

/**
 * Stores one page: `text` is the page as received (JSON of a RecordPage), `records` the same page
 * parsed. Inside a transaction over both base tables.
 */
export async function storeBasePage(db: MejirushiDb, doc: DocumentRef, seq: number, text: string, records: readonly StoredRecord[]): Promise<void> {
  if (records.length === 0) return;
  let min = records[0]!.id;
  let max = min;
  for (const { id } of records) {
    if (id < min) min = id;
    if (id > max) max = id;
  }
  await db.basePages.put({ ...doc, seq, text });
  await db.baseIndex.put({ ...doc, max, min, seq, ids: records.map((record) => record.id), versions: records.map((record) => record.version) });
}

/**
 * The base version of each of `ids` the base holds (absent: not in the base). Reads only keys to
 * find the pages whose id range covers an id, then those pages' index rows: an edit costs a page's
 * index at most, whatever the document's size.
 */
export async function baseVersions(db: MejirushiDb, doc: DocumentRef, ids: readonly string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  if (ids.length === 0) return found;
  const [lower, upper] = baseRange(doc);
  const keys = (await db.baseIndex.where('[itemId+annotatorId+max+min+seq]').between(lower, upper, true, true).primaryKeys()) as BaseIndexKey[];
  if (keys.length === 0) return found;
  const wanted = new Map<number, BaseIndexKey>();
  for (const id of ids) {
    for (const key of keys) if (key[3] <= id && id <= key[2]) wanted.set(key[4], key);
  }
  const rows = await db.baseIndex.bulkGet([...wanted.values()]);
  const sought = new Set(ids);
  for (const row of rows) if (row) collectVersions(row, sought, found);
  return found;
}

function collectVersions(row: BaseIndexRow, sought: ReadonlySet<string>, into: Map<string, number>): void {
  row.ids.forEach((id, i) => {
    if (sought.has(id)) into.set(id, row.versions[i]!);
  });
}

/** Every record of the base (tombstones included), page after page. */
export async function readBase(db: MejirushiDb, doc: DocumentRef): Promise<StoredRecord[]> {
  const [lower, upper] = baseRange(doc);
  const out: StoredRecord[] = [];
  await db.basePages
    .where('[itemId+annotatorId+seq]')
    .between(lower, upper, true, true)
    .each((row) => {
      for (const record of packStoredRecords(parseBasePage(row.text).records)) out.push(record);
    });
  return out;
}

/** A stored page's text, read back as the server's page it was. */
export const parseBasePage = (text: string): Pick<RecordPage, 'records'> => JSON.parse(text) as Pick<RecordPage, 'records'>;
