/**
 * How many records of a document wait to be sent, kept in its head row: every write of record
 * rows adjusts it in the same transaction by what it changed, so the sync state after a batch
 * costs O(batch) instead of a count over every waiting record (O(n²) over an import of 10^6).
 * A head written before the count existed is counted once through the state index.
 */
import Dexie from 'dexie';
import type { HeadRow, MejirushiDb, RecordRow } from '../db';
import { rowsInState, type DocumentRef } from './recordRows';

const dirtyOf = (row: RecordRow | null | undefined): number => (row?.state === 'dirty' ? 1 : 0);

/** What writing `next` over `previous` does to the count of dirty records. */
export const dirtyChange = (previous: RecordRow | undefined, next: RecordRow | null): number => dirtyOf(next) - dirtyOf(previous);

/** The head with `change` added to its count (a head without one is counted when read). */
export const withDirty = (head: HeadRow, change: number): HeadRow => (head.dirty === undefined || change === 0 ? head : { ...head, dirty: head.dirty + change });

/** Adds `change` to the document's count; inside the caller's transaction over records and heads. */
export async function adjustDirty(db: MejirushiDb, doc: DocumentRef, change: number): Promise<void> {
  if (change === 0) return;
  const head = await db.heads.get([doc.itemId, doc.annotatorId]);
  if (head?.dirty === undefined) return;
  await db.heads.put(withDirty(head, change));
}

/**
 * The document's count of dirty records; a head without one is counted now and keeps it, unless
 * the caller reads inside a read-only transaction (the item list reads many documents in one):
 * a read-write transaction cannot nest there, so the count is only read, and kept on a later call.
 */
export async function dirtyCount(db: MejirushiDb, doc: DocumentRef): Promise<number> {
  const kept = (await db.heads.get([doc.itemId, doc.annotatorId]))?.dirty;
  if (kept !== undefined) return kept;
  if (Dexie.currentTransaction?.mode === 'readonly') return rowsInState(db, doc, 'dirty').count();
  return db.transaction('rw', db.records, db.heads, async () => {
    const head = await db.heads.get([doc.itemId, doc.annotatorId]);
    if (head?.dirty !== undefined) return head.dirty;
    const counted = await rowsInState(db, doc, 'dirty').count();
    if (head) await db.heads.put({ ...head, dirty: counted });
    return counted;
  });
}
