/**
 * Tiles asked for before the viewer exists. A slide's home view (the whole slide fitted to the
 * viewer) always needs the same tiles: every level from the coarsest up to the one that matches
 * the screen. Fetching them as soon as the item's detail arrives overlaps their round trips with
 * the records, the viewer's chunk and OpenSeadragon's start, instead of starting them after.
 */
import type { SlideItem } from '../../core/item';
import { tileGrid } from './slidePyramid';
import type { LoadTile } from './tileLoadError';

export interface TileAddress {
  readonly level: number;
  readonly x: number;
  readonly y: number;
}

/** More than this and the guess costs more than it saves (a tiny viewer on a huge screen estimate). */
export const MAX_PREFETCHED_TILES = 64;

/**
 * OpenSeadragon's `minPixelRatio` (its default, kept by osdViewer.ts): it draws a level down to half
 * a screen px per level px, so it also wants the level up to twice as wide as the slide is shown.
 */
export const OSD_MIN_PIXEL_RATIO = 0.5;

/** A viewer's size in CSS px; `exact` when it is the laid-out viewer's, not a stand-in (the window). */
export interface ViewerSize {
  readonly width: number;
  readonly height: number;
  readonly exact?: boolean;
}

/**
 * The tiles of the home view in a viewer of `viewport` CSS px at `pixelRatio` device px per CSS
 * px: the levels no wider than the fitted slide on screen, coarsest first, none beyond
 * MAX_PREFETCHED_TILES. OpenSeadragon also wants the finer levels up to 1 / OSD_MIN_PIXEL_RATIO
 * times that width: taken too when the size is exact; for a stand-in size (larger than the viewer)
 * they are left to it, as the guess could then cost a level it never draws.
 */
export function homeViewTiles(slide: SlideItem, viewport: ViewerSize, pixelRatio: number): TileAddress[] {
  const full = slide.levels[0];
  if (!full || viewport.width <= 0 || viewport.height <= 0) return [];
  const fit = Math.min(viewport.width / full.width, viewport.height / full.height);
  const shownWidth = full.width * fit * pixelRatio;
  const widest = viewport.exact ? shownWidth / OSD_MIN_PIXEL_RATIO : shownWidth;
  const tiles: TileAddress[] = [];
  for (let level = slide.levels.length - 1; level >= 0; level -= 1) {
    const size = slide.levels[level];
    if (!size || (size.width > widest && level !== slide.levels.length - 1)) break;
    const [columns, rows] = tileGrid(slide, level);
    if (tiles.length + columns * rows > MAX_PREFETCHED_TILES) break;
    for (let y = 0; y < rows; y += 1) for (let x = 0; x < columns; x += 1) tiles.push({ level, x, y });
  }
  return tiles;
}

export interface PrefetchingLoader {
  readonly load: LoadTile;
  /**
   * Starts loading `tiles`; each result is handed to every `load` of that tile: the view's and
   * the navigator's (a second OpenSeadragon viewer with its own cache, which wants the coarsest
   * tiles too and fetched them again once the view's were in). At most MAX_PREFETCHED_TILES kept.
   */
  prefetch(tiles: readonly TileAddress[]): void;
}

export function withPrefetch(load: LoadTile): PrefetchingLoader {
  const early = new Map<string, Promise<Blob>>();
  const keyOf = (level: number, x: number, y: number) => `${level}/${x}/${y}`;
  return {
    load(level, x, y) {
      return early.get(keyOf(level, x, y)) ?? load(level, x, y);
    },
    prefetch(tiles) {
      for (const { level, x, y } of tiles) {
        const key = keyOf(level, x, y);
        if (early.has(key)) continue;
        const tile = load(level, x, y);
        tile.catch(() => early.delete(key)); // a failed guess is asked again when the viewer wants it
        early.set(key, tile);
      }
    },
  };
}
