/**
 * The density grid as RGBA pixels, one per cell in view: each cell in the colour of the class
 * with most outlines there, more opaque where there are more. Drawn stretched over the cells'
 * image box, so its cost is that of the cells in view, whatever the number of outlines.
 */
import type { Box } from '../../../core/bounds';
import type { DensityGrid } from './densityGrid';

export interface DensityRaster {
  readonly pixels: Uint8ClampedArray;
  readonly cols: number;
  readonly rows: number;
  /** Image px the raster covers (whole cells). */
  readonly imageBox: Box;
}

/** Alpha of a cell holding `count` outlines: visible from one, opaque by a few hundred. */
export function densityAlpha(count: number): number {
  return count === 0 ? 0 : Math.min(230, 70 + Math.round(24 * Math.log2(count)));
}

/**
 * @param colors [r, g, b] per class slot of the grid.
 * @param shown whether class slot k is shown (hidden ones are not counted).
 */
export function densityRaster(grid: DensityGrid, box: Box, colors: readonly (readonly [number, number, number])[], shown: readonly boolean[]): DensityRaster {
  const { col0, col1, row0, row1 } = grid.cellRange(box);
  const cols = col1 - col0 + 1;
  const rows = row1 - row0 + 1;
  const pixels = new Uint8ClampedArray(cols * rows * 4);
  const k = grid.classCount;
  for (let row = row0; row <= row1; row += 1) {
    for (let col = col0; col <= col1; col += 1) {
      const base = (row * grid.cols + col) * k;
      let total = 0;
      let best = -1;
      let bestCount = 0;
      for (let c = 0; c < k; c += 1) {
        if (shown[c] === false) continue;
        const count = grid.counts[base + c] as number;
        total += count;
        if (count > bestCount) {
          bestCount = count;
          best = c;
        }
      }
      if (total === 0) continue;
      const [r, g, b] = colors[best] ?? [158, 158, 158];
      const at = ((row - row0) * cols + (col - col0)) * 4;
      pixels[at] = r;
      pixels[at + 1] = g;
      pixels[at + 2] = b;
      pixels[at + 3] = densityAlpha(total);
    }
  }
  const size = grid.cellSize;
  return { pixels, cols, rows, imageBox: { minX: col0 * size, minY: row0 * size, maxX: (col1 + 1) * size, maxY: (row1 + 1) * size } };
}
