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
