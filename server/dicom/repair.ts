/**
 * The bytes to store for an accepted file the importer had to change: a bare data set gets a
 * preamble, DICM and File Meta; made-up UIDs replace (or are inserted in place of) the file's own,
 * in the file's own transfer syntax, so the viewer reads the same UIDs the database holds. Every
 * other byte of the data set is kept as it was.
 */
import type { Element } from 'dicom-parser';
import type { DicomInstanceRead } from './parse';
import type { UidChange } from './uidRepair';
import { DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_BIG_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN } from './uids';
import { LONG_LENGTH_VRS } from './vr';
import { part10File } from './write';

export interface StoredFile {
  readonly bytes: Uint8Array;
  /** A deflated file is stored inflated (Explicit VR Little Endian) once it had to be changed. */
  readonly transferSyntaxUid: string;
}

/** Null when the file can be stored exactly as it came. */
export function repairedFile(read: DicomInstanceRead): StoredFile | null {
  if (read.hasFileMeta && read.uidChanges.length === 0) return null;
  const { dataSet, dataSetStart, meta } = read;
  const syntax = meta.transferSyntaxUid;
  const stored = syntax === DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN ? EXPLICIT_VR_LITTLE_ENDIAN : syntax;
  const encoding = { implicit: syntax === IMPLICIT_VR_LITTLE_ENDIAN, bigEndian: syntax === EXPLICIT_VR_BIG_ENDIAN };

  const topLevel = Object.values(dataSet.elements)
    .filter((element) => element.dataOffset >= dataSetStart && !element.tag.startsWith('x0002'))
    .sort((a, b) => compare(a.tag, b.tag));
  const headerStart = (element: Element) =>
    element.dataOffset - (!encoding.implicit && LONG_LENGTH_VRS.has(element.vr ?? '') ? 12 : 8);
  const edits: { start: number; end: number; bytes: Uint8Array }[] = [];
  for (const change of read.uidChanges) {
    const own = dataSet.elements[change.tag];
    if (own) {
      edits.push({ start: headerStart(own), end: own.dataOffset + own.length, bytes: encodeUid(change, encoding) });
    } else {
      const next = topLevel.find((element) => compare(element.tag, change.tag) > 0);
      const at = next ? headerStart(next) : dataSet.byteArray.length;
      edits.push({ start: at, end: at, bytes: encodeUid(change, encoding) });
    }
  }
  // Group lengths (retired outside group 0002) would no longer be right for the groups changed.
  for (const tag of ['x00080000', 'x00200000']) {
    const groupLength = dataSet.elements[tag];
    if (groupLength && read.uidChanges.length > 0) edits.push({ start: headerStart(groupLength), end: groupLength.dataOffset + groupLength.length, bytes: new Uint8Array() });
  }
  edits.sort((a, b) => a.start - b.start || a.end - b.end);

  const pieces: Uint8Array[] = [];
  let at = dataSetStart;
  for (const edit of edits) {
    pieces.push(dataSet.byteArray.subarray(at, edit.start), edit.bytes);
    at = edit.end;
  }
  pieces.push(dataSet.byteArray.subarray(at));
  return { bytes: part10File({ sopClassUid: meta.sopClassUid, sopInstanceUid: meta.sopInstanceUid }, stored, pieces), transferSyntaxUid: stored };
}

/** One UI element in the data set's encoding, its value NUL-padded to even length. */
function encodeUid(change: UidChange, encoding: { implicit: boolean; bigEndian: boolean }): Uint8Array {
  const value = change.replacement.length % 2 === 0 ? change.replacement : `${change.replacement}\0`;
  const tag = Number.parseInt(change.tag.slice(1), 16);
  // Both encodings take 8 bytes: tag, then a 4-byte length (implicit) or 'UI' and a 2-byte one.
  const header = 8;
  const out = new Uint8Array(header + value.length);
  const view = new DataView(out.buffer);
  const littleEndian = !encoding.bigEndian;
  view.setUint16(0, tag >>> 16, littleEndian);
  view.setUint16(2, tag & 0xffff, littleEndian);
  if (encoding.implicit) {
    view.setUint32(4, value.length, true);
  } else {
    out[4] = 0x55; // 'U'
    out[5] = 0x49; // 'I'
    view.setUint16(6, value.length, littleEndian);
  }
  for (let i = 0; i < value.length; i++) out[header + i] = value.charCodeAt(i);
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
