/**
 * The item workflow on one document, under its lock: the annotator submits the revision they have
 * seen (freezing a snapshot of it), a reviewer approves or returns submitted work.
 */
import type { Transaction } from 'kysely';
import type { AnnotationRecord, DocumentSnapshot } from '../../../src/core/annotation';
import type { CommentAnchor, RecordConflictBody } from '../../../src/core/api';
import { transition } from '../../../src/core/itemState';
import type { Database } from '../../db/schema';
import { conflict, forbidden } from '../../http/errors';
import { writeAudit } from '../audit';
import { enterQueue, refreshDisagreement } from '../review/queueEntries';
import { openThread } from '../review/comments';
import type { DocumentRef, WriteOutcome } from '../idempotentWrite';
import { readLockedDocument, setAssignmentState } from './document';

export interface Submit extends DocumentRef {
  readonly baseRevision: number;
  readonly labelSetId: string;
  readonly labelSetVersion: number;
}

/** Freezing a document is the one write that reads all of it. */
async function writeSnapshot(trx: Transaction<Database>, submit: Submit, revision: number, at: string): Promise<void> {
  const rows = await trx
    .selectFrom('annotation_records')
    .select('body')
    .where('item_id', '=', submit.itemId)
    .where('annotator_id', '=', submit.annotatorId)
    .where('deleted', '=', 0)
    .orderBy('record_id')
    .execute();
  const snapshot: DocumentSnapshot = {
    itemId: submit.itemId,
    annotatorId: submit.annotatorId,
    labelSetId: submit.labelSetId,
    labelSetVersion: submit.labelSetVersion,
    records: rows.map((row) => JSON.parse(row.body ?? 'null') as AnnotationRecord),
  };
  await trx
    .insertInto('annotation_snapshots')
    .values({ item_id: submit.itemId, annotator_id: submit.annotatorId, revision, reason: 'submit', body: JSON.stringify(snapshot), created_at: at })
    .execute();
}

export async function applySubmit(trx: Transaction<Database>, submit: Submit, at: string): Promise<WriteOutcome> {
  const { state, head } = await readLockedDocument(trx, submit);
  if (state === null) throw forbidden('this item is not assigned to you');
  const next = transition(state, 'submit');
  if (!next.ok) throw conflict('invalid_state', next.errors.join('; '));
  if (head.revision !== submit.baseRevision) {
    const body: RecordConflictBody = {
      error: 'conflict',
      message: `submit was for revision ${submit.baseRevision}; the server has revision ${head.revision}`,
      conflicts: [],
      revision: head.revision,
    };
    return { status: 412, body, remember: false };
  }
  await writeSnapshot(trx, submit, head.revision, at);
  await setAssignmentState(trx, submit, next.value, at);
  await enterQueue(trx, submit, at);
  await refreshDisagreement(trx, submit.itemId);
  await writeAudit(trx, {
    at,
    userId: submit.annotatorId,
    action: 'item.submit',
    entity: 'assignment',
    entityId: `${submit.itemId}/${submit.annotatorId}`,
    revision: head.revision,
    detail: { itemId: submit.itemId },
  });
  return { status: 200, body: { state: next.value }, remember: true };
}

export interface Review extends DocumentRef {
  readonly reviewerId: string;
  readonly decision: 'approve' | 'return';
  readonly comment: string | null;
  /** A return whose comment opens a review thread pinned here (services/review/comments.ts). */
  readonly anchor: CommentAnchor | null;
}

export async function applyReview(trx: Transaction<Database>, review: Review, at: string): Promise<WriteOutcome> {
  const { state, head } = await readLockedDocument(trx, review);
  if (state === null) throw conflict('not_assigned', `the item is not assigned to annotator ${review.annotatorId}`);
  const next = transition(state, review.decision);
  if (!next.ok) throw conflict('invalid_state', next.errors.join('; '));
  await setAssignmentState(trx, review, next.value, at);
  // A return takes the reader out of the handed-in work the item's readers are compared over.
  if (review.decision === 'return') await refreshDisagreement(trx, review.itemId);
  await writeAudit(trx, {
    at,
    userId: review.reviewerId,
    action: `item.${review.decision}`,
    entity: 'assignment',
    entityId: `${review.itemId}/${review.annotatorId}`,
    revision: head.revision,
    detail: { itemId: review.itemId, annotatorId: review.annotatorId, ...(review.comment ? { comment: review.comment } : {}) },
  });
  if (review.anchor && review.comment) {
    const threadId = await openThread(trx, { ...review, anchor: review.anchor, body: review.comment, authorId: review.reviewerId }, at);
    return { status: 200, body: { state: next.value, threadId }, remember: true };
  }
  return { status: 200, body: { state: next.value }, remember: true };
}
