/**
 * Region fills of one slice's labelmap (see labelmap.ts for the pixel convention): a drawn
 * contour filled by scanlines, and a flood fill grown from a seed through pixels of an HU range.
 */
import type { Point } from '../annotation';
import type { PixelFilter, SliceSize } from './labelmap';

/**
 * Sets to `value` every pixel whose centre lies inside the closed ring `points` (even–odd rule,
 * so a contour that crosses itself fills as drawn). Each row is cut at its centre line by the
 * ring's edges and filled between pairs of crossings. Answers how many pixels changed.
 */
export function fillPolygon(labels: Uint8Array, size: SliceSize, points: readonly Point[], value: 0 | 1): number {
  if (points.length < 3) return 0;
  const { width, height } = size;
  const ys = points.map((p) => p[1]);
  const top = Math.max(0, Math.floor(Math.min(...ys)));
  const bottom = Math.min(height - 1, Math.ceil(Math.max(...ys)));
  let changed = 0;
  const crossings: number[] = [];
  for (let row = top; row <= bottom; row++) {
    const y = row + 0.5;
    crossings.length = 0;
    for (let i = 0; i < points.length; i++) {
      const [x0, y0] = points[i]!;
      const [x1, y1] = points[(i + 1) % points.length]!;
      // Half-open in y, so a vertex on the scanline counts once.
      if ((y0 <= y && y < y1) || (y1 <= y && y < y0)) crossings.push(x0 + ((y - y0) / (y1 - y0)) * (x1 - x0));
    }
    crossings.sort((p, q) => p - q);
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      // Pixels whose centre c + 0.5 lies in [from, to).
      const first = Math.max(0, Math.ceil(crossings[k]! - 0.5));
      const last = Math.min(width - 1, Math.ceil(crossings[k + 1]! - 0.5) - 1);
      for (let column = first; column <= last; column++) {
        const index = row * width + column;
        if (labels[index] !== value) {
          labels[index] = value;
          changed += 1;
        }
      }
    }
  }
  return changed;
}

/**
 * Sets to `value` the 4-connected region of pixels passing `accept` that holds the pixel under
 * `seed` (nothing when the seed itself does not pass, or lies off the slice). Answers how many
 * pixels changed.
 */
export function floodFill(labels: Uint8Array, size: SliceSize, seed: Point, accept: PixelFilter, value: 0 | 1): number {
  const { width, height } = size;
  const column = Math.floor(seed[0]);
  const row = Math.floor(seed[1]);
  if (column < 0 || row < 0 || column >= width || row >= height) return 0;
  const start = row * width + column;
  if (!accept(start)) return 0;
  const visited = new Uint8Array(width * height);
  const stack = [start];
  visited[start] = 1;
  let changed = 0;
  while (stack.length > 0) {
    const index = stack.pop()!;
    if (labels[index] !== value) {
      labels[index] = value;
      changed += 1;
    }
    const x = index % width;
    const visit = (next: number) => {
      if (visited[next] === 0 && accept(next)) {
        visited[next] = 1;
        stack.push(next);
      }
    };
    if (x > 0) visit(index - 1);
    if (x < width - 1) visit(index + 1);
    if (index >= width) visit(index - width);
    if (index < width * (height - 1)) visit(index + width);
  }
  return changed;
}
