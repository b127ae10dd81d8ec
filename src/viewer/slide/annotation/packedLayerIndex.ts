/**
 * A static spatial index over a read-only outline layer (`PackedPolygons`), built once in
 * O(outlines): each polygon's box in a Float32Array and the polygons bucketed by the grid cell
 * of their centre (flatbush-style, all typed arrays, no object per polygon). A viewport query
 * reads the cells it meets, widened by the largest half-size of any polygon so that none that
 * reaches into view is missed.
 */
import type { Box } from '../../../core/bounds';
import type { PackedPolygons } from '../../../core/outlineLayer';
import { DensityGrid } from './densityGrid';

/** Polygons per index cell on average: small enough that a query reads few it does not need. */
const PER_CELL = 8;

export class PackedLayerIndex {
  /** minX, minY, maxX, maxY per polygon (image px). */
  readonly boxes: Float32Array;
  readonly grid: DensityGrid;
  private readonly cellSize: number;
  private readonly cols: number;
  private readonly rows: number;
  /** Polygons of cell c are `items[cellStarts[c]] … items[cellStarts[c + 1] - 1]`. */
  private readonly cellStarts: Uint32Array;
  private readonly items: Uint32Array;
  private readonly reach: number;

  constructor(
    readonly polygons: PackedPolygons,
    extent: { readonly width: number; readonly height: number },
  ) {
    const count = polygons.starts.length - 1;
    const { coords, starts } = polygons;
    this.boxes = new Float32Array(count * 4);
    let reach = 0;
    for (let i = 0; i < count; i += 1) {
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      for (let v = starts[i] as number; v < (starts[i + 1] as number); v += 1) {
        const x = coords[2 * v] as number;
        const y = coords[2 * v + 1] as number;
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
      this.boxes.set([minX, minY, maxX, maxY], i * 4);
      reach = Math.max(reach, (maxX - minX) / 2, (maxY - minY) / 2);
    }
    this.reach = reach;
    this.grid = new DensityGrid(extent.width, extent.height, polygons.classes.length || 1);
    const cellsWanted = Math.max(1, count / PER_CELL);
    this.cellSize = Math.max(1, Math.sqrt((extent.width * extent.height) / cellsWanted));
    this.cols = Math.max(1, Math.ceil(extent.width / this.cellSize));
    this.rows = Math.max(1, Math.ceil(extent.height / this.cellSize));
    const cellOf = new Uint32Array(count);
    const counts = new Uint32Array(this.cols * this.rows + 1);
    for (let i = 0; i < count; i += 1) {
      const cx = this.centreX(i);
      const cy = this.centreY(i);
      cellOf[i] = this.cell(cx, cy);
      counts[(cellOf[i] as number) + 1] = (counts[(cellOf[i] as number) + 1] as number) + 1;
      this.grid.add(cx, cy, polygons.classIndex[i] ?? 0, 1);
    }
    for (let c = 1; c < counts.length; c += 1) counts[c] = (counts[c] as number) + (counts[c - 1] as number);
    this.cellStarts = counts;
    this.items = new Uint32Array(count);
    const fill = counts.slice(0, -1);
    for (let i = 0; i < count; i += 1) {
      const c = cellOf[i] as number;
      this.items[fill[c] as number] = i;
      fill[c] = (fill[c] as number) + 1;
    }
  }

  get count(): number {
    return this.items.length;
  }

  /** Calls `visit` with each polygon whose box meets `box` (image px). */
  search(box: Box, visit: (index: number) => void): void {
    const col0 = this.clampCol(Math.floor((box.minX - this.reach) / this.cellSize));
    const col1 = this.clampCol(Math.floor((box.maxX + this.reach) / this.cellSize));
    const row0 = this.clampRow(Math.floor((box.minY - this.reach) / this.cellSize));
    const row1 = this.clampRow(Math.floor((box.maxY + this.reach) / this.cellSize));
    const b = this.boxes;
    for (let row = row0; row <= row1; row += 1) {
      const first = this.cellStarts[row * this.cols + col0] as number;
      const last = this.cellStarts[row * this.cols + col1 + 1] as number;
      for (let k = first; k < last; k += 1) {
        const i = this.items[k] as number;
        const at = i * 4;
        if ((b[at] as number) <= box.maxX && (b[at + 2] as number) >= box.minX && (b[at + 1] as number) <= box.maxY && (b[at + 3] as number) >= box.minY) visit(i);
      }
    }
  }

  centreX(i: number): number {
    return ((this.boxes[i * 4] as number) + (this.boxes[i * 4 + 2] as number)) / 2;
  }

  centreY(i: number): number {
    return ((this.boxes[i * 4 + 1] as number) + (this.boxes[i * 4 + 3] as number)) / 2;
  }

  private cell(x: number, y: number): number {
    return this.clampRow(Math.floor(y / this.cellSize)) * this.cols + this.clampCol(Math.floor(x / this.cellSize));
  }

  private clampCol(col: number): number {
    return col < 0 ? 0 : col >= this.cols ? this.cols - 1 : col;
  }

  private clampRow(row: number): number {
    return row < 0 ? 0 : row >= this.rows ? this.rows - 1 : row;
  }
}
