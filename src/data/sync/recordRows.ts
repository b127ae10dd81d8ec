/**
 * How one local record row changes: under a local edit, when a server copy arrives, when the
 * server acknowledges it. Pure functions over rows; the callers read and write them in one
 * IndexedDB transaction, touching only the records of the change (O(diff)).
 */
import type { AnnotationRecord } from '../../core/annotation';
import { sameRecord, type RecordDiff } from '../../core/diff';
import { RECORD_SCHEMA, type StoredRecord } from '../../core/records';
import { documentRange, type MejirushiDb, type RecordKey, type RecordRow } from '../db';
import { baseVersions, readBase } from './basePages';
import { dirtyChange } from './dirtyCount';

export interface DocumentRef {
  readonly itemId: string;
  readonly annotatorId: string;
}

export const keyOf = (doc: DocumentRef, id: string): RecordKey => [doc.itemId, doc.annotatorId, id];

/** The server's record at the row's base version (see `RecordRow.base`). */
export function baseOf(row: RecordRow): AnnotationRecord | null {
  return row.base === undefined ? row.record : row.base;
}

/** The row as stored: a synced row keeps one copy of its record, not a second as its base. */
export function compactRow(row: RecordRow): RecordRow {
  if (row.state !== 'synced' || row.base === undefined) return row;
  const { base: _same, ...rest } = row;
  return rest;
}

/** Whether the row's record may take a server copy now: not changed here, not on its way. */
export const isSettled = (row: RecordRow): boolean => row.state === 'synced' && row.batch === undefined;

/** The server's copy a synced row holds, as the server would send it. */
export function serverCopyOf(row: RecordRow): StoredRecord {
  const base = baseOf(row);
  const schema = base ? RECORD_SCHEMA[base.type] : 0;
  return { id: row.id, version: row.baseVersion, schema, record: base };
}

/**
 * The row after the local edit `before → after`; null when there is nothing to keep. An edit made
 * on an older copy than the synced one this device now holds (a server copy arrived while the
 * edit was being saved) becomes a conflict: neither side is overwritten unseen.
 */
export function editedRow(doc: DocumentRef, id: string, row: RecordRow | undefined, [before, after]: RecordDiff[string], now: number): RecordRow | null {
  if (!row) {
    if (after === null) return null;
    return { itemId: doc.itemId, annotatorId: doc.annotatorId, id, record: after, base: null, baseVersion: 0, state: 'dirty' };
  }
  const base = baseOf(row);
  if (row.state === 'conflict') return { ...row, base, record: after };
  if (isSettled(row) && !sameRecord(row.record, before)) {
    return { ...row, base, record: after, state: 'conflict', conflict: { server: serverCopyOf(row), detectedAt: now } };
  }
  // An edit that brings the record back to the server's copy leaves nothing to send.
  const backToBase = row.batch === undefined && sameRecord(after, base);
  return compactRow({ ...row, base, record: after, state: backToBase ? 'synced' : 'dirty' });
}

/** The row holding the server's copy, or null when the row must stay (local work, or not newer). */
export function serverCopyRow(doc: DocumentRef, row: RecordRow | undefined, server: StoredRecord): RecordRow | null {
  if (row && (!isSettled(row) || server.version <= row.baseVersion)) return null;
  return {
    itemId: doc.itemId,
    annotatorId: doc.annotatorId,
    id: server.id,
    record: server.record,
    baseVersion: server.version,
    state: 'synced',
  };
}

/** The row once the server applied `sent` at `version`: synced unless it changed again meanwhile. */
export function acknowledgedRow(row: RecordRow, sent: AnnotationRecord | null, version: number): RecordRow {
  const { batch: _sent, ...rest } = row;
  const changedSince = !sameRecord(row.record, sent);
  return compactRow({ ...rest, base: sent, baseVersion: version, state: row.state === 'conflict' ? 'conflict' : changedSince ? 'dirty' : 'synced' });
}

/**
 * Takes in server copies of records (the feed, `/ops`, a page of `/records`) wherever nothing
 * local waits (only synced rows are written over, so the document's dirty count stays as it is). Inside a transaction; answers what changed, by id (null = deleted). `alreadySynced`,
 * when given, receives the other records of the copies that are synced here, or whose local
 * change the copy already holds, as held.
 */
export async function takeServerCopies(
  db: MejirushiDb,
  doc: DocumentRef,
  copies: readonly StoredRecord[],
  alreadySynced?: Map<string, AnnotationRecord | null>,
): Promise<Map<string, AnnotationRecord | null>> {
  const newest = new Map<string, StoredRecord>();
  for (const copy of copies) if ((newest.get(copy.id)?.version ?? -1) < copy.version) newest.set(copy.id, copy);
  const ids = [...newest.keys()];
  const rows = await db.records.bulkGet(ids.map((id) => keyOf(doc, id)));
  const inBase = await baseVersions(db, doc, ids.filter((_, i) => rows[i] === undefined));
  const writes: RecordRow[] = [];
  const taken = new Map<string, AnnotationRecord | null>();
  ids.forEach((id, i) => {
    const row = rows[i];
    // A record only the base holds is what every editor of the document loaded: an older or
    // equal copy changes nothing and is nothing new to hear.
    const baseVersion = inBase.get(id);
    if (baseVersion !== undefined && (newest.get(id) as StoredRecord).version <= baseVersion) return;
    const next = serverCopyRow(doc, row, newest.get(id) as StoredRecord);
    if (!next) {
      // Also a change of this device whose ack has not been written yet: the copy is its echo, and
      // another tab's editor hears of it only now (the ack is not announced again).
      if (row && (isSettled(row) || sameRecord(row.record, (newest.get(id) as StoredRecord).record))) alreadySynced?.set(id, row.record);
      return;
    }
    writes.push(next);
    taken.set(id, next.record);
  });
  await db.records.bulkPut(writes);
  return taken;
}

/**
 * The rows of `ids` as they stand: a record row, or, for a record only the base holds, a synced
 * row at the base's version whose record is `seen(id)`, the copy the caller already holds (the
 * editor's `before`: every editor loaded the base), so no base page is parsed for an edit.
 */
export async function currentRows(
  db: MejirushiDb,
  doc: DocumentRef,
  ids: readonly string[],
  seen: (id: string) => AnnotationRecord | null,
): Promise<(RecordRow | undefined)[]> {
  const rows = await db.records.bulkGet(ids.map((id) => keyOf(doc, id)));
  const inBase = await baseVersions(db, doc, ids.filter((_, i) => rows[i] === undefined));
  return rows.map((row, i) => {
    const id = ids[i]!;
    const baseVersion = inBase.get(id);
    if (row || baseVersion === undefined) return row;
    return { itemId: doc.itemId, annotatorId: doc.annotatorId, id, record: seen(id), baseVersion, state: 'synced' };
  });
}

/**
 * Writes the local edits `diffs`, made one after another, into record rows: each record is read
 * once and written once, however many of the edits changed it (a gathered write of many keys).
 * Inside the caller's transaction; answers how the document's dirty count changed and the dirty
 * rows written. `carriedBy`: a batch the dirty rows are written as carried by (the save freezes
 * its own batch, see SyncEngine.saveAll), so they are not written again to freeze it.
 */
export async function writeEdits(
  db: MejirushiDb,
  doc: DocumentRef,
  diffs: readonly RecordDiff[],
  now: number,
  carriedBy?: string,
): Promise<{ dirty: number; dirtyRows: RecordRow[] }> {
  // A record's row is read as it stood before the first edit of it, whose `before` the editor held.
  const before = new Map<string, AnnotationRecord | null>();
  for (const diff of diffs) for (const id of Object.keys(diff)) if (!before.has(id)) before.set(id, diff[id]?.[0] ?? null);
  const ids = [...before.keys()];
  const read = await currentRows(db, doc, ids, (id) => before.get(id) ?? null);
  const rows = new Map(ids.map((id, i) => [id, read[i]]));
  const edited = new Set<string>();
  for (const diff of diffs) {
    for (const id of Object.keys(diff)) {
      const entry = diff[id];
      const next = entry ? editedRow(doc, id, rows.get(id), entry, now) : null;
      if (!next) continue;
      rows.set(id, next);
      edited.add(id);
    }
  }
  const writes: RecordRow[] = [];
  let dirty = 0;
  ids.forEach((id, i) => {
    const edit = rows.get(id);
    if (!edited.has(id) || !edit) return;
    const next = carriedBy !== undefined && edit.state === 'dirty' ? { ...edit, batch: carriedBy } : edit;
    writes.push(next);
    dirty += dirtyChange(read[i], next);
  });
  await db.records.bulkPut(writes);
  return { dirty, dirtyRows: writes.filter((row) => row.state === 'dirty') };
}

/** Every live local record of a document (tombstones left out): the base, overridden by record rows. */
export async function readRecords(db: MejirushiDb, doc: DocumentRef): Promise<AnnotationRecord[]> {
  const [lower, upper] = documentRange(doc.itemId, doc.annotatorId);
  const [base, rows] = await db.transaction('r', db.basePages, db.records, () =>
    Promise.all([readBase(db, doc), db.records.where('[itemId+annotatorId+id]').between(lower, upper, true, true).toArray()]),
  );
  const current = new Map<string, AnnotationRecord | null>();
  for (const stored of base) current.set(stored.id, stored.record);
  for (const row of rows) current.set(row.id, row.record);
  const out: AnnotationRecord[] = [];
  for (const record of current.values()) if (record) out.push(record);
  return out;
}

/** Rows of a document in one state, through the state index. */
export function rowsInState(db: MejirushiDb, doc: DocumentRef, state: RecordRow['state']) {
  return db.records.where('[itemId+annotatorId+state]').equals([doc.itemId, doc.annotatorId, state]);
}
