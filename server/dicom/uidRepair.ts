/**
 * Study, series and instance UIDs for files whose own are missing or invalid (over 64 characters,
 * letters, empty components). Accepted with a warning and a stable made-up UID, derived from what
 * the file does say, so that re-importing it gives the same UIDs and files of one series still
 * land together.
 */
import { createHash } from 'node:crypto';
import type { DataSet } from 'dicom-parser';
import type { ReplacedUid } from '../../src/core/api';
import { isValidUid, stableUid } from './stableUid';
import { text } from './values';

/** A UID the importer made up because the file's own was missing or invalid. */
export interface UidChange {
  readonly attribute: ReplacedUid;
  /** dicom-parser's element name, e.g. 'x0020000d'. */
  readonly tag: string;
  readonly problem: 'missing' | 'invalid';
  readonly replacement: string;
}

export interface ResolvedUids {
  readonly uids: { readonly studyInstanceUid: string; readonly seriesInstanceUid: string; readonly sopInstanceUid: string };
  readonly changes: readonly UidChange[];
}

export const UID_TAGS: Readonly<Record<ReplacedUid, string>> = {
  StudyInstanceUID: 'x0020000d',
  SeriesInstanceUID: 'x0020000e',
  SOPInstanceUID: 'x00080018',
};

export function resolveUids(ds: DataSet, fileBytes: Uint8Array): ResolvedUids {
  const changes: UidChange[] = [];
  const resolve = (attribute: ReplacedUid, fromMissing: () => string[]): string => {
    const tag = UID_TAGS[attribute];
    const own = text(ds, tag).replace(/\0+$/, '');
    if (isValidUid(own)) return own;
    const problem = own === '' ? 'missing' : 'invalid';
    const replacement = stableUid(attribute, problem, ...(problem === 'invalid' ? [own] : fromMissing()));
    changes.push({ attribute, tag, problem, replacement });
    return replacement;
  };
  const studyInstanceUid = resolve('StudyInstanceUID', () =>
    // The study's own identifiers: files of one study agree on them.
    ['x00100020', 'x00080020', 'x00080030', 'x00080050', 'x00200010'].map((tag) => text(ds, tag)),
  );
  const seriesInstanceUid = resolve('SeriesInstanceUID', () => [
    studyInstanceUid,
    ...['x00200011', 'x00080060', 'x0008103e', 'x00080021', 'x00080031'].map((tag) => text(ds, tag)),
  ]);
  // Nothing else names one instance: the file's bytes do.
  const sopInstanceUid = resolve('SOPInstanceUID', () => [createHash('sha256').update(fileBytes).digest('hex')]);
  return { uids: { studyInstanceUid, seriesInstanceUid, sopInstanceUid }, changes };
}
