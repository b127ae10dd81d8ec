/**
 * The open CT series as model inputs: one `ctSlice` per slice, in Hounsfield units, read lazily
 * (a slice's pixels are decoded only when the run reaches it, through the viewer's own loader) so a
 * series never sits in memory twice. The HU buffer is a fresh Float32Array: transferable to the
 * worker without touching the viewer's cached image.
 */
import type { SeriesItem, SliceRef } from '../core/item';
import type { ModelInput } from '../core/models/modelInput';
import type { RunInput } from './runController';

/** One decoded slice as the image loader holds it (stored values, or HU when the loader pre-scaled them). */
export interface DecodedSlice {
  readonly columns: number;
  readonly rows: number;
  readonly pixels: ArrayLike<number>;
  /** Rescale slope and intercept (HU = stored × slope + intercept). */
  readonly slope: number;
  readonly intercept: number;
  /** The loader already applied slope and intercept (Cornerstone's pre-scaling). */
  readonly scaled: boolean;
  /** mm per px (column, row) when the file says. */
  readonly spacing: readonly [number, number] | null;
  /** A colour image cannot be a CT slice in HU. */
  readonly color: boolean;
}

export type ReadSlice = (slice: SliceRef) => Promise<DecodedSlice>;

function checkLength(slice: DecodedSlice): number {
  const count = slice.columns * slice.rows;
  if (slice.pixels.length < count) throw new Error(`the slice holds ${slice.pixels.length} values for ${slice.columns} × ${slice.rows} px`);
  return count;
}

/** Hounsfield units of a decoded slice, row-major: a fresh array (a model run transfers it). */
export function huOf(slice: DecodedSlice): Float32Array {
  const count = checkLength(slice);
  const hu = new Float32Array(count);
  const slope = slice.scaled ? 1 : slice.slope;
  const intercept = slice.scaled ? 0 : slice.intercept;
  for (let i = 0; i < count; i++) hu[i] = (slice.pixels[i] as number) * slope + intercept;
  return hu;
}

/**
 * Hounsfield units of a decoded slice, row-major, to read only: the loader's own array when it
 * already holds HU (pre-scaled, or slope 1 and intercept 0), so the mask tools and the segment
 * figures read the cached slice in its stored type instead of a Float32 copy twice its size.
 */
export function huView(slice: DecodedSlice): ArrayLike<number> {
  checkLength(slice);
  return slice.scaled || (slice.slope === 1 && slice.intercept === 0) ? slice.pixels : huOf(slice);
}

/** The slices of `series` as run inputs, each read when the run asks for it. */
export function seriesInputs(series: SeriesItem, read: ReadSlice): RunInput[] {
  // SeriesItem keeps (row, column) spacing; a model input wants (column, row).
  const itemSpacing: readonly [number, number] = series.pixelSpacing ? [series.pixelSpacing[1], series.pixelSpacing[0]] : [1, 1];
  return series.slices.map((slice) => ({
    read: async (): Promise<ModelInput> => {
      const decoded = await read(slice);
      if (decoded.color) throw new Error(`slice ${slice.targetId} is a colour image, not a CT slice`);
      return { kind: 'ctSlice', targetId: slice.targetId, width: decoded.columns, height: decoded.rows, hu: huOf(decoded), spacing: decoded.spacing ?? itemSpacing };
    },
  }));
}
