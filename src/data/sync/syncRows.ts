/** What the sync status of one item is computed from, read in one go from IndexedDB. */
import type { HeadRow, MejirushiDb, OutboxRow } from '../db';
import type { RecordCounts } from '../syncState';
import { batchesOf } from './outbox';
import { rowsInState, type DocumentRef } from './recordRows';

export interface SyncRows {
  readonly head: HeadRow | undefined;
  /** Oldest first. */
  readonly batches: readonly OutboxRow[];
  readonly counts: RecordCounts;
}

/** Counts go through the state index: O(waiting records), never O(document). */
export async function readSyncRows(db: MejirushiDb, doc: DocumentRef): Promise<SyncRows> {
  const [head, batches, dirty, conflicted] = await Promise.all([
    db.heads.get([doc.itemId, doc.annotatorId]),
    batchesOf(db, doc),
    rowsInState(db, doc, 'dirty').count(),
    rowsInState(db, doc, 'conflict').toArray(),
  ]);
  const conflictAt = conflicted.reduce((latest, row) => Math.max(latest, row.conflict?.detectedAt ?? 0), 0);
  return { head, batches, counts: { dirty, conflicts: conflicted.length, conflictAt } };
}
