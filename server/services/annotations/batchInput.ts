/**
 * Turns the bytes of an op batch into what `applyBatch` writes, before any database work: parsed,
 * its text checked (no NUL, no lone surrogate), every op validated against the item's label set
 * and targets (record limits included), and each put's stored columns (JSON body, bounding box)
 * derived. Pure CPU work on one request's bytes, so large batches run in a worker thread
 * (batchPool.ts) and the event loop only receives the small summaries and the body strings.
 */
import { createHash } from 'node:crypto';
import type { Provenance, RecordType } from '../../../src/core/annotation';
import type { Item } from '../../../src/core/item';
import type { LabelSet } from '../../../src/core/labelSet';
import { batchShapeErrors, MAX_OPS_PER_BATCH, type RecordOp } from '../../../src/core/records';
import { isSettled } from '../../../src/core/targetLabels';
import { ItemTargets } from '../../../src/core/targets';
import { validateRecordOp } from '../../../src/core/validation/annotation';
import { findBadText } from '../../plugins/noNulText';
import { MAX_DB_INTEGER } from '../../http/schemas';
import { covering, type CoveringLabel } from './labelCoverage';
import { recordColumns, type RecordColumns } from './recordRow';

/** At most this many problems are reported: enough to fix a client, not a 2,000-line answer. */
const REPORTED_PROBLEMS = 10;

/** What applyBatch needs of a put's record besides its stored columns. */
export interface RecordSummary extends CoveringLabel {
  readonly type: RecordType;
  readonly targetId: string;
  readonly settled: boolean;
  readonly provenance: Provenance;
}

/** One validated op: a put carries its record's summary and columns, a delete neither. */
export type PreparedOp =
  | { readonly kind: 'put'; readonly id: string; readonly baseVersion: number; readonly record: RecordSummary; readonly columns: RecordColumns }
  | { readonly kind: 'delete'; readonly id: string; readonly baseVersion: number };

export interface PreparedBatch {
  readonly ops: readonly PreparedOp[];
  readonly legacyBaseRevision?: number;
  /** SHA-256 of the body bytes, for the Idempotency-Key check. */
  readonly bodyHash: string;
}

/** Why a batch is refused: `error` is the ApiError code. */
export interface BatchRefusal {
  readonly error: 'invalid_text' | 'invalid_batch';
  readonly message: string;
}

export type PrepareOutcome = { readonly ok: true; readonly batch: PreparedBatch } | { readonly ok: false; readonly refusal: BatchRefusal };

/** What a batch is checked against; plain data, so it can be posted to a worker. */
export interface BatchContext {
  readonly labelSet: LabelSet;
  readonly item: Item;
}

/** The op as applyBatch takes it, for callers that hold records already (tests, migrations). */
export function preparedOp(op: RecordOp): PreparedOp {
  if (op.kind === 'delete') return op;
  const { record } = op;
  const summary: RecordSummary = { ...covering(record), type: record.type, settled: isSettled(record), provenance: record.provenance };
  return { kind: 'put', id: op.id, baseVersion: op.baseVersion, record: summary, columns: recordColumns(record) };
}

const invalid = (message: string): PrepareOutcome => ({ ok: false, refusal: { error: 'invalid_batch', message } });

/** The body's own shape: `{ ops: [...], legacyBaseRevision? }`. */
function bodyProblem(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body must be an object with an "ops" list';
  const unknown = Object.keys(body).filter((key) => key !== 'ops' && key !== 'legacyBaseRevision');
  if (unknown.length > 0) return `unknown property ${JSON.stringify(unknown[0])}`;
  const { ops, legacyBaseRevision } = body as { ops?: unknown; legacyBaseRevision?: unknown };
  if (!Array.isArray(ops) || ops.length < 1 || ops.length > MAX_OPS_PER_BATCH) return `"ops" must be a list of 1 to ${MAX_OPS_PER_BATCH} operations`;
  const revisionOk = typeof legacyBaseRevision === 'number' && Number.isInteger(legacyBaseRevision) && legacyBaseRevision >= 0 && legacyBaseRevision <= MAX_DB_INTEGER;
  if (legacyBaseRevision !== undefined && !revisionOk) return `"legacyBaseRevision" must be an integer from 0 to ${MAX_DB_INTEGER}`;
  return null;
}

export function prepareBatch(bytes: Uint8Array, context: BatchContext): PrepareOutcome {
  const bodyHash = createHash('sha256').update(bytes).digest('hex');
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch (error) {
    return invalid(`the body is not valid JSON: ${(error as Error).message}`);
  }
  const bad = findBadText(body);
  if (bad) return { ok: false, refusal: { error: 'invalid_text', message: `body${bad.path} ${bad.problem}` } };
  const shape = bodyProblem(body);
  if (shape) return invalid(shape);
  const { ops, legacyBaseRevision } = body as { ops: unknown[]; legacyBaseRevision?: number };

  const targets = new ItemTargets(context.item);
  const problems: string[] = [];
  const checked: RecordOp[] = [];
  ops.forEach((op, i) => {
    if (problems.length >= REPORTED_PROBLEMS) return;
    const result = validateRecordOp(op, { labelSet: context.labelSet, targets }, `ops[${i}]`);
    if (result.ok) checked.push(result.value);
    else problems.push(...result.errors);
  });
  if (problems.length === 0) problems.push(...batchShapeErrors(checked));
  if (problems.length > 0) return invalid(`invalid batch: ${problems.slice(0, REPORTED_PROBLEMS).join('; ')}`);
  const batch: PreparedBatch = { ops: checked.map(preparedOp), bodyHash, ...(legacyBaseRevision === undefined ? {} : { legacyBaseRevision }) };
  return { ok: true, batch };
}
