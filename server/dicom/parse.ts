/**
 * Reads the header of one DICOM file and decides whether the viewer can show it. Pure: bytes in,
 * metadata or a refusal a person can act on out. Never throws: an import of a thousand files must
 * not stop at the first bad one.
 */
import dicomParser from 'dicom-parser';
import type { DataSet, ParseDicomOptions } from 'dicom-parser';
import type { ImportRefusalCode, ImportWarning } from '../../src/core/api';
import type { Vec3 } from '../../src/core/item';
import { inflateDataSet } from './deflatedDataSet';
import { checkFrames } from './frames';
import { isValidUid } from './stableUid';
import { resolveUids, type UidChange } from './uidRepair';
import {
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLICIT_VR_LITTLE_ENDIAN,
  NATIVE_TRANSFER_SYNTAXES,
  SEGMENTATION_STORAGE,
  isDecodableTransferSyntax,
  nonImageSopClassName,
  transferSyntaxName,
} from './uids';
import { integer, nativePixelBytes, numbers, PIXEL_DATA_TAGS, pixelDataElement, readNumberOfFrames, text } from './values';
import { LONG_LENGTH_VRS } from './vr';

export interface DicomInstanceMeta {
  sopClassUid: string;
  sopInstanceUid: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  /** '' when absent. */
  seriesDescription: string;
  /** '' when absent. */
  modality: string;
  transferSyntaxUid: string;
  instanceNumber: number | null;
  /** ImagePositionPatient, mm (LPS), of the top-left pixel. */
  imagePosition: Vec3 | null;
  /** ImageOrientationPatient: row then column direction cosines. */
  imageOrientation: [number, number, number, number, number, number] | null;
  /** PixelSpacing: row spacing then column spacing, mm per image px. */
  pixelSpacing: [number, number] | null;
  rows: number;
  columns: number;
  /** 1 for single-frame instances. */
  numberOfFrames: number;
  photometricInterpretation: string;
  bitsAllocated: number;
  /** For QIDO-RS (items' study columns); absent in metas stored before they were read. '' when absent from the file. */
  studyDate?: string;
  studyTime?: string;
  accessionNumber?: string;
  studyDescription?: string;
  seriesNumber?: number | null;
}

export interface DicomInstanceRead {
  readonly ok: true;
  /** As it will be stored: made-up UIDs in place of missing or invalid ones. */
  readonly meta: DicomInstanceMeta;
  readonly warnings: readonly ImportWarning[];
  /** The parsed data set; a deflated file's byteArray holds the inflated bytes. */
  readonly dataSet: DataSet;
  /** Where the data set starts in dataSet.byteArray (after the File Meta, if any). */
  readonly dataSetStart: number;
  /** False for a bare data set (no preamble, DICM or File Meta): it needs one before storing. */
  readonly hasFileMeta: boolean;
  readonly uidChanges: readonly UidChange[];
}

export type DicomRefusal = { readonly ok: false; readonly reason: string; readonly code?: ImportRefusalCode };

export type DicomReadResult = DicomInstanceRead | DicomRefusal;

const UNDEFINED_LENGTH = 0xffffffff;

const refuse = (reason: string, code?: ImportRefusalCode): DicomRefusal => (code ? { ok: false, reason, code } : { ok: false, reason });

export function readDicomInstance(bytes: Uint8Array): DicomReadResult {
  try {
    return read(bytes);
  } catch (error) {
    return refuse(`unreadable DICOM data: ${describe(error)}`);
  }
}

function read(bytes: Uint8Array): DicomReadResult {
  if (bytes.length === 0) return refuse('empty file (0 bytes)');
  if (!hasDicmPrefix(bytes)) return readWithoutFileMeta(bytes);

  const fileMeta = readFileMeta(bytes);
  if (!fileMeta.ok) return fileMeta;
  const { transferSyntaxUid, dataSetStart } = fileMeta;

  const parsed = parse(bytes, { inflater });
  const truncation = parsed.dataSet ? findTruncation(parsed.dataSet, transferSyntaxUid) : null;
  if (truncation) return refuse(truncation);
  if (parsed.error !== null || !parsed.dataSet) {
    if (parsed.refusal) return parsed.refusal;
    if (!isDecodableTransferSyntax(transferSyntaxUid)) return refuse(unsupportedSyntax(transferSyntaxUid));
    return refuse(parsed.error ?? 'unreadable DICOM data set');
  }
  return describeImage(bytes, parsed.dataSet, transferSyntaxUid, dataSetStart, true);
}

/**
 * A raw data set without preamble, DICM and File Meta (e.g. rtstruct_no_meta.dcm). It is DICOM
 * if it parses to a SOP class; its transfer syntax shows in its first element: a VR after the
 * tag means explicit VR, else implicit (both little endian, as PS3.10 allows no other guess).
 */
function readWithoutFileMeta(bytes: Uint8Array): DicomReadResult {
  if (bytes.length > 128 && bytes.length < 132 && isPrefixOfDicm(bytes.subarray(128))) {
    return refuse(`truncated: file ends inside the DICM prefix (${bytes.length} bytes)`);
  }
  const syntax = looksExplicit(bytes) ? EXPLICIT_VR_LITTLE_ENDIAN : IMPLICIT_VR_LITTLE_ENDIAN;
  const parsed = parse(bytes, { TransferSyntaxUID: syntax });
  const sopClassUid = parsed.dataSet ? text(parsed.dataSet, 'x00080016') : '';
  if (!parsed.dataSet || !isValidUid(sopClassUid)) return refuse('not a DICOM file (no DICM prefix at byte 128)');
  const truncation = findTruncation(parsed.dataSet, syntax);
  if (truncation) return refuse(truncation);
  if (parsed.error !== null) return refuse(parsed.error);
  return describeImage(bytes, parsed.dataSet, syntax, 0, false);
}

/** Explicit VR puts two upper-case letters (the VR) after the first tag. */
function looksExplicit(bytes: Uint8Array): boolean {
  const isUpper = (byte: number | undefined) => byte !== undefined && byte >= 0x41 && byte <= 0x5a;
  return isUpper(bytes[4]) && isUpper(bytes[5]);
}

function describeImage(
  fileBytes: Uint8Array,
  ds: DataSet,
  transferSyntaxUid: string,
  dataSetStart: number,
  hasFileMeta: boolean,
): DicomReadResult {
  const sopClassUid = text(ds, 'x00080016');
  if (sopClassUid === '') return refuse('missing required UID: SOPClassUID (0008,0016)');
  if (!isValidUid(sopClassUid)) return refuse(`invalid SOPClassUID (0008,0016): '${sopClassUid}'`);

  const nonImage = nonImageReason(ds, sopClassUid);
  if (nonImage) return refuse(nonImage);
  if (!isDecodableTransferSyntax(transferSyntaxUid)) return refuse(unsupportedSyntax(transferSyntaxUid));

  const rows = ds.uint16('x00280010') ?? 0;
  const columns = ds.uint16('x00280011') ?? 0;
  if (rows === 0 || columns === 0) return refuse(`image has no size: Rows ${rows}, Columns ${columns}`);
  const bitsAllocated = ds.uint16('x00280100');
  if (bitsAllocated === undefined || bitsAllocated === 0) return refuse('missing BitsAllocated (0028,0100)');
  const photometricInterpretation = text(ds, 'x00280004');
  if (photometricInterpretation === '') return refuse('missing PhotometricInterpretation (0028,0004)');
  const numberOfFrames = readNumberOfFrames(ds);
  if (numberOfFrames === null) return refuse(`invalid NumberOfFrames (0028,0008): '${text(ds, 'x00280008')}'`);
  const frameProblem = checkFrames(ds, transferSyntaxUid, numberOfFrames);
  if (frameProblem) return frameProblem;

  const { uids, changes } = resolveUids(ds, fileBytes);
  const warnings: ImportWarning[] = changes.map(({ attribute, problem, replacement }) => ({ code: 'uidReplaced', attribute, problem, replacement }));
  if (!hasFileMeta) warnings.unshift({ code: 'fileMetaAdded', transferSyntaxUid });
  return {
    ok: true,
    meta: {
      sopClassUid,
      ...uids,
      seriesDescription: text(ds, 'x0008103e'),
      modality: text(ds, 'x00080060'),
      transferSyntaxUid,
      instanceNumber: integer(ds, 'x00200013'),
      imagePosition: numbers(ds, 'x00200032', 3) as Vec3 | null,
      imageOrientation: numbers(ds, 'x00200037', 6) as DicomInstanceMeta['imageOrientation'],
      pixelSpacing: numbers(ds, 'x00280030', 2) as [number, number] | null,
      rows,
      columns,
      numberOfFrames,
      photometricInterpretation,
      bitsAllocated,
      studyDate: text(ds, 'x00080020'),
      studyTime: text(ds, 'x00080030'),
      accessionNumber: text(ds, 'x00080050'),
      studyDescription: text(ds, 'x00081030'),
      seriesNumber: integer(ds, 'x00200011'),
    },
    warnings,
    dataSet: ds,
    dataSetStart,
    hasFileMeta,
    uidChanges: changes,
  };
}

/** Why a file of this SOP class is not an image to label, or null when it may be one. */
function nonImageReason(ds: DataSet, sopClassUid: string): string | null {
  if (sopClassUid === SEGMENTATION_STORAGE) {
    return 'Segmentation objects are label data, not images (importing DICOM SEG is not supported yet)';
  }
  const name = nonImageSopClassName(sopClassUid);
  if (pixelDataElement(ds)) return name ? `not an image (${name})` : null;
  return `no pixel data (${name ?? `SOP class ${sopClassUid}`})`;
}

function unsupportedSyntax(uid: string): string {
  const name = transferSyntaxName(uid);
  return `unsupported transfer syntax ${uid}${name ? ` (${name})` : ''}: the viewer has no decoder for it`;
}

/** Reason the parsed (maybe partial) data set shows the file was cut short, or null. */
function findTruncation(ds: DataSet, transferSyntaxUid: string): string | null {
  const size = ds.byteArray.length;
  for (const element of Object.values(ds.elements)) {
    if (element.tag.startsWith('x0002')) continue; // checked by readFileMeta, offsets refer to the raw bytes
    const available = Math.max(0, size - element.dataOffset);
    if (element.length !== UNDEFINED_LENGTH && !element.hadUndefinedLength && element.length > available) {
      if (PIXEL_DATA_TAGS.includes(element.tag) && NATIVE_TRANSFER_SYNTAXES.has(transferSyntaxUid)) {
        const expected = nativePixelBytes(ds);
        if (expected !== null && available < expected) {
          return `truncated pixel data: expected ${expected} bytes, found ${available}`;
        }
      }
      return `truncated: element ${formatTag(element.tag)} declares ${element.length} bytes but only ${available} remain`;
    }
    const cutFragment = element.fragments?.findIndex((f) => f.position + f.length > size) ?? -1;
    if (cutFragment >= 0) {
      return `truncated: pixel data fragment ${cutFragment + 1} runs past the end of the file`;
    }
  }
  if (ds.warnings.some((w) => w.includes('missing sequence delimiter'))) {
    return 'truncated: encapsulated pixel data has no sequence delimiter';
  }
  return null;
}

type ParseOutcome = { dataSet: DataSet | null; error: string | null; refusal?: DicomRefusal };

/** dicomParser.parseDicom, turning its thrown strings and partial data sets into values. */
function parse(bytes: Uint8Array, options: ParseDicomOptions): ParseOutcome {
  try {
    return { dataSet: dicomParser.parseDicom(bytes, options), error: null };
  } catch (thrown) {
    if (thrown instanceof InflateRefusal) return { dataSet: null, error: thrown.refusal.reason, refusal: thrown.refusal };
    if (isPartialParse(thrown)) {
      const message = describe(thrown.exception);
      return { dataSet: thrown.dataSet, error: looksTruncated(message) ? `truncated: ${message}` : message };
    }
    const message = describe(thrown);
    return { dataSet: null, error: looksTruncated(message) ? `truncated: ${message}` : message };
  }
}

/** dicom-parser throws `{ exception, dataSet }` when it fails after the File Meta header. */
function isPartialParse(thrown: unknown): thrown is { exception: unknown; dataSet: DataSet } {
  return typeof thrown === 'object' && thrown !== null && 'exception' in thrown && 'dataSet' in thrown;
}

function looksTruncated(message: string): boolean {
  return /past end|overrun|overread|eof/i.test(message);
}

/** Carries a refusal out of dicom-parser's inflater callback. */
class InflateRefusal extends Error {
  constructor(readonly refusal: DicomRefusal) {
    super(refusal.reason);
  }
}

/** Deflated Explicit VR LE: the data set after the File Meta header is one raw deflate stream. */
function inflater(bytes: Uint8Array, position: number): Uint8Array {
  const inflated = inflateDataSet(bytes.subarray(position));
  if (!inflated.ok) throw new InflateRefusal(refuse(inflated.reason, inflated.tooLarge ? 'inflatedTooLarge' : undefined));
  const full = new Uint8Array(position + inflated.dataSet.length);
  full.set(bytes.subarray(0, position), 0);
  full.set(inflated.dataSet, position);
  return full;
}

export function hasDicmPrefix(bytes: Uint8Array): boolean {
  return bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
}

function isPrefixOfDicm(tail: Uint8Array): boolean {
  const dicm = [0x44, 0x49, 0x43, 0x4d];
  return tail.every((byte, i) => byte === dicm[i]);
}

type FileMeta = { ok: true; transferSyntaxUid: string; mediaStorageSopClassUid: string; dataSetStart: number } | DicomRefusal;

/** The File Meta group (0002) after DICM: always Explicit VR Little Endian (PS3.10 §7.1). */
function readFileMeta(bytes: Uint8Array): FileMeta {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let position = 132;
  let transferSyntaxUid = '';
  let mediaStorageSopClassUid = '';
  const cutShort = 'truncated: file ends inside the File Meta header';
  while (position + 2 <= bytes.length && view.getUint16(position, true) === 0x0002) {
    if (position + 8 > bytes.length) return refuse(cutShort);
    const element = view.getUint16(position + 2, true);
    const vr = String.fromCharCode(bytes[position + 4] ?? 0, bytes[position + 5] ?? 0);
    const long = LONG_LENGTH_VRS.has(vr);
    if (long && position + 12 > bytes.length) return refuse(cutShort);
    const length = long ? view.getUint32(position + 8, true) : view.getUint16(position + 6, true);
    const dataOffset = position + (long ? 12 : 8);
    if (dataOffset + length > bytes.length) return refuse(`${cutShort} (element (0002,${hex4(element)}))`);
    if (element === 0x0010) transferSyntaxUid = asciiValue(bytes.subarray(dataOffset, dataOffset + length));
    if (element === 0x0002) mediaStorageSopClassUid = asciiValue(bytes.subarray(dataOffset, dataOffset + length));
    position = dataOffset + length;
  }
  if (position + 2 > bytes.length) {
    return refuse('truncated: file ends inside or right after the File Meta header (no data set)');
  }
  if (transferSyntaxUid === '') return refuse('no transfer syntax (0002,0010) in the File Meta header');
  if (isValidUid(transferSyntaxUid)) return { ok: true, transferSyntaxUid, mediaStorageSopClassUid, dataSetStart: position };
  return refuse(`invalid transfer syntax UID in the File Meta header: '${transferSyntaxUid}'`);
}

function asciiValue(bytes: Uint8Array): string {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0 || bytes[end - 1] === 0x20)) end--;
  return String.fromCharCode(...bytes.subarray(0, end));
}






function formatTag(tag: string | number): string {
  const value = typeof tag === 'number' ? tag : Number.parseInt(tag.slice(1), 16);
  return `(${hex4(value >>> 16)},${hex4(value & 0xffff)})`;
}

function hex4(value: number): string {
  return value.toString(16).toUpperCase().padStart(4, '0');
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'unknown error';
}

/**
 * The SOP class a file says it is, read without parsing its data set where it can be: from the
 * File Meta (MediaStorageSOPClassUID), else from a bare data set's first elements. '' when unknown.
 */
export function peekSopClassUid(bytes: Uint8Array): string {
  try {
    if (hasDicmPrefix(bytes)) {
      const fileMeta = readFileMeta(bytes);
      return fileMeta.ok ? fileMeta.mediaStorageSopClassUid : '';
    }
    const syntax = looksExplicit(bytes) ? EXPLICIT_VR_LITTLE_ENDIAN : IMPLICIT_VR_LITTLE_ENDIAN;
    return text(dicomParser.parseDicom(bytes, { TransferSyntaxUID: syntax, untilTag: 'x00080018' }), 'x00080016');
  } catch {
    return '';
  }
}

/** The transfer syntax in a Part-10 file's File Meta; '' for a bare data set or unreadable meta. */
export function peekTransferSyntaxUid(bytes: Uint8Array): string {
  if (!hasDicmPrefix(bytes)) return '';
  const fileMeta = readFileMeta(bytes);
  return fileMeta.ok ? fileMeta.transferSyntaxUid : '';
}
