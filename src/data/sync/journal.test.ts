import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { labelRecord } from '../../core/testing/records';
import type { RecordDiff } from '../../core/diff';
import type { JournalRow, MejirushiDb } from '../db';
import { scratchDbs } from '../testing/scratchDb';
import { journalId, takeJournaled, writeJournal } from './journal';

const newDb = scratchDbs('journal-test');

const diffOf = (targetId: string): RecordDiff => {
  const record = labelRecord(targetId, ['sah.none'], undefined, 'sah');
  return { [record.id]: [null, record] };
};
const entry = (itemId: string, targetId: string): JournalRow => ({ id: journalId(Date.now()), itemId, annotatorId: 'me', diff: diffOf(targetId) });

async function journaled(rows: readonly JournalRow[]): Promise<MejirushiDb> {
  const db = newDb();
  await db.open();
  writeJournal(db, rows);
  // The write commits at the end of its task.
  await new Promise((resolve) => setTimeout(resolve, 0));
  return db;
}

const take = (database: MejirushiDb, rows: readonly JournalRow[]) =>
  database.transaction('rw', database.journal, () => takeJournaled(database, rows.map((row) => ({ diff: row.diff, journaled: row.id }))));

describe('takeJournaled', () => {
  it('deletes a save’s entries as one range, with no request per entry', async () => {
    const rows = ['t1', 't2', 't3', 't4'].map((target) => entry('item', target));
    const database = await journaled(rows);
    const deletes = vi.spyOn(IDBObjectStore.prototype, 'delete');
    expect(await take(database, rows)).toEqual(rows.map((row) => row.diff));
    expect(deletes).toHaveBeenCalledTimes(1);
    expect(await database.journal.count()).toBe(0);
  });

  it('keeps another item’s entry lying between them, and skips a change whose entry a replay took', async () => {
    const [first, other, replayed, last] = [entry('item', 't1'), entry('other', 't9'), entry('item', 't2'), entry('item', 't3')] as const;
    const database = await journaled([first, other, replayed, last]);
    await database.journal.delete(replayed.id);
    expect(await take(database, [first, replayed, last])).toEqual([first.diff, last.diff]);
    expect(await database.journal.toArray()).toEqual([other]);
  });
});
