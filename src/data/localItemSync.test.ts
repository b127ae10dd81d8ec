import { describe, expect, it } from 'vitest';
import type { ItemSummary } from '../core/api';
import type { HeadRow, OutboxRow } from './db';
import { deriveLocalItemSync, withLocalProgress, type LocalItemSync } from './localItemSync';
import type { SyncRows } from './sync/syncRows';
import { NO_COUNTS, type RecordCounts } from './syncState';

const head = (itemId: string, change: Partial<HeadRow> = {}): HeadRow => ({
  itemId,
  annotatorId: 'u',
  revision: 2,
  loaded: true,
  labelSetId: 'sah-slice',
  labelSetVersion: 1,
  progress: { labelled: 1, total: 3 },
  updatedAt: 0,
  ...change,
});
const batch = (itemId: string, change: Partial<OutboxRow> = {}): OutboxRow => ({
  opId: `op-${itemId}-${change.seq ?? 0}`,
  itemId,
  annotatorId: 'u',
  seq: 0,
  attempts: 0,
  nextAttemptAt: 0,
  ...change,
});
const rows = (entries: Record<string, { head?: HeadRow; batches?: OutboxRow[]; counts?: Partial<RecordCounts> }>): Map<string, SyncRows> =>
  new Map(
    Object.entries(entries).map(([itemId, { head: h, batches = [], counts = {} }]) => [itemId, { head: h, batches, counts: { ...NO_COUNTS, ...counts } }]),
  );
const online = { offline: false, now: 1000 };

describe('deriveLocalItemSync', () => {
  it('reads every listed item: conflict, waiting, synced, never opened', () => {
    const derived = deriveLocalItemSync(
      rows({
        a: { head: head('a', { progress: { labelled: 2, total: 3 } }), batches: [batch('a')], counts: { dirty: 1 } },
        b: { head: head('b') },
        c: { head: head('c'), batches: [batch('c', { ops: [] })], counts: { dirty: 1, conflicts: 1, conflictAt: 9 } },
        d: {},
      }),
      online,
    );
    expect(derived).toEqual({
      a: { status: 'savedLocally', pending: 1, unsynced: true, progress: { labelled: 2, total: 3 } },
      b: { status: 'synced', pending: 0, unsynced: false, progress: { labelled: 1, total: 3 } },
      c: { status: 'conflict', pending: 1, unsynced: true, progress: { labelled: 1, total: 3 } },
    });
  });

  it('says offline when the browser is offline or the batch last failed on the network', () => {
    const listed = rows({
      a: { head: head('a'), batches: [batch('a')], counts: { dirty: 1 } },
      b: { head: head('b'), batches: [batch('b', { failure: 'network' })], counts: { dirty: 1 } },
    });
    expect(deriveLocalItemSync(listed, { offline: true, now: 1000 })).toMatchObject({ a: { status: 'offline' }, b: { status: 'offline' } });
    expect(deriveLocalItemSync(listed, online)).toMatchObject({ a: { status: 'savedLocally' }, b: { status: 'offline' } });
  });

  it('looks at the oldest batch of an item and reports a refused one as an error', () => {
    const listed = rows({ a: { head: head('a'), batches: [batch('a', { seq: 0, failure: 'locked', lastError: '409: locked' }), batch('a', { seq: 1 })], counts: { dirty: 2 } } });
    expect(deriveLocalItemSync(listed, online)).toMatchObject({ a: { status: 'error', pending: 2, unsynced: true } });
  });

  it('has no progress where the editor has not counted it', () => {
    expect(deriveLocalItemSync(rows({ x: { head: head('x', { progress: null }) } }), online)).toEqual({
      x: { status: 'synced', pending: 0, unsynced: false, progress: null },
    });
  });
});

describe('withLocalProgress', () => {
  const item: ItemSummary = { id: 'a', title: 'A', kind: 'series', state: 'assigned', progress: { labelled: 0, total: 3 }, updatedAt: '2024-05-01T08:00:00.000Z' };
  const local = (change: Partial<LocalItemSync>): LocalItemSync => ({ status: 'savedLocally', pending: 1, unsynced: true, progress: { labelled: 2, total: 3 }, ...change });

  it("shows the draft's figures while changes wait, and the item as begun", () => {
    expect(withLocalProgress(item, local({}), false)).toEqual({ ...item, state: 'inProgress', progress: { labelled: 2, total: 3 } });
    expect(withLocalProgress({ ...item, state: 'returned' }, local({}), false).state).toBe('returned');
  });

  it("keeps the server's figures once synced, unless the list is an offline copy", () => {
    const synced = local({ status: 'synced', pending: 0, unsynced: false });
    expect(withLocalProgress(item, synced, false)).toBe(item);
    expect(withLocalProgress(item, synced, true).progress).toEqual({ labelled: 2, total: 3 });
    expect(withLocalProgress(item, undefined, true)).toBe(item);
    expect(withLocalProgress(item, local({ progress: null }), true)).toBe(item);
  });
});
