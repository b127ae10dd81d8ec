/** Typed reads of data set values that never throw: a malformed value reads as absent. */
import type { DataSet, Element } from 'dicom-parser';

export function text(ds: DataSet, tag: string): string {
  try {
    return ds.string(tag)?.trim() ?? '';
  } catch {
    return '';
  }
}

export function integer(ds: DataSet, tag: string): number | null {
  const raw = text(ds, tag);
  if (!/^[+-]?\d+$/.test(raw)) return null;
  return Number.parseInt(raw, 10);
}

/** Frames in the instance: 1 when NumberOfFrames is absent, null when it is present but unusable. */
export function readNumberOfFrames(ds: DataSet): number | null {
  if (text(ds, 'x00280008') === '') return 1;
  const frames = integer(ds, 'x00280008');
  return frames !== null && frames >= 1 ? frames : null;
}

/** A backslash-separated decimal string (DS) with exactly `count` finite values, else null. */
export function numbers(ds: DataSet, tag: string, count: number): number[] | null {
  const raw = text(ds, tag);
  if (raw === '') return null;
  const parts = raw.split('\\').map((part) => part.trim());
  if (parts.length !== count || parts.some((part) => part === '')) return null;
  const values = parts.map(Number);
  return values.every(Number.isFinite) ? values : null;
}

/** Bytes one native (uncompressed) frame takes, or null when the header does not say. */
export function nativeFrameBytes(ds: DataSet): number | null {
  return nativeBytes(ds, 1);
}

/** Bytes a native pixel data element must hold for every declared frame, or null when unknown. */
export function nativePixelBytes(ds: DataSet): number | null {
  const frames = readNumberOfFrames(ds);
  return frames === null ? null : nativeBytes(ds, frames);
}

function nativeBytes(ds: DataSet, frames: number): number | null {
  const rows = ds.uint16('x00280010');
  const columns = ds.uint16('x00280011');
  const bits = ds.uint16('x00280100');
  if (!rows || !columns || !bits) return null;
  const samples = ds.uint16('x00280002') ?? 1;
  // Native YBR_FULL_422 stores two luma and one shared pair of chroma samples per two pixels.
  const samplesPerPixel = text(ds, 'x00280004') === 'YBR_FULL_422' ? 2 : samples;
  // Bit-packed frames (BitsAllocated 1) run on without padding, so round the total, not each frame.
  return Math.ceil((rows * columns * frames * samplesPerPixel * bits) / 8);
}

/** Integer, float (FloatPixelData) or double (DoubleFloatPixelData) pixels: each an image. */
export const PIXEL_DATA_TAGS: readonly string[] = ['x7fe00010', 'x7fe00008', 'x7fe00009'];

/** The data set's pixel data element, of whichever kind. */
export function pixelDataElement(ds: DataSet): Element | undefined {
  for (const tag of PIXEL_DATA_TAGS) {
    const element = ds.elements[tag];
    if (element) return element;
  }
  return undefined;
}
