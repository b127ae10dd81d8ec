/**
 * Records changed on both sides. The server's copy is kept beside the local one until the user
 * picks per record: keep mine (sent again as a change of the server's version) or take theirs
 * (the server's copy becomes the local one). Cases where nothing of either side can be lost are
 * settled at once, as CouchDB settles identical revisions.
 */
import type { AnnotationRecord } from '../../core/annotation';
import { sameRecord } from '../../core/diff';
import type { StoredRecord } from '../../core/records';
import type { RecordRow } from '../db';
import { baseOf, compactRow } from './recordRows';

export type ConflictChoice = 'mine' | 'theirs';

/**
 * My record as a change of the server's: its content, on the server's provenance (origin,
 * creation and authors stay; I join the authors), since the server owns authorship.
 */
export function rebasedOn(mine: AnnotationRecord, server: AnnotationRecord, me: string): AnnotationRecord {
  const theirs = server.provenance;
  const authors = theirs.authors.includes(me) ? theirs.authors : [...theirs.authors, me];
  const { decision, decidedBy } = mine.provenance.decidedBy === me ? mine.provenance : theirs;
  return {
    ...mine,
    provenance: {
      origin: theirs.origin,
      createdAt: theirs.createdAt,
      updatedAt: mine.provenance.updatedAt,
      authors,
      ...(decision ? { decision } : {}),
      ...(decidedBy ? { decidedBy } : {}),
    },
  };
}

/** Mine, rebased on the server's version: sent again, overwriting theirs knowingly. */
export function keepMine(row: RecordRow, server: StoredRecord): RecordRow {
  const { conflict: _settled, ...rest } = row;
  const record = row.record && server.record ? rebasedOn(row.record, server.record, row.annotatorId) : row.record;
  const unchanged = sameRecord(record, server.record);
  return compactRow({ ...rest, record, base: server.record, baseVersion: server.version, state: unchanged ? 'synced' : 'dirty' });
}

/** The server's copy becomes the local record. */
export function takeTheirs(row: RecordRow, server: StoredRecord): RecordRow {
  const { conflict: _settled, base: _replaced, ...rest } = row;
  return { ...rest, record: server.record, baseVersion: server.version, state: 'synced' };
}

/**
 * The row after the server refused its change because its copy is `server`: settled at once when
 * both sides hold the same record, or when the server's is a tombstone of a record this device
 * never had (creating it again overwrites nothing); otherwise a conflict for the user.
 */
export function settleConflict(row: RecordRow, server: StoredRecord, now: number): RecordRow {
  if (sameRecord(row.record, server.record)) return takeTheirs(row, server);
  if (server.record === null && baseOf(row) === null) return keepMine(row, server);
  return { ...row, state: 'conflict', conflict: { server, detectedAt: now } };
}

/** One conflicting record as the dialog shows it. */
export interface RecordConflict {
  readonly id: string;
  readonly mine: AnnotationRecord | null;
  readonly server: AnnotationRecord | null;
  /** The server's record this device last synced (the common ancestor). */
  readonly base: AnnotationRecord | null;
  readonly detectedAt: number;
}

export function conflictOf(row: RecordRow): RecordConflict | null {
  if (row.state !== 'conflict' || !row.conflict) return null;
  return { id: row.id, mine: row.record, server: row.conflict.server.record, base: baseOf(row), detectedAt: row.conflict.detectedAt };
}

/** The row once the user chose; null when it is not (any more) in conflict. */
export function resolvedRow(row: RecordRow, choice: ConflictChoice): RecordRow | null {
  if (row.state !== 'conflict' || !row.conflict) return null;
  return choice === 'mine' ? keepMine(row, row.conflict.server) : takeTheirs(row, row.conflict.server);
}
