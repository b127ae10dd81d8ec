/**
 * The one layout of frame-set sprite sheets (FrameSprites in src/core/item.ts): 160×120 px cells
 * (4:3, the shape of most endoscopes' and fundus cameras' pictures), 10×10 cells a sheet, so a
 * sheet is 1600×1200 px and about 100–300 kB of JPEG: a screen of the grid is one or two sheets.
 */
export const SPRITE_LAYOUT = { cellWidth: 160, cellHeight: 120, columns: 10, rows: 10 } as const;

export const CELLS_PER_SHEET = SPRITE_LAYOUT.columns * SPRITE_LAYOUT.rows;

/** JPEG quality of a sheet: thumbnails for choosing, not for reading. */
export const SPRITE_JPEG_QUALITY = 80;

/** One letterboxed thumbnail: cellWidth × cellHeight sRGB px, 3 bytes each, row by row. */
export type SpriteCell = Buffer;
