/**
 * Applies one op batch to one document, all or nothing, in the caller's transaction (which holds
 * the document lock): base versions are checked against the stored versions of the batch's
 * records only; on any conflict nothing applies and the client gets the server's copies (412).
 * Otherwise the records, their op rows, the document head (revision, record count and labelled
 * targets, updated by difference, never recounted), the assignment state and one audit row are
 * written together. Everything here is O(ops), never O(document).
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { AnnotationRecord } from '../../../src/core/annotation';
import type { BatchResult, RecordConflictBody } from '../../../src/core/api';
import { canAnnotatorEdit, transition } from '../../../src/core/itemState';
import { checkBatch, RECORD_SCHEMA, type StoredRecord } from '../../../src/core/records';
import type { ItemTargets } from '../../../src/core/targets';
import { toNumber } from '../../db/dialect';
import type { AnnotationRecordsTable, Database } from '../../db/schema';
import { badRequest, conflict, forbidden } from '../../http/errors';
import { writeAudit } from '../audit';
import type { WriteOutcome } from '../idempotentWrite';
import { authorshipProblem } from './authorship';
import type { PreparedOp } from './batchInput';
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

/** Whether a row or record is a settled label on an image target (what progress counts, see core's countsAsLabelled). */
function labelsImage(targets: ItemTargets, type: string, settled: boolean, targetId: string): boolean {
  return type === 'label' && settled && targets.image(targetId) !== undefined;
}

/**
 * Change of the count of image targets carrying a settled label: per target the batch touches, its
 * settled labels before (one grouped query) and after (before, minus the batch's old ones, plus its new ones).
 */
async function labelledDelta(trx: Transaction<Database>, write: BatchWrite, stored: Map<string, StoredRow>): Promise<number> {
  const change = new Map<string, number>();
  const bump = (targetId: string, by: number) => change.set(targetId, (change.get(targetId) ?? 0) + by);
  for (const op of write.ops) {
    const old = stored.get(op.id);
    if (old && labelsImage(write.targets, old.type, toNumber(old.settled) === 1, old.target_id)) bump(old.target_id, -1);
    if (op.kind === 'put' && labelsImage(write.targets, op.record.type, op.record.settled, op.record.targetId)) bump(op.record.targetId, 1);
  }
  const touched = [...change.entries()].filter(([, by]) => by !== 0).map(([targetId]) => targetId);
  if (touched.length === 0) return 0;
  const before = new Map<string, number>();
  for (const ids of chunks(touched)) {
    const counts = await trx
      .selectFrom('annotation_records')
      .select(['target_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('item_id', '=', write.itemId)
      .where('annotator_id', '=', write.userId)
      .where('target_id', 'in', ids)
      .where('type', '=', 'label')
      .where('settled', '=', 1)
      .groupBy('target_id')
      .execute();
    for (const row of counts) before.set(row.target_id, toNumber(row.n));
  }
  let delta = 0;
  for (const targetId of touched) {
    const was = before.get(targetId) ?? 0;
    const now = was + (change.get(targetId) ?? 0);
    delta += Number(now > 0) - Number(was > 0);
  }
  return delta;
}

function authorshipErrors(write: BatchWrite, stored: Map<string, StoredRow>): string[] {
  const errors: string[] = [];
  write.ops.forEach((op, i) => {
    if (op.kind !== 'put') return;
    const body = stored.get(op.id)?.body;
    const previous = body ? (JSON.parse(body) as AnnotationRecord).provenance : null;
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
      return { op, columns, schema, version: versions[op.id] as number };
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
  const check = checkBatch(write.ops, (id) => toNumber(stored.get(id)?.version));
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
  const labelled = head.labelled + (await labelledDelta(trx, write, stored));
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
