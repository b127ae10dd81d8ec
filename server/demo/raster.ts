/**
 * Painting shapes into one axial slice of HU values. Coordinates are patient mm in the slice plane
 * (x to the patient's left = image right, y to posterior = image down); the pixel at (row, column)
 * has its centre at (x0 + column * spacing, y0 + row * spacing).
 */

export interface SliceGrid {
  readonly rows: number;
  readonly columns: number;
  /** mm per px, same along rows and columns. */
  readonly spacing: number;
  /** Patient mm of the centre of pixel (0, 0). */
  readonly x0: number;
  readonly y0: number;
}

/** Which existing values a shape may overwrite; undefined paints everywhere. */
export type PaintOver = ReadonlySet<number> | undefined;

export function pixelOf(grid: SliceGrid, x: number, y: number): { row: number; column: number } {
  return { row: Math.round((y - grid.y0) / grid.spacing), column: Math.round((x - grid.x0) / grid.spacing) };
}

export function fillEllipse(
  grid: SliceGrid,
  hu: Int16Array,
  shape: { cx: number; cy: number; a: number; b: number },
  value: number,
  over?: PaintOver,
): void {
  const { cx, cy, a, b } = shape;
  if (a <= 0 || b <= 0) return;
  const firstRow = Math.max(0, Math.ceil((cy - b - grid.y0) / grid.spacing));
  const lastRow = Math.min(grid.rows - 1, Math.floor((cy + b - grid.y0) / grid.spacing));
  for (let row = firstRow; row <= lastRow; row++) {
    const dy = (grid.y0 + row * grid.spacing - cy) / b;
    const half = a * Math.sqrt(Math.max(0, 1 - dy * dy));
    const first = Math.max(0, Math.ceil((cx - half - grid.x0) / grid.spacing));
    const last = Math.min(grid.columns - 1, Math.floor((cx + half - grid.x0) / grid.spacing));
    paintSpan(hu, row * grid.columns, first, last, value, over);
  }
}

/** A ring between two circles, e.g. a cistern around the midbrain. */
export function fillAnnulus(
  grid: SliceGrid,
  hu: Int16Array,
  shape: { cx: number; cy: number; inner: number; outer: number },
  value: number,
  over?: PaintOver,
): void {
  forEachPixelNear(grid, shape.cx, shape.cy, shape.outer, shape.outer, (index, x, y) => {
    const r = Math.hypot(x - shape.cx, y - shape.cy);
    if (r >= shape.inner && r <= shape.outer) paintPixel(hu, index, value, over);
  });
}

/** A straight band of the given width with round ends (a fissure, a ridge). */
export function fillSegment(
  grid: SliceGrid,
  hu: Int16Array,
  shape: { x1: number; y1: number; x2: number; y2: number; width: number },
  value: number,
  over?: PaintOver,
): void {
  const { x1, y1, x2, y2 } = shape;
  const half = shape.width / 2;
  const dx = x2 - x1;
  const dy = y2 - y1;
  const lengthSquared = dx * dx + dy * dy || 1;
  const cx = (x1 + x2) / 2;
  const cy = (y1 + y2) / 2;
  forEachPixelNear(grid, cx, cy, Math.abs(dx) / 2 + half, Math.abs(dy) / 2 + half, (index, x, y) => {
    const along = Math.min(1, Math.max(0, ((x - x1) * dx + (y - y1) * dy) / lengthSquared));
    if (Math.hypot(x - (x1 + along * dx), y - (y1 + along * dy)) <= half) paintPixel(hu, index, value, over);
  });
}

function forEachPixelNear(
  grid: SliceGrid,
  cx: number,
  cy: number,
  halfWidth: number,
  halfHeight: number,
  visit: (index: number, x: number, y: number) => void,
): void {
  const firstRow = Math.max(0, Math.floor((cy - halfHeight - grid.y0) / grid.spacing));
  const lastRow = Math.min(grid.rows - 1, Math.ceil((cy + halfHeight - grid.y0) / grid.spacing));
  const firstColumn = Math.max(0, Math.floor((cx - halfWidth - grid.x0) / grid.spacing));
  const lastColumn = Math.min(grid.columns - 1, Math.ceil((cx + halfWidth - grid.x0) / grid.spacing));
  for (let row = firstRow; row <= lastRow; row++) {
    const y = grid.y0 + row * grid.spacing;
    for (let column = firstColumn; column <= lastColumn; column++) {
      visit(row * grid.columns + column, grid.x0 + column * grid.spacing, y);
    }
  }
}

function paintSpan(hu: Int16Array, rowStart: number, first: number, last: number, value: number, over: PaintOver): void {
  if (last < first) return;
  if (!over) {
    hu.fill(value, rowStart + first, rowStart + last + 1);
    return;
  }
  for (let index = rowStart + first; index <= rowStart + last; index++) paintPixel(hu, index, value, over);
}

function paintPixel(hu: Int16Array, index: number, value: number, over: PaintOver): void {
  if (!over || over.has(hu[index] ?? Number.NaN)) hu[index] = value;
}
