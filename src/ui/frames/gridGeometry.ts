/**
 * Geometry of the frame grid, as pure functions over frame positions (0-based, in the order the
 * grid shows them) and the sprite sheets' cell layout (see `FrameSprites`). Sizes in CSS px.
 */
import type { FrameSprites } from '../../core/item';

/** Space between cells, CSS px. */
export const CELL_GAP = 4;

/** How many cells of `cellWidth` fit side by side in `width` (at least one). */
export function gridColumns(width: number, cellWidth: number, gap = CELL_GAP): number {
  return Math.max(1, Math.floor((width + gap) / (cellWidth + gap)));
}

export function gridRows(count: number, columns: number): number {
  return Math.ceil(count / Math.max(1, columns));
}

/** Where frame `frameIndex` (in the item's frame order) sits in its sprite sheet: sheet and top-left px. */
export function spriteCell(frameIndex: number, sprites: FrameSprites): { readonly sheet: number; readonly x: number; readonly y: number } {
  const perSheet = sprites.columns * sprites.rows;
  const cell = frameIndex % perSheet;
  return {
    sheet: Math.floor(frameIndex / perSheet),
    x: (cell % sprites.columns) * sprites.cellWidth,
    y: Math.floor(cell / sprites.columns) * sprites.cellHeight,
  };
}

/**
 * The sheets holding the frames shown in grid rows `firstRow`..`lastRow` (inclusive), given which
 * frame each grid position shows. O(cells in those rows).
 */
export function sheetsInRows(shown: readonly number[], columns: number, firstRow: number, lastRow: number, sprites: FrameSprites): Set<number> {
  const sheets = new Set<number>();
  const end = Math.min(shown.length, (lastRow + 1) * columns);
  for (let position = Math.max(0, firstRow * columns); position < end; position += 1) {
    const frame = shown[position];
    if (frame !== undefined) sheets.add(spriteCell(frame, sprites).sheet);
  }
  return sheets;
}

/**
 * The sheets of rows `firstRow`..`lastRow` (as `sheetsInRows`) plus, beyond each end of those
 * rows, the next `ahead` sheets the grid reaches: a scroll finds them fetched and decoded before
 * their rows come into view, instead of showing plain cells and decoding a sheet in the frame that
 * needs it. The walk stops after `ahead` sheets' worth of positions each way, so a sparse filter
 * adds at most 2 · `ahead` sheets. O(cells in the rows + ahead · cells per sheet).
 */
export function sheetsAround(shown: readonly number[], columns: number, firstRow: number, lastRow: number, sprites: FrameSprites, ahead: number): Set<number> {
  const sheets = sheetsInRows(shown, columns, firstRow, lastRow, sprites);
  const limit = ahead * sprites.columns * sprites.rows;
  const walk = (from: number, step: 1 | -1) => {
    let found = 0;
    for (let position = from, walked = 0; position >= 0 && position < shown.length && walked < limit && found < ahead; position += step, walked += 1) {
      const sheet = spriteCell(shown[position] as number, sprites).sheet;
      if (sheets.has(sheet)) continue;
      sheets.add(sheet);
      found += 1;
    }
  };
  walk(Math.min(shown.length, (lastRow + 1) * columns), 1);
  walk(Math.max(0, firstRow * columns) - 1, -1);
  return sheets;
}
