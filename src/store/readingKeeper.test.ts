import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { labelRecord } from '../core/testing/records';
import type { MejirushiDb } from '../data/db';
import { scratchDbs } from '../data/testing/scratchDb';
import { journalId, writeJournal } from '../data/sync/journal';
import { ReadingKeeper, type Reading } from './readingKeeper';

const newDb = scratchDbs('reading-test');

async function openDb(): Promise<MejirushiDb> {
  const db = newDb();
  await db.open();
  return db;
}

const place = (sliceIndex: number, seen: readonly string[] = []): Reading => ({ itemId: 'item', userId: 'me', seen: new Set(seen), sliceIndex, window: null });

const journalRow = () => {
  const record = labelRecord('t1', ['sah.none'], undefined, 'sah');
  return { id: journalId(Date.now()), itemId: 'item', annotatorId: 'me', diff: { [record.id]: [null, record] as const } };
};

/** Counts read-write transactions opened and commits asked for. */
function countTransactions() {
  const opened = vi.spyOn(IDBDatabase.prototype, 'transaction');
  const commits = vi.spyOn(IDBTransaction.prototype, 'commit');
  return { opened: () => opened.mock.calls.filter((call) => call[1] === 'readwrite').length, commits: () => commits.mock.calls.length };
}

describe('ReadingKeeper', () => {
  it('writes a label key’s place in the transaction of its journal entry, committed before the task ends', async () => {
    const database = await openDb();
    const keeper = new ReadingKeeper(database);
    const counts = countTransactions();
    // One key's task: its change journaled, then the advance kept.
    const entry = journalRow();
    expect(writeJournal(database, [entry])).toBe(true);
    keeper.keep(place(4, ['a', 'b']));
    await Promise.resolve();
    // Committed in the key's own task, so a page that dies right after still has both.
    expect(counts.commits()).toBe(1);
    await keeper.written();
    expect(counts.opened()).toBe(1);
    expect(await database.journal.get(entry.id)).toMatchObject({ itemId: 'item' });
    expect(await database.readings.get(['item', 'me'])).toEqual({ itemId: 'item', userId: 'me', seen: ['a', 'b'], sliceIndex: 4, window: null });
  });

  it('coalesces places kept in one task outside a key’s change into one write of the latest', async () => {
    const database = await openDb();
    const keeper = new ReadingKeeper(database);
    const counts = countTransactions();
    keeper.keep(place(1));
    keeper.keep(place(2));
    keeper.keep(place(3));
    await keeper.written();
    expect(counts.opened()).toBe(1);
    expect((await database.readings.get(['item', 'me']))?.sliceIndex).toBe(3);
  });

  it('a place still waiting to be written is not written after a newer one joined a key’s transaction', async () => {
    const database = await openDb();
    const keeper = new ReadingKeeper(database);
    keeper.keep(place(1));
    writeJournal(database, [journalRow()]);
    keeper.keep(place(2));
    await keeper.written();
    expect((await database.readings.get(['item', 'me']))?.sliceIndex).toBe(2);
  });

  it('keeps places while the database is still opening (written once it is open)', async () => {
    const db = newDb();
    const keeper = new ReadingKeeper(db);
    keeper.keep(place(7));
    await keeper.written();
    expect((await db.readings.get(['item', 'me']))?.sliceIndex).toBe(7);
  });
});
