/**
 * Record-level versions and operations: the unit of storage and sync.
 *
 * The server holds, per record, its body (or a tombstone once deleted) and a version that grows by
 * one with every applied change. A client sends operations that name the version they were made
 * on (`baseVersion`, 0 for a record it believes does not exist yet); an operation whose base is not
 * the server's current version conflicts, and only that record conflicts: changes to other records
 * apply. This is CouchDB's revision check, per record rather than per document.
 */
import type { AnnotationRecord, RecordType } from './annotation';

/**
 * Schema version of each record type's body. Bump one when its shape changes and add the step
 * to `migrations/recordSchema.ts`; stored records name their schema so old ones can be upgraded.
 */
export const RECORD_SCHEMA: Readonly<Record<RecordType, number>> = { label: 2, shape: 2, mask: 2 };

/** A record as the server stores and sends it. */
export interface StoredRecord {
  readonly id: string;
  /** 1 for the first write, +1 for every applied change (a delete included). */
  readonly version: number;
  /** The body's schema version (`RECORD_SCHEMA` of its type when written). */
  readonly schema: number;
  /** null: deleted (a tombstone, kept so a stale edit of it conflicts instead of resurrecting it). */
  readonly record: AnnotationRecord | null;
}

export type RecordOp =
  | { readonly kind: 'put'; readonly id: string; readonly baseVersion: number; readonly record: AnnotationRecord }
  | { readonly kind: 'delete'; readonly id: string; readonly baseVersion: number };

/** Most operations one request may carry; a client splits larger changes into several batches. */
export const MAX_OPS_PER_BATCH = 2_000;

/** The version a record has on the server: 0 when it never existed. */
export type VersionLookup = (id: string) => number;

export interface BatchCheck {
  /** Ids of operations whose base version is not the current one. */
  readonly conflicts: readonly string[];
  /** Version each applied record will have, by id (only when there is no conflict). */
  readonly versions: Readonly<Record<string, number>>;
}

/** Whether the server's copy of a record is a tombstone (deleted; it holds no content). */
export type TombstoneLookup = (id: string) => boolean;

/**
 * Checks a batch against the current versions. A batch applies whole or not at all: with any
 * conflict nothing applies, the client sets the conflicting records aside and resends the rest.
 * One id may appear once per batch (the client coalesces per record). A put at base 0 on a
 * tombstone is a device that never saw the record re-creating it: it overwrites no content, so it
 * applies (the client would settle that conflict by resending on the tombstone's version anyway,
 * `settleConflict`, at the cost of a 412 and a second request).
 */
export function checkBatch(ops: readonly Pick<RecordOp, 'kind' | 'id' | 'baseVersion'>[], currentVersion: VersionLookup, isTombstone: TombstoneLookup = () => false): BatchCheck {
  const conflicts: string[] = [];
  const versions: Record<string, number> = {};
  for (const op of ops) {
    const current = currentVersion(op.id);
    const recreates = op.kind === 'put' && op.baseVersion === 0 && current > 0 && isTombstone(op.id);
    if (op.baseVersion !== current && !recreates) conflicts.push(op.id);
    else Object.defineProperty(versions, op.id, { value: current + 1, enumerable: true });
  }
  return conflicts.length > 0 ? { conflicts, versions: {} } : { conflicts, versions };
}

/** Problems with the shape of a batch itself (not its records): duplicate ids, size, id mismatch. */
export function batchShapeErrors(ops: readonly RecordOp[]): string[] {
  const errors: string[] = [];
  if (ops.length === 0) errors.push('a batch needs at least one operation');
  if (ops.length > MAX_OPS_PER_BATCH) errors.push(`a batch carries at most ${MAX_OPS_PER_BATCH} operations, got ${ops.length}`);
  const seen = new Set<string>();
  ops.forEach((op, i) => {
    if (seen.has(op.id)) errors.push(`ops[${i}]: record ${JSON.stringify(op.id)} appears twice in one batch`);
    seen.add(op.id);
    if (op.kind === 'put' && op.record.id !== op.id) errors.push(`ops[${i}]: record id ${JSON.stringify(op.record.id)} differs from op id ${JSON.stringify(op.id)}`);
  });
  return errors;
}

/** Splits operations into batches of at most `size` (a large import or model run). */
export function chunkOps(ops: readonly RecordOp[], size = MAX_OPS_PER_BATCH): RecordOp[][] {
  const out: RecordOp[][] = [];
  for (let i = 0; i < ops.length; i += size) out.push(ops.slice(i, i + size));
  return out;
}
