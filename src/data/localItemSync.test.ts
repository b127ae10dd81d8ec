import { describe, expect, it } from 'vitest';
import type { AnnotationDocument, TargetLabel } from '../core/annotation';
import type { ItemSummary } from '../core/api';
import type { DraftRow, OutboxRow } from './db';
import { deriveLocalItemSync, withLocalProgress, type LocalItemSync } from './localItemSync';

const label = (targetId: string): TargetLabel => ({
  type: 'label',
  id: `label:${targetId}`,
  targetId,
  classCodes: ['sah.absent'],
  provenance: { authorId: 'u', createdAt: '2024-05-01T08:00:00.000Z', updatedAt: '2024-05-01T08:00:00.000Z', source: { kind: 'human' } },
});
const doc = (itemId: string, labelled: readonly string[]): AnnotationDocument => ({
  itemId,
  annotatorId: 'u',
  labelSetId: 'sah-slice',
  labelSetVersion: 1,
  records: Object.fromEntries(labelled.map((targetId) => [`label:${targetId}`, label(targetId)])),
});
const draft = (itemId: string, change: Partial<DraftRow> = {}): DraftRow => ({
  itemId,
  annotatorId: 'u',
  doc: doc(itemId, ['s1']),
  baseRevision: 2,
  baseDoc: null,
  version: 3,
  syncedVersion: 3,
  updatedAt: 0,
  ...change,
});
const row = (itemId: string, change: Partial<OutboxRow> = {}): OutboxRow => ({
  opId: `op-${itemId}-${change.seq ?? 0}`,
  itemId,
  annotatorId: 'u',
  seq: 0,
  version: 4,
  attempts: 0,
  nextAttemptAt: 0,
  ...change,
});
const targets = new Map([
  ['a', ['s1', 's2', 's3']],
  ['b', ['s1', 's2', 's3']],
  ['c', ['s1', 's2', 's3']],
  ['d', ['s1', 's2', 's3']],
]);
const online = { offline: false, now: 1000 };

describe('deriveLocalItemSync', () => {
  it('reads every listed item from one batch of rows: conflict, waiting, synced, nothing', () => {
    const conflict = { server: { revision: 5, document: null, updatedAt: null }, detectedAt: 9 };
    const rows = {
      drafts: [
        draft('a', { version: 4, doc: doc('a', ['s1', 's2']) }),
        draft('b'),
        draft('c', { version: 5, conflict }),
        draft('other'),
      ],
      outbox: [row('a'), row('c', { frozen: { doc: doc('c', []), baseRevision: 2 } }), row('other')],
      targetIds: targets,
    };
    const derived = deriveLocalItemSync(['a', 'b', 'c', 'd'], rows, online);
    expect(derived).toEqual({
      a: { status: 'savedLocally', pending: 1, unsynced: true, progress: { labelled: 2, total: 3 } },
      b: { status: 'synced', pending: 0, unsynced: false, progress: { labelled: 1, total: 3 } },
      c: { status: 'conflict', pending: 1, unsynced: true, progress: { labelled: 1, total: 3 } },
    });
  });

  it('says offline when the browser is offline or the entry last failed on the network', () => {
    const rows = { drafts: [draft('a', { version: 4 }), draft('b', { version: 4 })], outbox: [row('a'), row('b', { failure: 'network' })], targetIds: targets };
    expect(deriveLocalItemSync(['a', 'b'], rows, { offline: true, now: 1000 })).toMatchObject({ a: { status: 'offline' }, b: { status: 'offline' } });
    expect(deriveLocalItemSync(['a', 'b'], rows, online)).toMatchObject({ a: { status: 'savedLocally' }, b: { status: 'offline' } });
  });

  it('looks at the oldest entry of an item and reports a refused one as an error', () => {
    const rows = {
      drafts: [draft('a', { version: 6 })],
      outbox: [row('a', { seq: 1 }), row('a', { seq: 0, failure: 'locked', lastError: '409: locked' })],
      targetIds: targets,
    };
    expect(deriveLocalItemSync(['a'], rows, online)).toMatchObject({ a: { status: 'error', pending: 2, unsynced: true } });
  });

  it('has no progress for an item whose targets are not cached here', () => {
    const derived = deriveLocalItemSync(['x'], { drafts: [draft('x')], outbox: [], targetIds: targets }, online);
    expect(derived).toEqual({ x: { status: 'synced', pending: 0, unsynced: false, progress: null } });
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
