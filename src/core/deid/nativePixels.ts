/**
 * The pixel data of a data set as this code can change it: native (uncompressed, little endian)
 * frames whose layout is read from the Image Pixel module. Compressed transfer syntaxes are not
 * decoded here: a file in one is refused with a sentence naming it, rather than rewritten in
 * another syntax the hospital did not choose (convert it first, e.g. `gdcmconv --raw`).
 */
import type { DcmjsDataSet } from 'dcmjs';
import { firstText } from './dataSet';

export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
const NATIVE_SYNTAXES = new Set([IMPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN]);

export type Photometric = 'MONOCHROME1' | 'MONOCHROME2' | 'RGB' | 'YBR_FULL';
const PHOTOMETRICS: ReadonlySet<string> = new Set<Photometric>(['MONOCHROME1', 'MONOCHROME2', 'RGB', 'YBR_FULL']);

/** The Image Pixel module of a native image: enough to find any sample of any frame. */
export interface PixelLayout {
  readonly rows: number;
  readonly columns: number;
  readonly frames: number;
  readonly samplesPerPixel: 1 | 3;
  /** 0: R G B R G B…; 1: a plane per sample within each frame. */
  readonly planarConfiguration: 0 | 1;
  readonly bitsAllocated: 8 | 16;
  readonly bitsStored: number;
  readonly signed: boolean;
  readonly photometric: Photometric;
}

export type NativePixels =
  | { readonly ok: true; readonly layout: PixelLayout; readonly data: Uint8Array }
  | { readonly ok: false; readonly reason: string };

const numberOf = (dataSet: DcmjsDataSet, tag: string, fallback: number): number => {
  const value = Number(firstText(dataSet, tag));
  return firstText(dataSet, tag) === '' || !Number.isFinite(value) ? fallback : value;
};

export type NativeLayout = { readonly ok: true; readonly layout: PixelLayout } | { readonly ok: false; readonly reason: string };

/**
 * The frames' layout from the header alone (`pixelBytes`: the Pixel Data value's length, null
 * when there is none), or why they cannot be changed here: what the check of a file too large to
 * read whole can say without its pixels.
 */
export function nativeLayoutOf(dataSet: DcmjsDataSet, transferSyntax: string, pixelBytes: number | null): NativeLayout {
  if (pixelBytes === null) return { ok: false, reason: 'the file has no pixel data' };
  if (!NATIVE_SYNTAXES.has(transferSyntax)) {
    return { ok: false, reason: `its pixel data is encoded in transfer syntax ${transferSyntax}, which is not decoded here; convert the file to Explicit VR Little Endian (uncompressed) and upload it again` };
  }
  const samplesPerPixel = numberOf(dataSet, '00280002', 1);
  const bitsAllocated = numberOf(dataSet, '00280100', 0);
  const photometric = firstText(dataSet, '00280004').toUpperCase();
  if (samplesPerPixel !== 1 && samplesPerPixel !== 3) return { ok: false, reason: `${samplesPerPixel} samples per pixel are not supported` };
  if (bitsAllocated !== 8 && bitsAllocated !== 16) return { ok: false, reason: `${bitsAllocated} bits allocated are not supported (8 or 16 are)` };
  if (!PHOTOMETRICS.has(photometric)) return { ok: false, reason: `photometric interpretation ${photometric || '(none)'} is not supported` };
  const layout: PixelLayout = {
    rows: numberOf(dataSet, '00280010', 0),
    columns: numberOf(dataSet, '00280011', 0),
    frames: Math.max(1, numberOf(dataSet, '00280008', 1)),
    samplesPerPixel,
    planarConfiguration: numberOf(dataSet, '00280006', 0) === 1 ? 1 : 0,
    bitsAllocated,
    bitsStored: numberOf(dataSet, '00280101', bitsAllocated),
    signed: numberOf(dataSet, '00280103', 0) === 1,
    photometric: photometric as Photometric,
  };
  // The block may be one byte longer (padded to even length), never shorter.
  if (pixelBytes < frameBytes(layout) * layout.frames) return { ok: false, reason: 'its pixel data is shorter than rows × columns × frames say' };
  return { ok: true, layout };
}

/** The frames' bytes (a view on the data set's own buffer: changing it changes the file), or why they cannot be changed here. */
export function nativePixelsOf(dataSet: DcmjsDataSet, transferSyntax: string): NativePixels {
  const element = dataSet['7FE00010'];
  const values = element?.Value ?? [];
  const buffer = values[0];
  const data = buffer instanceof ArrayBuffer ? new Uint8Array(buffer) : ArrayBuffer.isView(buffer) ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) : null;
  // A value that is no one native block skips the length check: it is refused just below, after the layout's reasons.
  const native = nativeLayoutOf(dataSet, transferSyntax, element ? (data && values.length === 1 ? data.byteLength : Infinity) : null);
  if (!native.ok) return native;
  if (!data || values.length !== 1) return { ok: false, reason: 'its pixel data could not be read as one native block' };
  return { ok: true, layout: native.layout, data };
}

/** Bytes of one frame (without the even-length padding, which only the whole block has). */
export function frameBytes(layout: PixelLayout): number {
  return layout.rows * layout.columns * layout.samplesPerPixel * (layout.bitsAllocated / 8);
}
