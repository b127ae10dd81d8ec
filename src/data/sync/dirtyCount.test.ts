/**
 * The count of records waiting to be sent lives in the document's head and moves with each write,
 * so an import's batches do not recount what waits behind them (O(n²/batch) at 10^6 records).
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BatchResult, RecordPage } from '../../core/api';
import type { DiffEntry, RecordDiff } from '../../core/diff';
import { MAX_OPS_PER_BATCH } from '../../core/records';
import { humanProvenance } from '../../core/testing/records';
import { MejirushiDb, type RecordRow } from '../db';
import { SyncEngine, type SyncApi } from '../syncEngine';
import { ManualClock } from '../testing/manualClock';
import { dirtyChange, dirtyCount } from './dirtyCount';
import { rowsInState } from './recordRows';

const DOC = { itemId: 'slide-1', annotatorId: 'u1' } as const;
const LABEL_SET = { labelSetId: 'gastric-biopsy', labelSetVersion: 1 } as const;
let db: MejirushiDb | null = null;

afterEach(async () => {
  vi.restoreAllMocks();
  db?.close();
  await db?.delete();
  db = null;
});

/** A server holding an empty document that applies every batch. */
function applyingServer(): SyncApi {
  let revision = 0;
  const notUsed = () => Promise.reject(new Error('not used by this test'));
  return {
    listRecordsText: async () => JSON.stringify({ records: [], nextCursor: null, revision: 0 } satisfies RecordPage),
    patchRecords: async (_itemId, batch) => {
      revision += 1;
      return { revision, versions: Object.fromEntries(batch.ops.map((op) => [op.id, op.baseVersion + 1])), updatedAt: new Date(0).toISOString() } satisfies BatchResult;
    },
    changes: async () => ({ changes: [], checkpoint: '', more: false }),
    listOps: notUsed,
  };
}

function importDiff(count: number): RecordDiff {
  const provenance = humanProvenance(DOC.annotatorId);
  const diff: Record<string, DiffEntry> = {};
  for (let i = 0; i < count; i += 1) {
    const id = `s${i}`;
    diff[id] = [null, { type: 'shape', id, questionId: 'lesion', targetId: DOC.itemId, classCode: 'lesion.other', geometry: { type: 'point', point: [i, i] }, provenance }];
  }
  return diff;
}

const row = (state: RecordRow['state']): RecordRow => ({ ...DOC, id: 'r', record: null, baseVersion: 1, state });

describe('the count of records waiting to be sent', () => {
  it('follows an import through its batches from the head, never counting what waits behind a batch', async () => {
    const count = 2 * MAX_OPS_PER_BATCH + 345;
    db = new MejirushiDb('dirty-count-import');
    const engine = new SyncEngine({ api: applyingServer(), db, annotatorId: DOC.annotatorId, clock: new ManualClock(), random: () => 0.5, onlineSignal: () => () => undefined });
    const pending: number[] = [];
    engine.subscribe((event) => {
      if (event.type === 'state') pending.push(event.state.pending);
    });
    engine.start();
    await engine.open(DOC.itemId, LABEL_SET);
    const counts = vi.spyOn(Object.getPrototypeOf(db.records.toCollection()) as { count(): Promise<number> }, 'count');
    await engine.save(DOC.itemId, importDiff(count));
    await engine.idle();

    expect(pending).toContain(count);
    expect(pending).toContain(MAX_OPS_PER_BATCH + 345);
    expect(pending).toContain(345);
    expect(pending.at(-1)).toBe(0);
    expect(engine.stateOf(DOC.itemId)).toMatchObject({ status: 'synced', pending: 0 });
    expect((await db.heads.get([DOC.itemId, DOC.annotatorId]))?.dirty).toBe(0);
    expect(await rowsInState(db, DOC, 'dirty').count()).toBe(0);
    // The first line of the spy is the check just above.
    expect(counts).toHaveBeenCalledTimes(1);
    engine.stop();
  });

  it('is counted through the state index once for a head written before it was kept, then kept', async () => {
    db = new MejirushiDb('dirty-count-old-head');
    await db.heads.put({ ...DOC, revision: 3, loaded: true, ...LABEL_SET, progress: null, updatedAt: 0 });
    await db.records.bulkPut(['a', 'b', 'c'].map((id, i) => ({ ...row(i < 2 ? 'dirty' : 'synced'), id })));
    expect(await dirtyCount(db, DOC)).toBe(2);
    expect((await db.heads.get([DOC.itemId, DOC.annotatorId]))?.dirty).toBe(2);
    await db.records.put({ ...row('dirty'), id: 'c' });
    // Written behind its back (no write does that): the kept count is what is answered.
    expect(await dirtyCount(db, DOC)).toBe(2);
  });

  it('is only read, not kept, inside a read-only transaction (the item list reads its documents in one)', async () => {
    const opened = new MejirushiDb('dirty-count-read-only');
    db = opened;
    await opened.heads.put({ ...DOC, revision: 3, loaded: true, ...LABEL_SET, progress: null, updatedAt: 0 });
    await opened.records.bulkPut(['a', 'b'].map((id) => ({ ...row('dirty'), id })));
    expect(await opened.transaction('r', opened.heads, opened.records, () => dirtyCount(opened, DOC))).toBe(2);
    expect((await opened.heads.get([DOC.itemId, DOC.annotatorId]))?.dirty).toBeUndefined();
    expect(await dirtyCount(opened, DOC)).toBe(2);
    expect((await opened.heads.get([DOC.itemId, DOC.annotatorId]))?.dirty).toBe(2);
  });

  it('moves by one for a record that starts or stops waiting, and not otherwise', () => {
    expect(dirtyChange(undefined, row('dirty'))).toBe(1);
    expect(dirtyChange(row('synced'), row('dirty'))).toBe(1);
    expect(dirtyChange(row('dirty'), row('synced'))).toBe(-1);
    expect(dirtyChange(row('dirty'), row('conflict'))).toBe(-1);
    expect(dirtyChange(row('conflict'), row('dirty'))).toBe(1);
    expect(dirtyChange(row('dirty'), row('dirty'))).toBe(0);
    expect(dirtyChange(undefined, row('synced'))).toBe(0);
  });
});
