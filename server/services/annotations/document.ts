/** One (item, annotator) document's head and its assignment, read and moved under the document lock. */
import type { Kysely, Transaction } from 'kysely';
import type { AssignmentState } from '../../../src/core/api';
import { toNumber } from '../../db/dialect';
import type { Database } from '../../db/schema';
import type { DocumentRef } from '../idempotentWrite';
import { moveQueueRow } from '../review/queueEntries';

export interface DocumentHead {
  /** null until the first batch creates the document. */
  readonly id: string | null;
  readonly revision: number;
  readonly recordCount: number;
  readonly labelled: number;
  readonly migratedRevision: number;
  readonly updatedAt: string | null;
}

export const EMPTY_HEAD: DocumentHead = { id: null, revision: 0, recordCount: 0, labelled: 0, migratedRevision: 0, updatedAt: null };

export interface LockedDocument {
  /** The annotator's assignment of the item; null when it is not assigned to them. */
  readonly state: AssignmentState | null;
  readonly head: DocumentHead;
}

/** The assignment and head in one query (the caller holds the document lock). */
export async function readLockedDocument(trx: Transaction<Database>, ref: DocumentRef): Promise<LockedDocument> {
  const row = await trx
    .selectFrom('assignments')
    .leftJoin('annotation_docs', (join) =>
      join.onRef('annotation_docs.item_id', '=', 'assignments.item_id').onRef('annotation_docs.annotator_id', '=', 'assignments.user_id'),
    )
    .select([
      'assignments.state',
      'annotation_docs.id',
      'annotation_docs.revision',
      'annotation_docs.record_count',
      'annotation_docs.labelled',
      'annotation_docs.migrated_revision',
      'annotation_docs.updated_at',
    ])
    .where('assignments.item_id', '=', ref.itemId)
    .where('assignments.user_id', '=', ref.annotatorId)
    .executeTakeFirst();
  if (!row) return { state: null, head: EMPTY_HEAD };
  const head: DocumentHead =
    row.id === null
      ? EMPTY_HEAD
      : {
          id: row.id,
          revision: toNumber(row.revision),
          recordCount: toNumber(row.record_count),
          labelled: toNumber(row.labelled),
          migratedRevision: toNumber(row.migrated_revision),
          updatedAt: row.updated_at,
        };
  return { state: row.state as AssignmentState, head };
}

/** The document's revision outside any lock (reads that only label what they return). */
export async function readRevision(db: Kysely<Database>, ref: DocumentRef): Promise<number> {
  const row = await db
    .selectFrom('annotation_docs')
    .select('revision')
    .where('item_id', '=', ref.itemId)
    .where('annotator_id', '=', ref.annotatorId)
    .executeTakeFirst();
  return toNumber(row?.revision);
}

/** The one writer of an assignment's state once made; the review queue's row moves with it. */
export async function setAssignmentState(trx: Transaction<Database>, ref: DocumentRef, state: AssignmentState, at: string): Promise<void> {
  await trx.updateTable('assignments').set({ state, updated_at: at }).where('item_id', '=', ref.itemId).where('user_id', '=', ref.annotatorId).execute();
  await moveQueueRow(trx, { itemId: ref.itemId, annotatorId: ref.annotatorId }, state);
}
