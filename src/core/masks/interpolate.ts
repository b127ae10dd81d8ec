/**
 * Shape-based interpolation (Raya & Udupa 1990, what 3D Slicer's "fill between slices" and ITK's
 * morphological contour interpolator approximate): each outlined slice becomes a signed distance
 * map (negative inside, positive outside, exact Euclidean by Felzenszwalb & Huttenlocher's
 * lower envelope of parabolas), the maps of two outlined slices are blended linearly by the
 * position of the slice between them, and a slice's pixel is inside where the blend is below 0.
 * A slice at either end gets back that slice's own pixels exactly; a shape shrinks, grows or
 * moves smoothly between them. Like every shape-based method it needs the two outlines to
 * overlap: two far-apart blobs fade out between them instead of travelling (outline a slice in
 * the middle, then interpolate again).
 */
import type { SliceSize } from './labelmap';

/** Farther than any pixel of a slice can be (squared distances stay finite, so blends never meet ∞ − ∞). */
const FAR = 1e12;

/** Squared distances along one line of `n` values (0 at the feature, FAR elsewhere), in place through `f`. */
function distance1d(f: Float64Array, n: number, d: Float64Array, v: Int32Array, z: Float64Array): void {
  let k = 0;
  v[0] = 0;
  z[0] = -Infinity;
  z[1] = Infinity;
  for (let q = 1; q < n; q++) {
    const at = (p: number) => (f[q]! + q * q - (f[p]! + p * p)) / (2 * q - 2 * p);
    let s = at(v[k]!);
    // z[0] is −∞, so this stops at the first parabola at the latest.
    while (s <= z[k]!) {
      k -= 1;
      s = at(v[k]!);
    }
    k += 1;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Infinity;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1]! < q) k += 1;
    const p = v[k]!;
    d[q] = (q - p) * (q - p) + f[p]!;
  }
}

/** Squared Euclidean distance of every pixel to the nearest pixel where `feature` holds. */
export function squaredDistanceTo(labels: Uint8Array, size: SliceSize, feature: 0 | 1): Float64Array {
  const { width, height } = size;
  const n = Math.max(width, height);
  const grid = new Float64Array(width * height);
  for (let i = 0; i < grid.length; i++) grid[i] = labels[i] === feature ? 0 : FAR;
  const f = new Float64Array(n);
  const d = new Float64Array(n);
  const v = new Int32Array(n);
  const z = new Float64Array(n + 1);
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) f[y] = grid[y * width + x]!;
    distance1d(f, height, d, v, z);
    for (let y = 0; y < height; y++) grid[y * width + x] = d[y]!;
  }
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) f[x] = grid[row + x]!;
    distance1d(f, width, d, v, z);
    for (let x = 0; x < width; x++) grid[row + x] = d[x]!;
  }
  return grid;
}

/**
 * Signed distance in px: inside pixels −(distance to the nearest outside pixel − ½), outside
 * pixels +(distance to the nearest inside pixel − ½), so the boundary sits at 0 between them.
 */
export function signedDistance(labels: Uint8Array, size: SliceSize): Float64Array {
  const toOutside = squaredDistanceTo(labels, size, 0);
  const toInside = squaredDistanceTo(labels, size, 1);
  const out = new Float64Array(labels.length);
  for (let i = 0; i < out.length; i++) out[i] = labels[i] ? -(Math.sqrt(toOutside[i]!) - 0.5) : Math.sqrt(toInside[i]!) - 0.5;
  return out;
}

/** The labelmaps of the `gap` slices strictly between `from` and `to` (evenly spaced), nearest `from` first. */
export function interpolateBetween(from: Uint8Array, to: Uint8Array, size: SliceSize, gap: number): Uint8Array[] {
  const a = signedDistance(from, size);
  const b = signedDistance(to, size);
  const slices: Uint8Array[] = [];
  for (let k = 1; k <= gap; k++) {
    const t = k / (gap + 1);
    const out = new Uint8Array(from.length);
    for (let i = 0; i < out.length; i++) out[i] = (1 - t) * a[i]! + t * b[i]! < 0 ? 1 : 0;
    slices.push(out);
  }
  return slices;
}

/**
 * Fills every run of empty slices lying between two outlined ones: `outlined` maps slice index
 * to the labelmap of an outlined slice. Answers the new labelmaps by slice index (empty results,
 * which two far-apart small shapes can give, included: the caller skips them).
 */
export function interpolateGaps(outlined: ReadonlyMap<number, Uint8Array>, size: SliceSize): Map<number, Uint8Array> {
  const indices = [...outlined.keys()].sort((p, q) => p - q);
  const filled = new Map<number, Uint8Array>();
  for (let k = 0; k + 1 < indices.length; k++) {
    const first = indices[k]!;
    const last = indices[k + 1]!;
    if (last - first < 2) continue;
    interpolateBetween(outlined.get(first)!, outlined.get(last)!, size, last - first - 1).forEach((labels, j) => filled.set(first + 1 + j, labels));
  }
  return filled;
}
