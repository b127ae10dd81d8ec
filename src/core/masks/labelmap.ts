/**
 * Pixel edits of one slice's labelmap (one class), the working form of a `Mask` while a tool
 * paints: a row-major Uint8Array of 0/1, decoded from the record's runs for the one slice being
 * edited and encoded back into runs when the edit ends. Coordinates are image px, origin at the
 * top-left corner of the top-left pixel: pixel (c, r) covers [c, c + 1) × [r, r + 1), so its
 * centre is (c + 0.5, r + 0.5).
 */
import type { Point } from '../annotation';
import { decodeRuns } from '../mask';

export interface SliceSize {
  readonly width: number;
  readonly height: number;
}

/** Which pixels an edit may change (by row-major index); every pixel when absent. */
export type PixelFilter = (index: number) => boolean;

/** The labelmap of some runs, or all 0 when there are none. */
export function labelmapOf(runs: readonly number[] | null, size: SliceSize): Uint8Array {
  const length = size.width * size.height;
  return runs ? decodeRuns(runs, length) : new Uint8Array(length);
}

/** Pixels from column `left` to `right` and row `top` to `bottom`, all inclusive. */
export interface PixelRect {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** The pixels of the slice that `paintCapsule` may change, or null when the capsule misses the slice. */
export function capsuleBounds(size: SliceSize, a: Point, b: Point, radius: number): PixelRect | null {
  const left = Math.max(0, Math.floor(Math.min(a[0], b[0]) - radius));
  const right = Math.min(size.width - 1, Math.ceil(Math.max(a[0], b[0]) + radius));
  const top = Math.max(0, Math.floor(Math.min(a[1], b[1]) - radius));
  const bottom = Math.min(size.height - 1, Math.ceil(Math.max(a[1], b[1]) + radius));
  return left > right || top > bottom ? null : { left, top, right, bottom };
}

/** The smallest rectangle holding both (null: none). */
export function unionRect(a: PixelRect | null, b: PixelRect | null): PixelRect | null {
  if (!a || !b) return a ?? b;
  return { left: Math.min(a.left, b.left), top: Math.min(a.top, b.top), right: Math.max(a.right, b.right), bottom: Math.max(a.bottom, b.bottom) };
}

/**
 * Sets to `value` the pixels whose centre lies within `radius` of the segment a–b (a disc when
 * a = b: one dab of a round brush; a capsule when the brush moved), and the pixel under `b`
 * always, so the smallest brush still paints. Answers how many pixels changed. Every pixel it
 * changes lies in `capsuleBounds(size, a, b, radius)`.
 */
export function paintCapsule(labels: Uint8Array, size: SliceSize, a: Point, b: Point, radius: number, value: 0 | 1, filter?: PixelFilter): number {
  const { width, height } = size;
  const bounds = capsuleBounds(size, a, b, radius);
  if (!bounds) return 0;
  const { left, right, top, bottom } = bounds;
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSq = dx * dx + dy * dy;
  const radiusSq = radius * radius;
  let changed = 0;
  const set = (index: number) => {
    if (labels[index] === value || (filter && !filter(index))) return;
    labels[index] = value;
    changed += 1;
  };
  for (let row = top; row <= bottom; row++) {
    for (let column = left; column <= right; column++) {
      const px = column + 0.5 - a[0];
      const py = row + 0.5 - a[1];
      const t = lengthSq === 0 ? 0 : Math.min(1, Math.max(0, (px * dx + py * dy) / lengthSq));
      const ex = px - t * dx;
      const ey = py - t * dy;
      if (ex * ex + ey * ey <= radiusSq) set(row * width + column);
    }
  }
  const column = Math.floor(b[0]);
  const row = Math.floor(b[1]);
  if (column >= 0 && row >= 0 && column < width && row < height) set(row * width + column);
  return changed;
}

/** Pixels whose modality value (HU for CT) lies in [lo, hi]: what the threshold brush and flood fill may paint. */
export function huWithin(hu: ArrayLike<number>, range: readonly [number, number]): PixelFilter {
  const [lo, hi] = range;
  return (index) => {
    const value = hu[index]!;
    return value >= lo && value <= hi;
  };
}
