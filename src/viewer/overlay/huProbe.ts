/**
 * The HU probe: the modality value (HU for CT) of the image pixel under the pointer. Pure over
 * the slice's stored pixels, so the value is checked against known arrays without a browser.
 */
import type { Point } from '../../core/annotation';
import { storedToModality } from '../imageGeometry';

/** The stored pixels of a grey slice and how they become modality values. */
export interface ProbedSlice {
  readonly rows: number;
  readonly columns: number;
  /** Row-major stored values (one per pixel). */
  readonly pixels: ArrayLike<number>;
  readonly rescale: { readonly slope: number; readonly intercept: number; readonly scaled: boolean };
}

export interface ProbeReading {
  readonly row: number;
  readonly column: number;
  /** Modality value: HU for CT. */
  readonly value: number;
}

/**
 * `point`: image px, origin at the top-left corner of the top-left pixel (pixel (c, r) covers
 * [c, c + 1) × [r, r + 1), the adapter's convention). Null off the image.
 */
export function probeSlice(slice: ProbedSlice, point: Point): ProbeReading | null {
  const column = Math.floor(point[0]);
  const row = Math.floor(point[1]);
  if (!(row >= 0 && column >= 0 && row < slice.rows && column < slice.columns)) return null;
  const stored = slice.pixels[row * slice.columns + column];
  if (stored === undefined) return null;
  return { row, column, value: storedToModality(stored, slice.rescale) };
}
