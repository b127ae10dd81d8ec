/**
 * The first open of a document pages it in with the next page on the wire while the one in hand
 * is parsed, and stores the pages in IndexedDB once all are fetched (sooner when too much text
 * waits); a failure of either leaves the load failed and nothing unhandled.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RecordPage } from '../../core/api';
import type { AnnotationRecord } from '../../core/annotation';
import { RECORD_SCHEMA } from '../../core/records';
import { packedRingOf } from '../../core/packedRings';
import { humanProvenance } from '../../core/testing/records';
import { MejirushiDb } from '../db';
import { loadDocument } from './initialLoad';
import { editedRow, readRecords } from './recordRows';

const DOC = { itemId: 'slide-1', annotatorId: 'u1' } as const;
const LABEL_SET = { labelSetId: 'gastric-biopsy', labelSetVersion: 1 } as const;
let db: MejirushiDb | null = null;

afterEach(async () => {
  vi.restoreAllMocks();
  db?.close();
  await db?.delete();
  db = null;
});

function outline(i: number): Extract<AnnotationRecord, { type: 'shape' }> {
  const id = `gland-${String(i).padStart(3, '0')}`;
  return { type: 'shape', id, questionId: 'lesion', targetId: DOC.itemId, classCode: 'lesion.other', geometry: { type: 'point', point: [i, i] }, provenance: humanProvenance(DOC.annotatorId) };
}

/**
 * A server of `count` records answering pages of `size`, logging each request; `fail` refuses one
 * cursor; `latencyMs` delays each answer, leaving IndexedDB time to store a page meanwhile.
 */
function pagingServer(count: number, size: number, log: string[], options: { fail?: string; latencyMs?: number; cursorFirst?: boolean } = {}) {
  const records = Array.from({ length: count }, (_, i) => outline(i));
  return {
    listRecordsText: async (_itemId: string, page: { after?: string | null; limit?: number } = {}): Promise<string> => {
      log.push(`request ${page.after ?? 'first'}`);
      if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
      if (page.after === options.fail) throw new Error('the server is gone');
      const from = page.after ? records.findIndex((record) => record.id === page.after) + 1 : 0;
      const slice = records.slice(from, from + size);
      const more = from + size < records.length;
      const stored = slice.map((record) => ({ id: record.id, version: 1, schema: RECORD_SCHEMA.shape, record }));
      const nextCursor = more ? (slice[slice.length - 1]?.id ?? null) : null;
      // cursorFirst: another server's order, with a record holding a key of that name last.
      if (options.cursorFirst) return JSON.stringify({ nextCursor, revision: 7, records: stored.map((one) => ({ ...one, record: { ...one.record, nextCursor: 'gland-999' } })) });
      return JSON.stringify({ records: stored, nextCursor, revision: 7 } satisfies RecordPage);
    },
  };
}

/** Logs the first record of each page IndexedDB stores. */
function logStores(target: MejirushiDb, log: string[]): void {
  target.basePages.hook('creating', (_key, row) => {
    log.push(`store ${(JSON.parse(row.text) as RecordPage).records[0]?.id}`);
  });
}

describe('loadDocument', () => {
  it('fetches every page before storing one, stores each page as one row, and answers before the pages are all stored', async () => {
    db = new MejirushiDb('initial-load-order');
    const log: string[] = [];
    logStores(db, log);
    const loaded = await loadDocument(pagingServer(10, 4, log, { latencyMs: 50 }), db, DOC, LABEL_SET, { pageSize: 4, now: 1 });
    log.push('answered');
    expect(loaded.records?.map((record) => record.id)).toEqual(Array.from({ length: 10 }, (_, i) => outline(i).id));
    expect(loaded.revision).toBe(7);
    expect(await loaded.stored).toMatchObject({ revision: 7, loaded: true });
    expect(log.slice(0, 3)).toEqual(['request first', 'request gland-003', 'request gland-007']);
    expect(log.indexOf('store gland-000')).toBeGreaterThan(log.indexOf('request gland-007'));
    expect(log.indexOf('answered')).toBeLessThan(log.indexOf('store gland-008'));
    expect(await db.basePages.count()).toBe(3);
    expect(await db.records.count()).toBe(0);
    expect((await readRecords(db, DOC)).map((record) => record.id)).toEqual(loaded.records?.map((record) => record.id));
  });

  it('asks for no further page while more text than it may hold waits to be stored', async () => {
    db = new MejirushiDb('initial-load-bounded');
    const log: string[] = [];
    logStores(db, log);
    const loaded = await loadDocument(pagingServer(10, 4, log), db, DOC, LABEL_SET, { pageSize: 4, now: 1, textWaiting: 1 });
    await loaded.stored;
    expect(log).toEqual(['request first', 'request gland-003', 'store gland-000', 'request gland-007', 'store gland-004', 'store gland-008']);
  });

  it('fails with the page that could not be fetched, leaves the document unloaded, and keeps the pages stored', async () => {
    db = new MejirushiDb('initial-load-failure');
    const log: string[] = [];
    await expect(loadDocument(pagingServer(10, 4, log, { fail: 'gland-007' }), db, DOC, LABEL_SET, { pageSize: 4, now: 1 })).rejects.toThrow('the server is gone');
    expect(await db.heads.get([DOC.itemId, DOC.annotatorId])).toBeUndefined();
    expect((await readRecords(db, DOC)).length).toBe(8);
  });

  it('leaves the document unloaded when IndexedDB refuses a page, still answering the records fetched', async () => {
    db = new MejirushiDb('initial-load-store-failure');
    const log: string[] = [];
    db.basePages.hook('creating', () => {
      throw new Error('quota exceeded');
    });
    const loaded = await loadDocument(pagingServer(10, 4, log), db, DOC, LABEL_SET, { pageSize: 4, now: 1 });
    expect(loaded.records).toHaveLength(10);
    await expect(loaded.stored).rejects.toThrow('quota exceeded');
    expect(await db.heads.get([DOC.itemId, DOC.annotatorId])).toBeUndefined();
  });

  it('keeps local work over the base and drops synced copies the base has newer', async () => {
    db = new MejirushiDb('initial-load-local-work');
    const log: string[] = [];
    const edited = { ...outline(1), classCode: 'lesion.carcinoma' };
    await db.records.bulkPut([
      { ...DOC, id: edited.id, record: edited, base: null, baseVersion: 0, state: 'dirty' },
      { ...DOC, id: outline(2).id, record: { ...outline(2), classCode: 'lesion.adenoma' }, baseVersion: 0, state: 'synced' },
    ]);
    const loaded = await loadDocument(pagingServer(5, 4, log), db, DOC, LABEL_SET, { pageSize: 4, now: 1 });
    expect(loaded.records).toBeNull();
    const records = new Map((await readRecords(db, DOC)).map((record) => [record.id, record]));
    expect(records.size).toBe(5);
    expect(records.get(edited.id)).toEqual(edited);
    expect(records.get(outline(2).id)).toEqual(outline(2));
    expect(await db.records.count()).toBe(1);
  });

  it('asks for the next page before parsing the one in hand, its cursor read from the page tail', async () => {
    db = new MejirushiDb('initial-load-early-request');
    const log: string[] = [];
    const parse = JSON.parse;
    vi.spyOn(JSON, 'parse').mockImplementation((text: string, reviver) => {
      const value: unknown = parse(text, reviver);
      const first = (value as Partial<RecordPage> | null)?.records?.[0]?.id;
      if (first) log.push(`parse ${first}`);
      return value;
    });
    const loaded = await loadDocument(pagingServer(10, 4, log), db, DOC, LABEL_SET, { pageSize: 4, now: 1 });
    vi.restoreAllMocks();
    await loaded.stored;
    expect(log.slice(0, 5)).toEqual(['request first', 'request gland-003', 'parse gland-000', 'request gland-007', 'parse gland-004']);
  });

  it('asks again with the parsed cursor when the tail held another', async () => {
    db = new MejirushiDb('initial-load-cursor-first');
    const log: string[] = [];
    const loaded = await loadDocument(pagingServer(10, 4, log, { cursorFirst: true }), db, DOC, LABEL_SET, { pageSize: 4, now: 1 });
    expect(loaded.records?.map((record) => record.id)).toEqual(Array.from({ length: 10 }, (_, i) => outline(i).id));
    expect(log.filter((line) => line !== 'request gland-999')).toEqual(['request first', 'request gland-003', 'request gland-007']);
    await loaded.stored;
  });

  it('answers outlines packed, read back from the stored base packed too, each serialising and storing as the plain record', async () => {
    db = new MejirushiDb('initial-load-packed');
    const polygons = Array.from({ length: 7 }, (_, i): AnnotationRecord => ({ ...outline(i), geometry: { type: 'polygon', points: [[i, 0], [i + 4.5, 1], [i + 2, 3.25]] } }));
    const pages = [polygons.slice(0, 4), polygons.slice(4)];
    const api = {
      listRecordsText: async (_itemId: string, page: { after?: string | null } = {}): Promise<string> => {
        const records = page.after ? pages[1]! : pages[0]!;
        return JSON.stringify({ records: records.map((record) => ({ id: record.id, version: 1, schema: RECORD_SCHEMA.shape, record })), nextCursor: page.after ? null : records.at(-1)!.id, revision: 3 } satisfies RecordPage);
      },
    };
    const loaded = await loadDocument(api, db, DOC, LABEL_SET, { pageSize: 4, now: 1 });
    await loaded.stored;
    const isPacked = (record: AnnotationRecord) => record.type === 'shape' && packedRingOf(record.geometry) !== null;
    expect(loaded.records?.every(isPacked)).toBe(true);
    expect(JSON.stringify(loaded.records)).toBe(JSON.stringify(polygons));
    const reread = await readRecords(db, DOC);
    expect(reread.every(isPacked)).toBe(true);
    expect(JSON.stringify(reread)).toBe(JSON.stringify(polygons));

    // A class change keeps the packed geometry: its row is stored (structured clone) as the plain record.
    const before = loaded.records![5]!;
    const after = { ...before, classCode: 'lesion.adenoma' } as AnnotationRecord;
    await db.records.put(editedRow(DOC, before.id, undefined, [before, after], 2)!);
    const row = await db.records.get([DOC.itemId, DOC.annotatorId, before.id]);
    expect(row?.record).toEqual({ ...polygons[5], classCode: 'lesion.adenoma' });
    expect(row?.record && isPacked(row.record)).toBe(false);
  });
});
