/** What the sync status of one item is computed from, read in one go from IndexedDB. */
import type { HeadRow, MejirushiDb, OutboxRow } from '../db';
import type { RecordCounts } from '../syncState';
import { batchesOf } from './outbox';
import { dirtyCount } from './dirtyCount';
import { rowsInState, type DocumentRef } from './recordRows';

export interface SyncRows {
  readonly head: HeadRow | undefined;
  /** Oldest first. */
  readonly batches: readonly OutboxRow[];
  readonly counts: RecordCounts;
}

/** The dirty count is kept in the head (O(1)); conflicts go through the state index: O(conflicts). */
export async function readSyncRows(db: MejirushiDb, doc: DocumentRef): Promise<SyncRows> {
  const [head, batches, conflicted] = await Promise.all([
    db.heads.get([doc.itemId, doc.annotatorId]),
    batchesOf(db, doc),
    rowsInState(db, doc, 'conflict').toArray(),
  ]);
  // No head yet: the first load is being stored, and edits wait for it (its end reads the state again).
  const dirty = head ? (head.dirty ?? (await dirtyCount(db, doc))) : 0;
  const conflictAt = conflicted.reduce((latest, row) => Math.max(latest, row.conflict?.detectedAt ?? 0), 0);
  return { head, batches, counts: { dirty, conflicts: conflicted.length, conflictAt } };
}
