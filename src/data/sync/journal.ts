/**
 * Write-ahead journal of document changes. A dexie write starts its IndexedDB transaction only
 * after earlier awaits, and reads a row before writing it: a tab closed right after a key press
 * loses that change. The journal's write is issued and committed synchronously, in the task of
 * the key press, so the browser finishes it even while the page goes away; the record rows'
 * write deletes the entry in its own transaction, and an entry found at the next visit is replayed.
 */
import type { JournalRow, MejirushiDb } from '../db';

let counter = 0;
/** Tells apart two page loads journaling in the same millisecond. */
const pageTag = Math.random().toString(36).slice(2, 8);

/** A journal id that sorts in the order the changes were made. */
export function journalId(now: number): string {
  counter += 1;
  return `${now.toString(36).padStart(10, '0')}-${counter.toString(36).padStart(6, '0')}-${pageTag}`;
}

/**
 * Writes the entries now, in one transaction committing at once. Answers false when the database
 * is not open yet (nothing can be written synchronously then; the ordinary save still follows).
 */
export function writeJournal(db: MejirushiDb, rows: readonly JournalRow[]): boolean {
  if (!db.isOpen()) return false;
  const transaction = db.backendDB().transaction('journal', 'readwrite', { durability: 'strict' });
  const store = transaction.objectStore('journal');
  for (const row of rows) store.put(row);
  // Without commit() the browser waits for more requests and drops the transaction if the page dies first.
  transaction.commit();
  return true;
}

/** This annotator's entries not yet written into record rows, oldest first. */
export async function pendingJournal(db: MejirushiDb, annotatorId: string, itemId?: string): Promise<JournalRow[]> {
  const rows = await db.journal.where('annotatorId').equals(annotatorId).toArray();
  return rows.filter((row) => itemId === undefined || row.itemId === itemId).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
