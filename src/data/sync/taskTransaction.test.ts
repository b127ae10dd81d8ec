import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { ReadingRow } from '../db';
import { scratchDbs } from '../testing/scratchDb';
import { putInTask } from './taskTransaction';

const newDb = scratchDbs('task-test');

const reading = (sliceIndex: number): ReadingRow => ({ itemId: 'item', userId: 'me', seen: [], sliceIndex, window: null });
const entry = { id: 'j1', itemId: 'item', annotatorId: 'me', diff: {} };

describe('putInTask', () => {
  it('opens a journal entry’s transaction strict; a reading alone takes the default, and a journal entry never joins it', async () => {
    const db = newDb();
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
