/**
 * Annotation documents, one per (item, annotator), under the sync protocol: every applied write
 * is a new immutable revision, the base revision must match the head (else 412 with the head),
 * and the write, its revision row, the assignment's state and the audit row commit together.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { AnnotationDocument } from '../../src/core/annotation';
import type { AnnotatorHead, AssignmentState, ConflictBody, DocumentHead, DocumentWriteResult, RevisionInfo } from '../../src/core/api';
import { canAnnotatorEdit, transition } from '../../src/core/itemState';
import { serializeWrites, toNumber } from '../db/dialect';
import type { Database } from '../db/schema';
import { conflict, forbidden } from '../http/errors';
import { writeAudit } from './audit';
import type { WriteOutcome } from './idempotentWrite';

type DocRow = Database['annotation_docs'];

function headOf(row: Pick<DocRow, 'revision' | 'body' | 'updated_at'> | undefined): DocumentHead {
  return row
    ? { revision: toNumber(row.revision), document: JSON.parse(row.body) as AnnotationDocument, updatedAt: row.updated_at }
    : { revision: 0, document: null, updatedAt: null };
}

export async function readHead(db: Kysely<Database>, itemId: string, annotatorId: string): Promise<DocumentHead> {
  const row = await db
    .selectFrom('annotation_docs')
    .select(['revision', 'body', 'updated_at'])
    .where('item_id', '=', itemId)
    .where('annotator_id', '=', annotatorId)
    .executeTakeFirst();
  return headOf(row);
}

export function conflictBody(current: DocumentHead, message: string): ConflictBody {
  return { error: 'conflict', message, current };
}

/** The caller's assignment state; writing needs an assignment. */
async function assignmentState(trx: Transaction<Database>, itemId: string, userId: string): Promise<AssignmentState> {
  const row = await trx
    .selectFrom('assignments')
    .select('state')
    .where('item_id', '=', itemId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw forbidden('this item is not assigned to you');
  return row.state as AssignmentState;
}

async function setAssignmentState(trx: Transaction<Database>, itemId: string, userId: string, state: AssignmentState, at: string): Promise<void> {
  await trx.updateTable('assignments').set({ state, updated_at: at }).where('item_id', '=', itemId).where('user_id', '=', userId).execute();
}

export interface DocumentWrite {
  readonly itemId: string;
  readonly userId: string;
  readonly baseRevision: number;
  readonly opId: string;
  readonly document: AnnotationDocument;
  /** Targets carrying a label, for progress listings. */
  readonly labelled: number;
}

/** Thrown when a concurrent writer moved the head between read and update; the transaction is run again. */
class HeadMoved extends Error {
  readonly code = '40001';
}

export async function applyDocumentWrite(trx: Transaction<Database>, write: DocumentWrite, at: string): Promise<WriteOutcome> {
  await serializeWrites(trx);
  const state = await assignmentState(trx, write.itemId, write.userId);
  if (!canAnnotatorEdit(state)) {
    throw conflict('item_locked', `the item is ${state}; its annotations cannot change until a reviewer returns it`);
  }
  const head = await trx
    .selectFrom('annotation_docs')
    .selectAll()
    .where('item_id', '=', write.itemId)
    .where('annotator_id', '=', write.userId)
    .executeTakeFirst();
  const current = head ? toNumber(head.revision) : 0;
  if (write.baseRevision !== current) {
    const body = conflictBody(headOf(head), `base revision ${write.baseRevision} is stale; the server has revision ${current}`);
    return { status: 412, body, remember: false };
  }

  const revision = current + 1;
  const docId = head?.id ?? randomUUID();
  const body = JSON.stringify(write.document);
  if (head) {
    const updated = await trx
      .updateTable('annotation_docs')
      .set({ revision, body, labelled: write.labelled, updated_at: at })
      .where('id', '=', docId)
      .where('revision', '=', current)
      .executeTakeFirst();
    if (toNumber(updated.numUpdatedRows) !== 1) throw new HeadMoved('document head moved during the write');
  } else {
    await trx
      .insertInto('annotation_docs')
      .values({ id: docId, item_id: write.itemId, annotator_id: write.userId, revision, body, labelled: write.labelled, updated_at: at })
      .execute();
  }
  await trx
    .insertInto('doc_revisions')
    .values({
      doc_id: docId,
      item_id: write.itemId,
      annotator_id: write.userId,
      revision,
      body,
      author_id: write.userId,
      op_id: write.opId,
      created_at: at,
    })
    .execute();
  const next = transition(state, 'startWork');
  if (next.ok && next.value !== state) await setAssignmentState(trx, write.itemId, write.userId, next.value, at);
  await writeAudit(trx, {
    at,
    userId: write.userId,
    action: 'annotation.write',
    entity: 'annotation_doc',
    entityId: docId,
    revision,
    detail: { itemId: write.itemId, opId: write.opId, labelled: write.labelled },
  });
  const result: DocumentWriteResult = { revision, updatedAt: at };
  return { status: 200, body: result, remember: true };
}

/** Annotator submits their work at the revision they have seen (`baseRevision`). */
export async function applySubmit(
  trx: Transaction<Database>,
  submit: { readonly itemId: string; readonly userId: string; readonly baseRevision: number },
  at: string,
): Promise<WriteOutcome> {
  await serializeWrites(trx);
  const state = await assignmentState(trx, submit.itemId, submit.userId);
  const next = transition(state, 'submit');
  if (!next.ok) throw conflict('invalid_state', next.errors.join('; '));
  const head = await readHead(trx, submit.itemId, submit.userId);
  if (head.revision !== submit.baseRevision) {
    const body = conflictBody(head, `submit was for revision ${submit.baseRevision}; the server has revision ${head.revision}`);
    return { status: 412, body, remember: false };
  }
  await setAssignmentState(trx, submit.itemId, submit.userId, next.value, at);
  await writeAudit(trx, {
    at,
    userId: submit.userId,
    action: 'item.submit',
    entity: 'assignment',
    entityId: `${submit.itemId}/${submit.userId}`,
    revision: head.revision,
    detail: { itemId: submit.itemId },
  });
  return { status: 200, body: { state: next.value }, remember: true };
}

/** A reviewer approves or returns one annotator's submitted work. */
export async function applyReview(
  trx: Transaction<Database>,
  review: { readonly itemId: string; readonly reviewerId: string; readonly annotatorId: string; readonly decision: 'approve' | 'return'; readonly comment: string | null },
  at: string,
): Promise<WriteOutcome> {
  await serializeWrites(trx);
  const row = await trx
    .selectFrom('assignments')
    .select('state')
    .where('item_id', '=', review.itemId)
    .where('user_id', '=', review.annotatorId)
    .executeTakeFirst();
  if (!row) throw conflict('not_assigned', `the item is not assigned to annotator ${review.annotatorId}`);
  const next = transition(row.state as AssignmentState, review.decision);
  if (!next.ok) throw conflict('invalid_state', next.errors.join('; '));
  const head = await readHead(trx, review.itemId, review.annotatorId);
  await setAssignmentState(trx, review.itemId, review.annotatorId, next.value, at);
  await writeAudit(trx, {
    at,
    userId: review.reviewerId,
    action: `item.${review.decision}`,
    entity: 'assignment',
    entityId: `${review.itemId}/${review.annotatorId}`,
    revision: head.revision,
    detail: { itemId: review.itemId, annotatorId: review.annotatorId, ...(review.comment ? { comment: review.comment } : {}) },
  });
  return { status: 200, body: { state: next.value }, remember: true };
}

export async function listRevisions(db: Kysely<Database>, itemId: string, annotatorId: string): Promise<RevisionInfo[]> {
  const rows = await db
    .selectFrom('doc_revisions')
    .innerJoin('annotation_docs', 'annotation_docs.id', 'doc_revisions.doc_id')
    .select(['doc_revisions.revision', 'doc_revisions.op_id', 'doc_revisions.created_at'])
    .where('annotation_docs.item_id', '=', itemId)
    .where('annotation_docs.annotator_id', '=', annotatorId)
    .orderBy('doc_revisions.revision')
    .execute();
  return rows.map((row) => ({ revision: toNumber(row.revision), opId: row.op_id, createdAt: row.created_at }));
}

/** Every annotator's head of one item, for reviewers (assigned annotators without a document at revision 0). */
export async function listHeads(db: Kysely<Database>, itemId: string): Promise<AnnotatorHead[]> {
  const rows = await db
    .selectFrom('assignments')
    .leftJoin('annotation_docs', (join) =>
      join.onRef('annotation_docs.item_id', '=', 'assignments.item_id').onRef('annotation_docs.annotator_id', '=', 'assignments.user_id'),
    )
    .select(['assignments.user_id', 'assignments.state', 'annotation_docs.revision', 'annotation_docs.body', 'annotation_docs.updated_at'])
    .where('assignments.item_id', '=', itemId)
    .orderBy('assignments.user_id')
    .execute();
  return rows.map((row) => ({
    annotatorId: row.user_id,
    state: row.state as AssignmentState,
    ...(row.revision === null || row.body === null || row.updated_at === null
      ? headOf(undefined)
      : headOf({ revision: row.revision, body: row.body, updated_at: row.updated_at })),
  }));
}
