/**
 * Reads a Deep Zoom folder written by `vips dzsave --layout dz --depth onetile` (or sharp's
 * `tile()`, the same libvips code) into a PyramidWriter. Deep Zoom numbers levels from the smallest
 * (0) up to full resolution; the served pyramid counts the other way (0 = full resolution), so
 * served level k is Deep Zoom level (count − 1 − k). Each level halves the last, rounding up,
 * which is exactly downsample 2^k.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SlideLevel } from '../../src/core/item';
import type { PyramidProgress, PyramidWriter } from './pyramidWriter';
import { gridOf } from './tileIndex';

/** Served levels of a `width`×`height` slide cut into `tileSize` tiles, down to the one that fits one tile. */
export function servedLevels(width: number, height: number, tileSize: number): SlideLevel[] {
  const levels: SlideLevel[] = [];
  for (let k = 0; ; k += 1) {
    const downsample = 2 ** k;
    const level = { width: Math.ceil(width / downsample), height: Math.ceil(height / downsample), downsample };
    levels.push(level);
    if (level.width <= tileSize && level.height <= tileSize) return levels;
  }
}

/**
 * Replaces a tile the Deep Zoom folder holds by other bytes (a stored tile passed through), or
 * returns null to take the folder's.
 */
export type TileOverride = (level: number, x: number, y: number) => Promise<Uint8Array | null>;

export async function writeDzFolder(
  filesDir: string,
  levels: readonly SlideLevel[],
  tileSize: number,
  writer: PyramidWriter,
  onProgress?: PyramidProgress,
  override?: TileOverride,
  signal?: AbortSignal,
): Promise<void> {
  const dzLevels = (await readdir(filesDir, { withFileTypes: true })).filter((entry) => entry.isDirectory() && /^\d+$/.test(entry.name));
  if (dzLevels.length !== levels.length) throw new Error(`the tiler wrote ${dzLevels.length} levels, expected ${levels.length}`);
  const grids = levels.map((level) => gridOf(level.width, level.height, tileSize));
  const total = grids.reduce((sum, grid) => sum + grid.columns * grid.rows, 0);
  let done = 0;
  onProgress?.(0, total);
  for (const [level, grid] of grids.entries()) {
    const dir = join(filesDir, String(levels.length - 1 - level));
    for (let y = 0; y < grid.rows; y += 1) {
      for (let x = 0; x < grid.columns; x += 1) {
        signal?.throwIfAborted();
        const bytes = (await override?.(level, x, y)) ?? (await readFile(join(dir, `${x}_${y}.jpeg`)));
        await writer.put(level, x, y, bytes);
        done += 1;
        onProgress?.(done, total);
      }
    }
  }
}
