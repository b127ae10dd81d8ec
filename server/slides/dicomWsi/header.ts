/**
 * The header of a DICOM WSI instance read from the start of its file, never its pixel data: a
 * window of the first bytes is parsed, and grown fourfold until it holds every element before
 * Pixel Data (up to MAX_HEADER_BYTES). The elements of group 7FE0 (Extended Offset Table, its
 * lengths, Pixel Data) are read here rather than by dicom-parser, which does not know the OV VR
 * of the offset table and would misread an explicit-VR file that has one.
 */
import dicomParser from 'dicom-parser';
import type { DataSet } from 'dicom-parser';
import { DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_BIG_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN } from '../../dicom/uids';
import type { ByteSource } from './byteSource';
import { WsiError } from './wsiError';

/** The first window read: most WSI headers (TILED_FULL) are a few KiB. */
export const FIRST_HEADER_WINDOW = 64 * 1024;
/** A header past this is refused: TILED_SPARSE per-frame groups of 100,000 frames take about 20 MiB. */
export const MAX_HEADER_BYTES = 64 * 1024 * 1024;

/** An element of group 7FE0: where its value starts in the file, and its length (undefined: 0xFFFFFFFF). */
export interface PixelGroupElement {
  readonly dataOffset: number;
  readonly length: number;
}

export interface WsiHeader {
  /** Every element before group 7FE0, its byte array the header window. */
  readonly ds: DataSet;
  readonly transferSyntaxUid: string;
  readonly pixelData: PixelGroupElement & { readonly undefinedLength: boolean };
  /** Extended Offset Table and its lengths (8-byte values), when the file has them. */
  readonly extendedOffsets: { readonly offsets: readonly number[]; readonly lengths: readonly number[] } | null;
}

const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
const PIXEL_GROUP = 0x7fe0;

/** Reads the header; throws WsiError saying what is wrong. */
export async function readWsiHeader(source: ByteSource): Promise<WsiHeader> {
  for (let window = Math.min(FIRST_HEADER_WINDOW, source.size); ; window = Math.min(window * 4, source.size, MAX_HEADER_BYTES)) {
    const bytes = await source.read(0, window);
    const whole = window >= source.size;
    const header = parseWindow(bytes, whole);
    if (header) return header;
    if (whole) throw new WsiError('the instance holds no pixel data');
    if (window >= MAX_HEADER_BYTES) throw new WsiError(`its header runs past ${MAX_HEADER_BYTES / 1024 / 1024} MiB before the pixel data; such an instance is not read`);
  }
}

/** The header when the window holds all of it, null when more bytes are needed. */
function parseWindow(bytes: Uint8Array, whole: boolean): WsiHeader | null {
  if (bytes.length < 132 || String.fromCharCode(...bytes.subarray(128, 132)) !== 'DICM') throw new WsiError('not readable as DICOM: it has no DICOM file preamble');
  let meta: DataSet;
  try {
    meta = dicomParser.readPart10Header(bytes);
  } catch (error) {
    if (!whole) return null;
    throw new WsiError(`not readable as DICOM: ${error instanceof Error ? error.message : String(error)}`);
  }
  const transferSyntaxUid = meta.string('x00020010')?.trim() ?? '';
  if (transferSyntaxUid === DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN || transferSyntaxUid === EXPLICIT_VR_BIG_ENDIAN) {
    throw new WsiError('its data set is deflated or big-endian, which whole-slide images are never written in');
  }
  const explicit = transferSyntaxUid !== IMPLICIT_VR_LITTLE_ENDIAN;
  const metaEnd = Math.max(...Object.values(meta.elements).map((element) => element.dataOffset + element.length));
  let pixelGroupAt: number;
  try {
    const stream = new dicomParser.ByteStream(dicomParser.littleEndianByteArrayParser, bytes, metaEnd);
    for (;;) {
      if (stream.position + 8 > bytes.length) return null;
      if (uint16(bytes, stream.position) === PIXEL_GROUP) break;
      if (explicit) dicomParser.readDicomElementExplicit(stream, stream.warnings);
      else dicomParser.readDicomElementImplicit(stream);
    }
    pixelGroupAt = stream.position;
  } catch (error) {
    // An element cut by the window's end: read more.
    if (!whole) return null;
    throw new WsiError(`not readable as DICOM: ${error instanceof Error ? error.message : String(error)}`);
  }
  const ds = dicomParser.parseDicom(bytes.subarray(0, pixelGroupAt));
  return pixelGroup(bytes, pixelGroupAt, explicit, ds, transferSyntaxUid);
}

/** Extended Offset Table, its lengths and Pixel Data, read by hand; null when the window ends first. */
function pixelGroup(bytes: Uint8Array, at: number, explicit: boolean, ds: DataSet, transferSyntaxUid: string): WsiHeader | null {
  const found = new Map<number, PixelGroupElement & { readonly undefinedLength: boolean }>();
  while (at + 12 <= bytes.length && uint16(bytes, at) === PIXEL_GROUP) {
    const element = uint16(bytes, at + 2);
    const vr = explicit ? String.fromCharCode(bytes[at + 4]!, bytes[at + 5]!) : 'OB';
    const long = !explicit || LONG_VRS.has(vr);
    const length = long ? uint32(bytes, at + (explicit ? 8 : 4)) : uint16(bytes, at + 6);
    const dataOffset = at + (explicit ? (long ? 12 : 8) : 8);
    found.set(element, { dataOffset, length, undefinedLength: length === 0xffffffff });
    if (element === 0x0010) break;
    if (length === 0xffffffff) throw new WsiError(`its element (7FE0,${element.toString(16).padStart(4, '0')}) before the pixel data has no length`);
    at = dataOffset + length;
  }
  const pixelData = found.get(0x0010);
  if (!pixelData) {
    if (at + 12 > bytes.length) return null;
    throw new WsiError('the instance holds no pixel data');
  }
  const table = found.get(0x0001);
  const lengths = found.get(0x0002);
  if ([table, lengths].some((element) => element && element.dataOffset + element.length > bytes.length)) return null;
  const extendedOffsets = table && lengths && table.length > 0 ? { offsets: uint64s(bytes, table), lengths: uint64s(bytes, lengths) } : null;
  return { ds, transferSyntaxUid, pixelData, extendedOffsets };
}

function uint64s(bytes: Uint8Array, element: PixelGroupElement): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset + element.dataOffset, element.length);
  return Array.from({ length: Math.floor(element.length / 8) }, (_, i) => Number(view.getBigUint64(i * 8, true)));
}

export const uint16 = (bytes: Uint8Array, at: number): number => bytes[at]! | (bytes[at + 1]! << 8);
export const uint32 = (bytes: Uint8Array, at: number): number => (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16)) + bytes[at + 3]! * 0x1000000;
