/**
 * Counts of outlines per cell of a coarse grid over the image, per class: what the overlay draws
 * when so many outlines are in view that their shapes cannot be told apart anyway, and how it
 * knows how many are in view without asking the R-tree for all of them. Kept up to date per
 * added or removed outline (O(1)), so its cost never grows with the document.
 */
import type { Box } from '../../../core/bounds';

/** Cells along the longer side of the image: a few screen px per cell with the whole slide on screen. */
export const DENSITY_CELLS = 256;

export class DensityGrid {
  readonly cols: number;
  readonly rows: number;
  /** Image px per cell, both axes. */
  readonly cellSize: number;
  /** Counts, cell-major: cell (col, row) of class k is at `(row * cols + col) * classCount + k`. */
  readonly counts: Uint32Array;
  private totalCount = 0;

  constructor(
    /** The image's level-0 size, px. */
    readonly width: number,
    readonly height: number,
    readonly classCount: number,
    cells = DENSITY_CELLS,
  ) {
    this.cellSize = Math.max(1, Math.max(width, height) / cells);
    this.cols = Math.max(1, Math.ceil(width / this.cellSize));
    this.rows = Math.max(1, Math.ceil(height / this.cellSize));
    this.counts = new Uint32Array(this.cols * this.rows * classCount);
  }

  get total(): number {
    return this.totalCount;
  }

  /** The cell index of an image point (clamped into the grid: outlines off the image still count). */
  cellOf(x: number, y: number): number {
    const col = clamp(Math.floor(x / this.cellSize), this.cols - 1);
    const row = clamp(Math.floor(y / this.cellSize), this.rows - 1);
    return row * this.cols + col;
  }

  add(x: number, y: number, classIndex: number, delta: 1 | -1): void {
    const slot = this.cellOf(x, y) * this.classCount + classIndex;
    const count = this.counts[slot] as number;
    if (delta < 0 && count === 0) return;
    this.counts[slot] = count + delta;
    this.totalCount += delta;
  }

  /** The cells `box` meets: inclusive column and row ranges. */
  cellRange(box: Box): { col0: number; col1: number; row0: number; row1: number } {
    return {
      col0: clamp(Math.floor(box.minX / this.cellSize), this.cols - 1),
      col1: clamp(Math.floor(box.maxX / this.cellSize), this.cols - 1),
      row0: clamp(Math.floor(box.minY / this.cellSize), this.rows - 1),
      row1: clamp(Math.floor(box.maxY / this.cellSize), this.rows - 1),
    };
  }

  /**
   * Outlines whose centre lies in the cells `box` meets: an upper estimate of how many are in
   * view (whole cells), in O(cells in view), never O(outlines).
   */
  countIn(box: Box): number {
    const { col0, col1, row0, row1 } = this.cellRange(box);
    const rowLength = (col1 - col0 + 1) * this.classCount;
    let sum = 0;
    for (let row = row0; row <= row1; row += 1) {
      const start = (row * this.cols + col0) * this.classCount;
      for (let slot = start; slot < start + rowLength; slot += 1) sum += this.counts[slot] as number;
    }
    return sum;
  }
}

function clamp(value: number, max: number): number {
  return value < 0 ? 0 : value > max ? max : value;
}
