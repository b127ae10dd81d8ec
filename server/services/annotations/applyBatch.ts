/**
 * Applies one op batch to one document, all or nothing, in the caller's transaction (which holds
 * the document lock): base versions are checked against the stored versions of the batch's
 * records only; on any conflict nothing applies and the client gets the server's copies (412).
 * Otherwise the records, their op rows, the document head (revision, record count and labelled
 * targets, updated by difference, never recounted), the assignment state and one audit row are
 * written together. Everything here is O(ops · log targets), never O(document).
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { AnnotationRecord } from '../../../src/core/annotation';
import type { BatchResult, RecordConflictBody } from '../../../src/core/api';
import { canAnnotatorEdit, transition } from '../../../src/core/itemState';
import { checkBatch, RECORD_SCHEMA, type StoredRecord } from '../../../src/core/records';
import type { ItemTargets } from '../../../src/core/targets';
import { spanOf } from '../../../src/core/recordStore';
import { toNumber } from '../../db/dialect';
import type { AnnotationRecordsTable, Database } from '../../db/schema';
import { badRequest, conflict, forbidden } from '../../http/errors';
import { writeAudit } from '../audit';
import type { WriteOutcome } from '../idempotentWrite';
import { authorshipProblem } from './authorship';
import type { PreparedOp } from './batchInput';
import { coverageSpan, covering, updateCoverage, type CoverageChange } from './labelCoverage';
import { readLockedDocument, setAssignmentState, type DocumentHead } from './document';
import { storedRecord, tombstoneColumns, type RecordColumns } from './recordRow';
import { appendOps, upsertRecords } from './recordWrites';

export interface BatchWrite {
  readonly itemId: string;
  readonly userId: string;
  /** The batch's Idempotency-Key. */
  readonly opId: string;
  /** Validated against the label set and the item's targets, columns derived (batchInput.ts). */
  readonly ops: readonly PreparedOp[];
  readonly legacyBaseRevision?: number;
  readonly targets: ItemTargets;
}

/** Rows per statement: under SQLite's and PostgreSQL's parameter limits for the widest row. */
const ROWS_PER_STATEMENT = 500;

type StoredRow = Pick<AnnotationRecordsTable, 'record_id' | 'version' | 'schema' | 'type' | 'question_id' | 'target_id' | 'deleted' | 'settled' | 'body'>;

/**
 * Record bodies per statement. SQLite runs a statement synchronously on the event loop; writing a
 * 16 MB batch as one statement held every other request for hundreds of milliseconds, so large
 * bodies go in statements of about this size with a turn of the event loop between them.
 */
const BODY_BYTES_PER_STATEMENT = 512 * 1024;

const bodyLength = (op: PreparedOp): number => (op.kind === 'put' ? (op.columns.body?.length ?? 0) : 0);

/** The batch's ops in statements of at most ROWS_PER_STATEMENT rows and about BODY_BYTES_PER_STATEMENT of bodies. */
function statements(ops: readonly PreparedOp[]): PreparedOp[][] {
  const out: PreparedOp[][] = [];
  let current: PreparedOp[] = [];
  let bytes = 0;
  for (const op of ops) {
    if (current.length > 0 && (current.length >= ROWS_PER_STATEMENT || bytes + bodyLength(op) > BODY_BYTES_PER_STATEMENT)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(op);
    bytes += bodyLength(op);
  }
  if (current.length > 0) out.push(current);
  return out;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += ROWS_PER_STATEMENT) out.push(items.slice(i, i + ROWS_PER_STATEMENT));
  return out;
}

async function storedRows(trx: Transaction<Database>, write: BatchWrite): Promise<Map<string, StoredRow>> {
  const rows = new Map<string, StoredRow>();
  for (const ids of chunks(write.ops.map((op) => op.id))) {
    const found = await trx
      .selectFrom('annotation_records')
      .select(['record_id', 'version', 'schema', 'type', 'question_id', 'target_id', 'deleted', 'settled', 'body'])
      .where('item_id', '=', write.itemId)
      .where('annotator_id', '=', write.userId)
      .where('record_id', 'in', ids)
      .execute();
    for (const row of found) rows.set(row.record_id, row);
  }
  return rows;
}

function conflictOutcome(stored: Map<string, StoredRow>, ids: readonly string[], head: DocumentHead, message: string): WriteOutcome {
  const conflicts: StoredRecord[] = ids.map((id) => {
    const row = stored.get(id);
    return row ? storedRecord(row) : { id, version: 0, schema: 0, record: null };
  });
  const body: RecordConflictBody = { error: 'conflict', message, conflicts, revision: head.revision };
  return { status: 412, body, remember: false };
}

/** The parsed body of a stored row (null: a tombstone, or no row). */
function storedBody(row: StoredRow | undefined): AnnotationRecord | null {
  return row?.body ? (JSON.parse(row.body) as AnnotationRecord) : null;
}

/**
 * Targets carrying a settled label once the batch applies: each op takes its old record's span
 * out of the document's coverage and puts its new one in (labelCoverage.ts), O(log targets) each,
 * however many frames a range spans.
 */
async function labelledAfter(trx: Transaction<Database>, write: BatchWrite, stored: Map<string, StoredRow>, head: DocumentHead): Promise<number> {
  const changes: CoverageChange[] = [];
  for (const op of write.ops) {
    const body = storedBody(stored.get(op.id));
    const old = body ? coverageSpan(covering(body), write.targets) : undefined;
    if (old) changes.push({ ...old, by: -1 });
    const now = op.kind === 'put' ? coverageSpan(op.record, write.targets) : undefined;
    if (now) changes.push({ ...now, by: 1 });
  }
  if (changes.length === 0) return head.labelled;
  return updateCoverage(trx, { itemId: write.itemId, annotatorId: write.userId }, write.targets.count, changes);
}

/** A label's span in the item's order (migration 0021's columns); nulls for everything else. */
function spanColumns(op: PreparedOp, targets: ItemTargets): { target_index: number | null; end_target_index: number | null } {
  const span = op.kind === 'put' && op.record.type === 'label' ? spanOf(op.record, targets) : undefined;
  return { target_index: span?.first ?? null, end_target_index: span?.last ?? null };
}

function authorshipErrors(write: BatchWrite, stored: Map<string, StoredRow>): string[] {
  const errors: string[] = [];
  write.ops.forEach((op, i) => {
    if (op.kind !== 'put') return;
    const previous = storedBody(stored.get(op.id))?.provenance ?? null;
    const problem = authorshipProblem(previous, op.record.provenance, write.userId);
    if (problem) errors.push(`ops[${i}] (${op.id}): ${problem}`);
  });
  return errors;
}

async function writeHead(trx: Transaction<Database>, write: BatchWrite, head: DocumentHead, next: Omit<DocumentHead, 'id' | 'migratedRevision'>): Promise<string> {
  const values = { revision: next.revision, record_count: next.recordCount, labelled: next.labelled, updated_at: next.updatedAt ?? '' };
  if (head.id) {
    await trx.updateTable('annotation_docs').set(values).where('id', '=', head.id).execute();
    return head.id;
  }
  const id = randomUUID();
  await trx.insertInto('annotation_docs').values({ id, item_id: write.itemId, annotator_id: write.userId, migrated_revision: 0, ...values }).execute();
  return id;
}

async function writeOpsAndRecords(
  trx: Transaction<Database>,
  write: BatchWrite,
  stored: Map<string, StoredRow>,
  versions: Readonly<Record<string, number>>,
  revision: number,
  at: string,
): Promise<void> {
  const groups = statements(write.ops);
  for (const [index, ops] of groups.entries()) {
    if (index > 0) await nextTurn();
    const rows = ops.map((op) => {
      const columns: RecordColumns = op.kind === 'put' ? op.columns : tombstoneColumns(stored.get(op.id) ?? { type: '', question_id: '', target_id: '' });
      const schema = op.kind === 'put' ? RECORD_SCHEMA[op.record.type] : toNumber(stored.get(op.id)?.schema);
      return { op, columns: { ...columns, ...spanColumns(op, write.targets) }, schema, version: versions[op.id] as number };
    });
    const seqOf = await appendOps(
      trx,
      rows.map(({ op, columns, schema, version }) => ({
        item_id: write.itemId,
        annotator_id: write.userId,
        revision,
        record_id: op.id,
        version,
        kind: op.kind,
        body: columns.body,
        schema,
        author_id: write.userId,
        op_id: write.opId,
        created_at: at,
      })),
    );
    await upsertRecords(
      trx,
      rows.map(({ op, columns, schema, version }) => ({
        item_id: write.itemId,
        annotator_id: write.userId,
        record_id: op.id,
        version,
        schema,
        ...columns,
        updated_at: at,
        updated_seq: seqOf.get(op.id) ?? 0,
      })),
      'write spans',
    );
  }
}

export async function applyBatch(trx: Transaction<Database>, write: BatchWrite, at: string): Promise<WriteOutcome> {
  const ref = { itemId: write.itemId, annotatorId: write.userId };
  const { state, head } = await readLockedDocument(trx, ref);
  if (state === null) throw forbidden('this item is not assigned to you');
  if (!canAnnotatorEdit(state)) throw conflict('item_locked', `the item is ${state}; its annotations cannot change until a reviewer returns it`);

  const stored = await storedRows(trx, write);
  const allIds = write.ops.map((op) => op.id);
  if (write.legacyBaseRevision !== undefined && (write.legacyBaseRevision !== head.migratedRevision || head.revision !== head.migratedRevision)) {
    const message = `edits based on whole-document revision ${write.legacyBaseRevision} cannot apply: the document was migrated at revision ${head.migratedRevision} and is now at ${head.revision}`;
    return conflictOutcome(stored, allIds, head, message);
  }
  const check = checkBatch(write.ops, (id) => toNumber(stored.get(id)?.version), (id) => toNumber(stored.get(id)?.deleted) === 1);
  if (check.conflicts.length > 0) {
    return conflictOutcome(stored, check.conflicts, head, `${check.conflicts.length} record(s) changed on the server since your base version; nothing was applied`);
  }
  const refused = authorshipErrors(write, stored);
  if (refused.length > 0) throw badRequest(`authorship: ${refused.slice(0, 10).join('; ')}`);

  const revision = head.revision + 1;
  let recordCount = head.recordCount;
  for (const op of write.ops) {
    const old = stored.get(op.id);
    if (old && toNumber(old.deleted) === 0) recordCount -= 1;
    if (op.kind === 'put') recordCount += 1;
  }
  const labelled = await labelledAfter(trx, write, stored, head);
  const docId = await writeHead(trx, write, head, { revision, recordCount, labelled, updatedAt: at });
  await writeOpsAndRecords(trx, write, stored, check.versions, revision, at);

  const next = transition(state, 'startWork');
  if (next.ok && next.value !== state) await setAssignmentState(trx, ref, next.value, at);
  await writeAudit(trx, {
    at,
    userId: write.userId,
    action: 'annotation.batch',
    entity: 'annotation_doc',
    entityId: docId,
    revision,
    detail: { itemId: write.itemId, opId: write.opId, ops: write.ops.length, labelled },
  });
  const result: BatchResult = { revision, versions: check.versions, updatedAt: at };
  return { status: 200, body: result, remember: true };
}
