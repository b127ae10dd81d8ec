/**
 * The first open of a document pages it into IndexedDB with the next page on the wire while the
 * one in hand is stored; a failure of either leaves the load failed and nothing unhandled.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordPage } from '../../core/api';
import type { AnnotationRecord } from '../../core/annotation';
import { RECORD_SCHEMA } from '../../core/records';
import { humanProvenance } from '../../core/testing/records';
import { MejirushiDb } from '../db';
import { loadDocument } from './initialLoad';
import { readRecords } from './recordRows';

const DOC = { itemId: 'slide-1', annotatorId: 'u1' } as const;
const LABEL_SET = { labelSetId: 'gastric-biopsy', labelSetVersion: 1 } as const;
let db: MejirushiDb | null = null;

afterEach(async () => {
  db?.close();
  await db?.delete();
  db = null;
});

function outline(i: number): AnnotationRecord {
  const id = `gland-${String(i).padStart(3, '0')}`;
  return { type: 'shape', id, questionId: 'lesion', targetId: DOC.itemId, classCode: 'lesion.other', geometry: { type: 'point', point: [i, i] }, provenance: humanProvenance(DOC.annotatorId) };
}

/** A server of `count` records answering pages of `size`, logging each request; `fail` refuses one cursor. */
function pagingServer(count: number, size: number, log: string[], fail?: string) {
  const records = Array.from({ length: count }, (_, i) => outline(i));
  return {
    listRecords: async (_itemId: string, page: { after?: string | null; limit?: number } = {}): Promise<RecordPage> => {
      log.push(`request ${page.after ?? 'first'}`);
      if (page.after === fail) throw new Error('the server is gone');
      const from = page.after ? records.findIndex((record) => record.id === page.after) + 1 : 0;
      const slice = records.slice(from, from + size);
      const more = from + size < records.length;
      return {
        records: slice.map((record) => ({ id: record.id, version: 1, schema: RECORD_SCHEMA.shape, record })),
        nextCursor: more ? (slice[slice.length - 1]?.id ?? null) : null,
        revision: 7,
      };
    },
  };
}

/** Logs the first record of each page IndexedDB stores. */
function logStores(target: MejirushiDb, log: string[], firstIds: ReadonlySet<string>): void {
  target.records.hook('creating', (_key, row) => {
    if (firstIds.has(row.id)) log.push(`store ${row.id}`);
  });
}

describe('loadDocument', () => {
  it('asks for the next page before storing the one in hand, and stores every record once', async () => {
    db = new MejirushiDb('initial-load-order');
    const log: string[] = [];
    logStores(db, log, new Set(['gland-000', 'gland-004', 'gland-008']));
    const loaded = await loadDocument(pagingServer(10, 4, log), db, DOC, LABEL_SET, { pageSize: 4, now: 1 });
    expect(log).toEqual(['request first', 'request gland-003', 'store gland-000', 'request gland-007', 'store gland-004', 'store gland-008']);
    expect(loaded.records?.map((record) => record.id)).toEqual(Array.from({ length: 10 }, (_, i) => outline(i).id));
    expect((await readRecords(db, DOC)).length).toBe(10);
    expect(loaded.head).toMatchObject({ revision: 7, loaded: true });
  });

  it('fails with the page that could not be fetched, leaves the document unloaded, and keeps the pages stored', async () => {
    db = new MejirushiDb('initial-load-failure');
    const log: string[] = [];
    await expect(loadDocument(pagingServer(10, 4, log, 'gland-007'), db, DOC, LABEL_SET, { pageSize: 4, now: 1 })).rejects.toThrow('the server is gone');
    expect(await db.heads.get([DOC.itemId, DOC.annotatorId])).toBeUndefined();
    expect((await readRecords(db, DOC)).length).toBe(8);
  });

  it('fails with the store error when IndexedDB refuses a page, not waiting on the page in flight', async () => {
    db = new MejirushiDb('initial-load-store-failure');
    const log: string[] = [];
    db.records.hook('creating', () => {
      throw new Error('quota exceeded');
    });
    await expect(loadDocument(pagingServer(10, 4, log, 'gland-003'), db, DOC, LABEL_SET, { pageSize: 4, now: 1 })).rejects.toThrow('quota exceeded');
    expect(log).toEqual(['request first', 'request gland-003']);
  });
});
