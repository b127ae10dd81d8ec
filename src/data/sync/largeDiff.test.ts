/**
 * An import of many outlines is one diff; the outbox must carry it to the server in batches of
 * MAX_OPS_PER_BATCH, each record once, reading only the records of each batch (O(n) in all).
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { BatchResult, ChangeFeed } from '../../core/api';
import type { DiffEntry, RecordDiff } from '../../core/diff';
import { MAX_OPS_PER_BATCH, type RecordOp } from '../../core/records';
import { humanProvenance } from '../../core/testing/records';
import { MejirushiDb } from '../db';
import { SyncEngine, type SyncApi } from '../syncEngine';
import { ManualClock } from '../testing/manualClock';
import { rowsInState } from './recordRows';

const ITEM = 'slide-1';
const ME = 'u1';
let db: MejirushiDb | null = null;

afterEach(async () => {
  db?.close();
  await db?.delete();
  db = null;
});

/** A server that applies every batch and remembers what it was sent. */
function recordingServer() {
  const batches: RecordOp[][] = [];
  let revision = 0;
  const notUsed = () => Promise.reject(new Error('not used by this test'));
  const api: SyncApi = {
    patchRecords: async (_itemId, batch) => {
      batches.push([...batch.ops]);
      revision += 1;
      const result: BatchResult = { revision, versions: Object.fromEntries(batch.ops.map((op) => [op.id, op.baseVersion + 1])), updatedAt: new Date(0).toISOString() };
      return result;
    },
    changes: async () => ({ changes: [], checkpoint: '', more: false }) satisfies ChangeFeed,
    listRecordsText: notUsed,
    listOps: notUsed,
  };
  return { api, batches };
}

function importDiff(count: number): RecordDiff {
  const provenance = humanProvenance(ME);
  const diff: Record<string, DiffEntry> = {};
  for (let i = 0; i < count; i += 1) {
    const id = `s${i}`;
    diff[id] = [null, { type: 'shape', id, questionId: 'lesion', targetId: ITEM, classCode: 'lesion.carcinoma', geometry: { type: 'point', point: [i, i] }, provenance }];
  }
  return diff;
}

describe('a diff of many records on its way to the server', () => {
  it('goes out in full batches of MAX_OPS_PER_BATCH, every record exactly once, and ends synced', async () => {
    const count = 2 * MAX_OPS_PER_BATCH + 345;
    db = new MejirushiDb(`large-diff-${Date.now()}`);
    const server = recordingServer();
    const engine = new SyncEngine({ api: server.api, db, annotatorId: ME, clock: new ManualClock(), random: () => 0.5, onlineSignal: () => () => undefined });
    let rowsRead = 0;
    db.records.hook('reading', (row) => {
      rowsRead += 1;
      return row;
    });
    engine.start();
    await engine.save(ITEM, importDiff(count));
    await engine.idle();

    expect(server.batches.map((ops) => ops.length)).toEqual([MAX_OPS_PER_BATCH, MAX_OPS_PER_BATCH, 345]);
    const sent = server.batches.flat().map((op) => op.id);
    expect(new Set(sent).size).toBe(count);
    expect(server.batches.flat().every((op) => op.kind === 'put' && op.baseVersion === 0)).toBe(true);
    expect(await rowsInState(db, { itemId: ITEM, annotatorId: ME }, 'dirty').count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    // Each batch reads only its own rows (a few times: freezing, acknowledging), plus one look past
    // its end: a small constant per record in all. Re-reading what waits behind each batch would
    // add about count² / MAX_OPS_PER_BATCH reads (≈ 9,400 here).
    expect(rowsRead).toBeGreaterThanOrEqual(2 * count);
    expect(rowsRead).toBeLessThanOrEqual(3 * count + 3);
    engine.stop();
  });
});
