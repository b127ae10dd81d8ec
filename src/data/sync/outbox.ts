/**
 * The outbox: per item, the batches of record ops waiting for the server. Dirty records are the
 * content; a batch row is opened as a marker when records become dirty and frozen (its ops and
 * key fixed) at its first send. Every function runs inside the caller's transaction.
 */
import type { BatchResult } from '../../core/api';
import { MAX_OPS_PER_BATCH, type RecordOp, type StoredRecord } from '../../core/records';
import type { MejirushiDb, OutboxRow, RecordRow } from '../db';
import { newOpId } from '../opId';
import { adjustDirty, dirtyChange } from './dirtyCount';
import { acknowledgedRow, keyOf, rowsInState, type DocumentRef } from './recordRows';

/** The item's batches, oldest first. */
export async function batchesOf(db: MejirushiDb, doc: DocumentRef): Promise<OutboxRow[]> {
  const rows = await db.outbox.where('[itemId+annotatorId]').equals([doc.itemId, doc.annotatorId]).toArray();
  return rows.sort((a, b) => a.seq - b.seq);
}

/** Makes sure an open batch waits behind whatever is frozen, so newly dirty records go out. */
export async function ensureOpenBatch(db: MejirushiDb, doc: DocumentRef, now: number, legacyBaseRevision?: number): Promise<void> {
  const rows = await batchesOf(db, doc);
  if (rows.some((row) => row.ops === undefined)) return;
  await db.outbox.add({
    opId: newOpId(),
    itemId: doc.itemId,
    annotatorId: doc.annotatorId,
    seq: rows.reduce((max, row) => Math.max(max, row.seq + 1), 0),
    ...(legacyBaseRevision !== undefined ? { legacyBaseRevision } : {}),
    attempts: 0,
    nextAttemptAt: now,
  });
}

const opOf = (row: RecordRow): RecordOp =>
  row.record ? { kind: 'put', id: row.id, baseVersion: row.baseVersion, record: row.record } : { kind: 'delete', id: row.id, baseVersion: row.baseVersion };

/**
 * A batch frozen at once by the save that made its records dirty, when nothing else of the
 * document waited (no batch, no other dirty record): `rows` are written carried by `opId`.
 */
export function savedFrozen(doc: DocumentRef, opId: string, rows: readonly RecordRow[], now: number): OutboxRow {
  return { opId, itemId: doc.itemId, annotatorId: doc.annotatorId, seq: 0, attempts: 0, nextAttemptAt: now, ops: rows.map(opOf) };
}

/**
 * Freezes the open head batch: up to MAX_OPS_PER_BATCH dirty records, each marked as carried by
 * it. Answers null (and drops the marker) when nothing is dirty any more.
 */
export async function freeze(db: MejirushiDb, doc: DocumentRef, head: OutboxRow, now: number): Promise<OutboxRow | null> {
  const dirty = (await rowsInState(db, doc, 'dirty').limit(MAX_OPS_PER_BATCH + 1).toArray()).filter((row) => row.batch === undefined);
  if (dirty.length === 0) {
    await db.outbox.delete(head.opId);
    return null;
  }
  const carried = dirty.slice(0, MAX_OPS_PER_BATCH);
  await db.records.bulkPut(carried.map((row) => ({ ...row, batch: head.opId })));
  const frozen: OutboxRow = { ...head, ops: carried.map(opOf) };
  await db.outbox.put(frozen);
  // More than one request holds: the rest goes out in the next batch.
  if (dirty.length > MAX_OPS_PER_BATCH) await ensureOpenBatch(db, doc, now, head.legacyBaseRevision);
  return frozen;
}

/**
 * The server applied the batch: each record takes its new version; the batch is done. The head's
 * revision follows only when this batch was the very next one (else other devices' ops lie
 * between, still to be caught up). Answers whether it followed.
 */
export async function acknowledge(db: MejirushiDb, doc: DocumentRef, batch: OutboxRow, result: BatchResult, now: number): Promise<boolean> {
  const head = await db.heads.get([doc.itemId, doc.annotatorId]);
  const followed = head !== undefined && result.revision === head.revision + 1;
  if (followed) await db.heads.put({ ...head, revision: result.revision });
  const ops = batch.ops ?? [];
  const rows = await db.records.bulkGet(ops.map((op) => keyOf(doc, op.id)));
  const writes: RecordRow[] = [];
  let dirty = 0;
  ops.forEach((op, i) => {
    const row = rows[i];
    const version = result.versions[op.id];
    if (!row || row.batch !== batch.opId || version === undefined) return;
    const next = acknowledgedRow(row, op.kind === 'put' ? op.record : null, version);
    writes.push(next);
    dirty += dirtyChange(row, next);
  });
  await db.records.bulkPut(writes);
  await adjustDirty(db, doc, dirty);
  await db.outbox.delete(batch.opId);
  if (writes.some((row) => row.state === 'dirty')) await ensureOpenBatch(db, doc, now);
  return followed;
}

/**
 * The server refused the batch (412) because these records changed there: each is set aside with
 * both versions (or settled at once, see `settleConflict`), the others go back to dirty and are
 * resent in a new batch under a new key, since nothing of this one applied. Records the 412 did
 * not name keep their base version: a legacy batch is refused whole, naming every record.
 */
export async function setAside(
  db: MejirushiDb,
  doc: DocumentRef,
  batch: OutboxRow,
  conflicts: readonly StoredRecord[],
  now: number,
  settle: (row: RecordRow, server: StoredRecord, now: number) => RecordRow,
): Promise<void> {
  const servers = new Map(conflicts.map((server) => [server.id, server]));
  const ops = batch.ops ?? [];
  const rows = await db.records.bulkGet(ops.map((op) => keyOf(doc, op.id)));
  const writes: RecordRow[] = [];
  let dirty = 0;
  for (const row of rows) {
    if (!row || row.batch !== batch.opId) continue;
    const { batch: _refused, ...rest } = row;
    const server = servers.get(row.id);
    const next = server ? settle(rest, server, now) : rest;
    writes.push(next);
    dirty += dirtyChange(row, next);
  }
  await db.records.bulkPut(writes);
  await adjustDirty(db, doc, dirty);
  await db.outbox.delete(batch.opId);
  // The 412 gave every record's current version: the rest no longer leans on a legacy revision.
  if (writes.some((row) => row.state === 'dirty')) await ensureOpenBatch(db, doc, now);
}
