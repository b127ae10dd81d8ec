import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MejirushiDb, type ReadingRow } from '../db';
import { putInTask } from './taskTransaction';

let db: MejirushiDb | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  db?.close();
  if (db) await Dexie.delete(db.name);
  db = null;
});

const reading = (sliceIndex: number): ReadingRow => ({ itemId: 'item', userId: 'me', seen: [], sliceIndex, window: null });
const entry = { id: 'j1', itemId: 'item', annotatorId: 'me', diff: {} };

describe('putInTask', () => {
  it('opens a journal entry’s transaction strict; a reading alone takes the default, and a journal entry never joins it', async () => {
    db = new MejirushiDb(`task-test-${Math.random().toString(36).slice(2)}`);
    await db.open();
    const opened = vi.spyOn(IDBDatabase.prototype, 'transaction');
    const first = putInTask(db, 'readings', [reading(1)]);
    const journal = putInTask(db, 'journal', [entry]);
    const joined = putInTask(db, 'readings', [reading(2)]);
    expect(opened.mock.calls.map((call) => call[2])).toEqual([{}, { durability: 'strict' }]);
    expect(journal).not.toBe(first);
    expect(joined).toBe(journal);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await db.readings.get(['item', 'me']))?.sliceIndex).toBe(2);
    expect(await db.journal.count()).toBe(1);
  });
});
