/**
 * Write-ahead journal of document changes. A dexie write starts its IndexedDB transaction only
 * after earlier awaits, and reads a row before writing it: a tab closed right after a key press
 * loses that change. The journal's write is issued and committed synchronously, in the task of
 * the key press, so the browser finishes it even while the page goes away; the record rows'
 * write deletes the entry in its own transaction, and an entry found at the next visit is replayed.
 */
import type { RecordDiff } from '../../core/diff';
import type { JournalRow, MejirushiDb } from '../db';
import { putInTask } from './taskTransaction';

let counter = 0;
/** Tells apart two page loads journaling in the same millisecond. */
const pageTag = Math.random().toString(36).slice(2, 8);

/** A journal id that sorts in the order the changes were made. */
export function journalId(now: number): string {
  counter += 1;
  return `${now.toString(36).padStart(10, '0')}-${counter.toString(36).padStart(6, '0')}-${pageTag}`;
}

/**
 * Writes the entries now, in the task's transaction (see taskTransaction.ts), committed at the
 * end of this task. Answers false when the database is not open yet (nothing can be written
 * synchronously then; the ordinary save still follows).
 */
export function writeJournal(db: MejirushiDb, rows: readonly JournalRow[]): boolean {
  return putInTask(db, 'journal', rows) !== null;
}

/** This annotator's entries not yet written into record rows, oldest first. */
export async function pendingJournal(db: MejirushiDb, annotatorId: string, itemId?: string): Promise<JournalRow[]> {
  const rows = await db.journal.where('annotatorId').equals(annotatorId).toArray();
  return rows.filter((row) => itemId === undefined || row.itemId === itemId).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Of changes about to be written into record rows, those still to write: not journaled, or
 * whose entry is still there (a replay may have written it). Their entries are deleted; inside
 * the caller's transaction over the journal. Only keys are read: one request for all of them.
 */
export async function takeJournaled(db: MejirushiDb, changes: readonly { readonly diff: RecordDiff; readonly journaled?: string | null | undefined }[]): Promise<RecordDiff[]> {
  const ids = changes.flatMap((change) => (change.journaled ? [change.journaled] : []));
  if (ids.length === 0) return changes.map((change) => change.diff);
  const sorted = [...ids].sort();
  // Journal ids sort in the order they were made: one key range holds all of them (other items' too).
  const range = db.journal.where(':id').between(sorted[0]!, sorted.at(-1)!, true, true);
  const present = new Set(await range.primaryKeys());
  const found = ids.filter((id) => present.has(id));
  // The range holds only these entries (the usual case): one range delete, not one request each.
  if (found.length === present.size) await range.delete();
  else await db.journal.bulkDelete(found);
  return changes.flatMap((change) => (!change.journaled || present.has(change.journaled) ? [change.diff] : []));
}
