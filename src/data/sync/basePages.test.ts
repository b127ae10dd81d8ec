/**
 * A document's base pages: found by id from keys alone (whatever order the server pages in), read
 * back whole, and layered under record rows, so an edit of a record only the base holds is sent on
 * the base's version, even when it is made while the first load is still being stored.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AnnotationRecord } from '../../core/annotation';
import type { BatchResult, ChangeFeed, OpBatch, RecordPage } from '../../core/api';
import { RECORD_SCHEMA, type StoredRecord } from '../../core/records';
import { humanProvenance } from '../../core/testing/records';
import { MejirushiDb } from '../db';
import { SyncEngine, type SyncApi } from '../syncEngine';
import { ManualClock } from '../testing/manualClock';
import { baseVersions, readBase, storeBasePage } from './basePages';
import { readRecords } from './recordRows';

const DOC = { itemId: 'slide-1', annotatorId: 'u1' } as const;
const LABEL_SET = { labelSetId: 'gastric-biopsy', labelSetVersion: 1 } as const;
let db: MejirushiDb | null = null;

afterEach(async () => {
  vi.restoreAllMocks();
  db?.close();
  await db?.delete();
  db = null;
});

function outline(id: string, x = 1): Extract<AnnotationRecord, { type: 'shape' }> {
  return { type: 'shape', id, questionId: 'lesion', targetId: DOC.itemId, classCode: 'lesion.other', geometry: { type: 'point', point: [x, x] }, provenance: humanProvenance(DOC.annotatorId) };
}

const stored = (id: string, version: number): StoredRecord => ({ id, version, schema: RECORD_SCHEMA.shape, record: outline(id) });
const pageText = (records: readonly StoredRecord[]): string => JSON.stringify({ records, nextCursor: null, revision: 3 } satisfies RecordPage);

async function storePages(target: MejirushiDb, pages: readonly (readonly StoredRecord[])[]): Promise<void> {
  await target.transaction('rw', target.basePages, target.baseIndex, async () => {
    for (const [seq, records] of pages.entries()) await storeBasePage(target, DOC, seq, pageText(records), records);
  });
}

describe('base pages', () => {
  it('answer the version of the ids they hold, reading only the index rows whose id range covers one', async () => {
    db = new MejirushiDb('base-versions');
    // A server whose collation sorts otherwise than IndexedDB: ranges overlap.
    await storePages(db, [
      [stored('b', 2), stored('a-1', 5), stored('d', 1)],
      [stored('c', 7), stored('e', 3)],
      [stored('x', 1), stored('y', 1)],
    ]);
    const reads = vi.spyOn(db.baseIndex, 'bulkGet');
    expect(await baseVersions(db, DOC, ['a-1', 'c', 'e', 'new'])).toEqual(new Map([['a-1', 5], ['c', 7], ['e', 3]]));
    expect(reads.mock.calls[0]?.[0]).toHaveLength(2);
    expect(await baseVersions(db, DOC, ['z'])).toEqual(new Map());
    expect(reads.mock.calls[1]?.[0]).toHaveLength(0);
    expect(await baseVersions(db, { ...DOC, annotatorId: 'u2' }, ['a-1'])).toEqual(new Map());
    expect((await readBase(db, DOC)).map((record) => `${record.id}@${record.version}`)).toEqual(['b@2', 'a-1@5', 'd@1', 'c@7', 'e@3', 'x@1', 'y@1']);
  });

  it('lie under record rows: a row overrides its record, a tombstone row hides it, a new row adds one', async () => {
    db = new MejirushiDb('base-overrides');
    await storePages(db, [[stored('a', 1), stored('b', 1), stored('c', 1)]]);
    const moved = outline('a', 9);
    await db.records.bulkPut([
      { ...DOC, id: 'a', record: moved, base: outline('a'), baseVersion: 1, state: 'dirty' },
      { ...DOC, id: 'b', record: null, baseVersion: 2, state: 'synced' },
      { ...DOC, id: 'n', record: outline('n'), base: null, baseVersion: 0, state: 'dirty' },
    ]);
    expect(await readRecords(db, DOC)).toEqual([moved, outline('c'), outline('n')]);
  });
});

/** A server of `count` records at version 4, paging by `size`, applying every batch and keeping what it got. */
function pagingServer(count: number, size: number) {
  const records = Array.from({ length: count }, (_, i) => stored(`gland-${String(i).padStart(3, '0')}`, 4));
  const batches: OpBatch[] = [];
  let revision = 9;
  const api: SyncApi = {
    listRecordsText: async (_itemId, page = {}) => {
      const from = page.after ? records.findIndex((record) => record.id === page.after) + 1 : 0;
      const slice = records.slice(from, from + size);
      return JSON.stringify({ records: slice, nextCursor: from + size < records.length ? (slice.at(-1)?.id ?? null) : null, revision } satisfies RecordPage);
    },
    patchRecords: async (_itemId, batch) => {
      batches.push(batch);
      revision += 1;
      return { revision, versions: Object.fromEntries(batch.ops.map((op) => [op.id, op.baseVersion + 1])), updatedAt: new Date(0).toISOString() } satisfies BatchResult;
    },
    changes: async () => ({ changes: [], checkpoint: '', more: false }) satisfies ChangeFeed,
    listOps: async () => ({ ops: [], revision, more: false }),
  };
  return { api, batches };
}

describe('a document loaded into base pages', () => {
  it('sends an edit of a base record on the base version, even one saved while the pages are being stored', async () => {
    db = new MejirushiDb('base-edit');
    const { api, batches } = pagingServer(12, 5);
    const engine = new SyncEngine({ api, db, annotatorId: DOC.annotatorId, clock: new ManualClock(), random: () => 0.5, onlineSignal: () => () => undefined, recordsPageSize: 5 });
    engine.start();
    const records = await engine.open(DOC.itemId, LABEL_SET);
    expect(records).toHaveLength(12);
    // Answered once fetched: the pages are still being stored.
    expect(await db.heads.get([DOC.itemId, DOC.annotatorId])).toBeUndefined();
    const before = records[7] as AnnotationRecord;
    const after = outline(before.id, 42);
    await engine.save(DOC.itemId, { [before.id]: [before, after], 'gland-new': [null, outline('gland-new')] });
    await engine.idle();

    expect(batches.flatMap((batch) => batch.ops)).toEqual([
      { kind: 'put', id: 'gland-007', baseVersion: 4, record: after },
      { kind: 'put', id: 'gland-new', baseVersion: 0, record: outline('gland-new') },
    ]);
    expect(await db.basePages.count()).toBe(3);
    expect(await db.records.count()).toBe(2);
    expect(await db.heads.get([DOC.itemId, DOC.annotatorId])).toMatchObject({ loaded: true, revision: 10, dirty: 0 });
    expect(engine.stateOf(DOC.itemId)).toMatchObject({ status: 'synced', pending: 0 });

    // The next open reads the base and the rows over it.
    const again = await engine.open(DOC.itemId, LABEL_SET);
    expect(again).toHaveLength(13);
    expect(again.find((record) => record.id === before.id)).toEqual(after);
    engine.stop();
  });
});
