/**
 * Reads the header of one DICOM file and decides whether the viewer can show it. Pure: bytes in,
 * metadata or a refusal a person can act on out. Never throws: an import of a thousand files must
 * not stop at the first bad one.
 */
import { inflateRawSync } from 'node:zlib';
import dicomParser from 'dicom-parser';
import type { DataSet, ParseDicomOptions } from 'dicom-parser';
import type { Vec3 } from '../../src/core/item';
import {
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLICIT_VR_LITTLE_ENDIAN,
  NATIVE_TRANSFER_SYNTAXES,
  SEGMENTATION_STORAGE,
  isDecodableTransferSyntax,
  nonImageSopClassName,
  transferSyntaxName,
} from './uids';
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
}

export type DicomReadResult = { ok: true; meta: DicomInstanceMeta } | { ok: false; reason: string };

const PIXEL_DATA = 'x7fe00010';
const UNDEFINED_LENGTH = 0xffffffff;

type Refusal = { ok: false; reason: string };
const refuse = (reason: string): Refusal => ({ ok: false, reason });

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
  const { transferSyntaxUid } = fileMeta;

  const parsed = parse(bytes, { inflater });
  const truncation = parsed.dataSet ? findTruncation(parsed.dataSet, transferSyntaxUid) : null;
  if (truncation) return refuse(truncation);
  if (parsed.error !== null || !parsed.dataSet) {
    if (!isDecodableTransferSyntax(transferSyntaxUid)) return refuse(unsupportedSyntax(transferSyntaxUid));
    return refuse(parsed.error ?? 'unreadable DICOM data set');
  }
  return describeImage(parsed.dataSet, transferSyntaxUid);
}

/**
 * A raw data set without preamble, DICM and File Meta (e.g. rtstruct_no_meta.dcm). Such a file is
 * still DICOM if it parses to a SOP class; then refuse it for the real reason.
 */
function readWithoutFileMeta(bytes: Uint8Array): DicomReadResult {
  if (bytes.length > 128 && bytes.length < 132 && isPrefixOfDicm(bytes.subarray(128))) {
    return refuse(`truncated: file ends inside the DICM prefix (${bytes.length} bytes)`);
  }
  for (const syntax of [IMPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN]) {
    const { dataSet } = parse(bytes, { TransferSyntaxUID: syntax });
    const sopClassUid = dataSet ? text(dataSet, 'x00080016') : '';
    if (dataSet && isUid(sopClassUid)) {
      const nonImage = nonImageReason(dataSet, sopClassUid);
      if (nonImage) return refuse(nonImage);
      return refuse(
        'no DICOM File Meta header (no 128-byte preamble and DICM prefix): the viewer cannot load a bare data set',
      );
    }
  }
  return refuse('not a DICOM file (no DICM prefix at byte 128)');
}

function describeImage(ds: DataSet, transferSyntaxUid: string): DicomReadResult {
  const uids = {
    sopClassUid: text(ds, 'x00080016'),
    sopInstanceUid: text(ds, 'x00080018'),
    studyInstanceUid: text(ds, 'x0020000d'),
    seriesInstanceUid: text(ds, 'x0020000e'),
  };
  for (const [name, tag] of REQUIRED_UIDS) {
    const value = uids[name];
    if (value === '') return refuse(`missing required UID: ${UID_LABELS[name]} ${formatTag(tag)}`);
    if (!isUid(value)) return refuse(`invalid ${UID_LABELS[name]} ${formatTag(tag)}: '${value}'`);
  }

  const nonImage = nonImageReason(ds, uids.sopClassUid);
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

  if (NATIVE_TRANSFER_SYNTAXES.has(transferSyntaxUid)) {
    const pixel = ds.elements[PIXEL_DATA];
    const expected = nativePixelBytes(ds, rows, columns, numberOfFrames, bitsAllocated, photometricInterpretation);
    if (pixel && pixel.length < expected) {
      return refuse(`truncated pixel data: expected ${expected} bytes, found ${pixel.length}`);
    }
  }

  return {
    ok: true,
    meta: {
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
    },
  };
}

const REQUIRED_UIDS = [
  ['sopClassUid', 'x00080016'],
  ['sopInstanceUid', 'x00080018'],
  ['studyInstanceUid', 'x0020000d'],
  ['seriesInstanceUid', 'x0020000e'],
] as const;

const UID_LABELS = {
  sopClassUid: 'SOPClassUID',
  sopInstanceUid: 'SOPInstanceUID',
  studyInstanceUid: 'StudyInstanceUID',
  seriesInstanceUid: 'SeriesInstanceUID',
} as const;

/** Why a file of this SOP class is not an image to label, or null when it may be one. */
function nonImageReason(ds: DataSet, sopClassUid: string): string | null {
  if (sopClassUid === SEGMENTATION_STORAGE) {
    return 'Segmentation objects are label data, not images (importing DICOM SEG is not supported yet)';
  }
  const name = nonImageSopClassName(sopClassUid);
  // Float and Double Float Pixel Data (parametric maps) are images too.
  if (ds.elements[PIXEL_DATA] || ds.elements.x7fe00008 || ds.elements.x7fe00009) {
    return name ? `not an image (${name})` : null;
  }
  return `no pixel data (${name ?? `SOP class ${sopClassUid}`})`;
}

function unsupportedSyntax(uid: string): string {
  const name = transferSyntaxName(uid);
  return `unsupported transfer syntax ${uid}${name ? ` (${name})` : ''}: the viewer has no decoder for it`;
}

/** Bytes a native (uncompressed) pixel data element must hold for the declared image. */
function nativePixelBytes(
  ds: DataSet,
  rows: number,
  columns: number,
  frames: number,
  bitsAllocated: number,
  photometric: string,
): number {
  const samples = ds.uint16('x00280002') ?? 1;
  // Native YBR_FULL_422 stores two luma and one shared pair of chroma samples per two pixels.
  const samplesPerPixel = photometric === 'YBR_FULL_422' ? 2 : samples;
  return Math.ceil((rows * columns * frames * samplesPerPixel * bitsAllocated) / 8);
}

/** Reason the parsed (maybe partial) data set shows the file was cut short, or null. */
function findTruncation(ds: DataSet, transferSyntaxUid: string): string | null {
  const size = ds.byteArray.length;
  for (const element of Object.values(ds.elements)) {
    if (element.tag.startsWith('x0002')) continue; // checked by readFileMeta, offsets refer to the raw bytes
    const available = Math.max(0, size - element.dataOffset);
    if (element.length !== UNDEFINED_LENGTH && !element.hadUndefinedLength && element.length > available) {
      if (element.tag === PIXEL_DATA && NATIVE_TRANSFER_SYNTAXES.has(transferSyntaxUid)) {
        const expected = expectedNativeBytes(ds);
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

function expectedNativeBytes(ds: DataSet): number | null {
  const rows = ds.uint16('x00280010');
  const columns = ds.uint16('x00280011');
  const bits = ds.uint16('x00280100');
  const frames = readNumberOfFrames(ds);
  if (!rows || !columns || !bits || frames === null) return null;
  return nativePixelBytes(ds, rows, columns, frames, bits, text(ds, 'x00280004'));
}

type ParseOutcome = { dataSet: DataSet | null; error: string | null };

/** dicomParser.parseDicom, turning its thrown strings and partial data sets into values. */
function parse(bytes: Uint8Array, options: ParseDicomOptions): ParseOutcome {
  try {
    return { dataSet: dicomParser.parseDicom(bytes, options), error: null };
  } catch (thrown) {
    if (thrown instanceof InflateError) return { dataSet: null, error: thrown.message };
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

class InflateError extends Error {}

/** Deflated Explicit VR LE: the data set after the File Meta header is one raw deflate stream. */
function inflater(bytes: Uint8Array, position: number): Uint8Array {
  let inflated: Buffer;
  try {
    inflated = inflateRawSync(bytes.subarray(position));
  } catch (error) {
    const message = describe(error);
    throw new InflateError(
      /unexpected end/i.test(message)
        ? `truncated: deflated data set ends early (${message})`
        : `corrupt deflated data set: ${message}`,
    );
  }
  const full = new Uint8Array(position + inflated.length);
  full.set(bytes.subarray(0, position), 0);
  full.set(inflated, position);
  return full;
}

function hasDicmPrefix(bytes: Uint8Array): boolean {
  return bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
}

function isPrefixOfDicm(tail: Uint8Array): boolean {
  const dicm = [0x44, 0x49, 0x43, 0x4d];
  return tail.every((byte, i) => byte === dicm[i]);
}

type FileMeta = { ok: true; transferSyntaxUid: string } | Refusal;

/** The File Meta group (0002) after DICM: always Explicit VR Little Endian (PS3.10 §7.1). */
function readFileMeta(bytes: Uint8Array): FileMeta {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let position = 132;
  let transferSyntaxUid = '';
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
    position = dataOffset + length;
  }
  if (position + 2 > bytes.length) {
    return refuse('truncated: file ends inside or right after the File Meta header (no data set)');
  }
  if (transferSyntaxUid === '') return refuse('no transfer syntax (0002,0010) in the File Meta header');
  if (isUid(transferSyntaxUid)) return { ok: true, transferSyntaxUid };
  return refuse(`invalid transfer syntax UID in the File Meta header: '${transferSyntaxUid}'`);
}

function asciiValue(bytes: Uint8Array): string {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0 || bytes[end - 1] === 0x20)) end--;
  return String.fromCharCode(...bytes.subarray(0, end));
}

function text(ds: DataSet, tag: string): string {
  try {
    return ds.string(tag)?.trim() ?? '';
  } catch {
    return '';
  }
}

function integer(ds: DataSet, tag: string): number | null {
  const raw = text(ds, tag);
  if (!/^[+-]?\d+$/.test(raw)) return null;
  return Number.parseInt(raw, 10);
}

/** Frames in the instance: 1 when NumberOfFrames is absent, null when it is present but unusable. */
function readNumberOfFrames(ds: DataSet): number | null {
  if (text(ds, 'x00280008') === '') return 1;
  const frames = integer(ds, 'x00280008');
  return frames !== null && frames >= 1 ? frames : null;
}

/** A backslash-separated decimal string (DS) with exactly `count` finite values, else null. */
function numbers(ds: DataSet, tag: string, count: number): number[] | null {
  const raw = text(ds, tag);
  if (raw === '') return null;
  const parts = raw.split('\\').map((part) => part.trim());
  if (parts.length !== count || parts.some((part) => part === '')) return null;
  const values = parts.map(Number);
  return values.every(Number.isFinite) ? values : null;
}

function isUid(value: string): boolean {
  return value.length <= 64 && /^\d+(\.\d+)*$/.test(value);
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
