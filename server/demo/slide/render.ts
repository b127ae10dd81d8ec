/**
 * Paints one tile of the demo slide from the layout and the nuclei, at any level: every level is
 * drawn from the same continuous picture, sampled at that level's pixel size, so a coarser tile
 * looks like the finer tiles under it, downsampled. Texture finer than two pixels of a level is
 * replaced by its mean, and nuclei smaller than a few pixels are spread as their area's worth of
 * colour, so nothing aliases when zoomed out.
 */
import { valueNoise } from './hash';
import { DEMO_SLIDE_HEIGHT, DEMO_SLIDE_TILE, DEMO_SLIDE_WIDTH, demoSlideContent, lesionAt, tissueDepth } from './layout';
import { CELLS_ACROSS, CELLS_DOWN, NUCLEUS_CELL, demoNuclei } from './nuclei';

export interface TilePixels {
  readonly width: number;
  readonly height: number;
  /** RGB, row by row. */
  readonly data: Uint8Array;
}

const LEVELS = demoSlideContent().levels.length;

type Rgb = readonly [number, number, number];

const GLASS: Rgb = [246, 244, 247];
const STROMA: Rgb = [235, 163, 196];
const LESION_STROMA: Rgb = [214, 148, 200];
const NUCLEUS: Rgb = [96, 58, 150];
const ATYPICAL_NUCLEUS: Rgb = [66, 32, 118];
/** Eosin fibres (fine) and staining variation (coarse), level-0 px. */
const TEXTURES = [
  { scale: 900, amount: 0.1, salt: 11 },
  { scale: 48, amount: 0.14, salt: 12 },
  { scale: 12, amount: 0.08, salt: 13 },
] as const;

/** Where tile (x, y) of `level` lies: its size (edge tiles cut to the slide) and its origin in level-0 px; RangeError outside the pyramid. */
export function demoTileBox(level: number, x: number, y: number): { width: number; height: number; originX: number; originY: number; scale: number } {
  const scale = 2 ** level;
  const width = Math.min(DEMO_SLIDE_TILE, Math.ceil(DEMO_SLIDE_WIDTH / scale) - x * DEMO_SLIDE_TILE);
  const height = Math.min(DEMO_SLIDE_TILE, Math.ceil(DEMO_SLIDE_HEIGHT / scale) - y * DEMO_SLIDE_TILE);
  if (![level, x, y].every(Number.isInteger) || level < 0 || level >= LEVELS || width <= 0 || height <= 0 || x < 0 || y < 0) {
    throw new RangeError(`no tile ${x}, ${y} at level ${level} of the demo slide`);
  }
  return { width, height, originX: x * DEMO_SLIDE_TILE * scale, originY: y * DEMO_SLIDE_TILE * scale, scale };
}

/** Tile (x, y) of level `level` (downsample 2^level). */
export function paintDemoTile(level: number, x: number, y: number): TilePixels {
  const { width, height, originX, originY, scale } = demoTileBox(level, x, y);
  const data = new Uint8Array(width * height * 3);
  paintBackground(data, width, height, originX, originY, scale);
  paintNuclei(data, width, height, originX, originY, scale);
  return { width, height, data };
}

function paintBackground(data: Uint8Array, width: number, height: number, originX: number, originY: number, scale: number): void {
  for (let j = 0; j < height; j += 1) {
    const py = originY + (j + 0.5) * scale;
    for (let i = 0; i < width; i += 1) {
      const px = originX + (i + 0.5) * scale;
      const depth = tissueDepth(px, py);
      const tissue = Math.min(1, Math.max(0, depth / scale + 0.5));
      let colour = GLASS;
      let shade = 1;
      if (tissue > 0) {
        colour = depth > 0 && lesionAt(px, py) ? LESION_STROMA : STROMA;
        for (const t of TEXTURES) {
          // Below two pixels a texture is its mean (0.5): drawn coarser it would alias.
          const n = t.scale >= 2 * scale ? valueNoise(px, py, t.scale, t.salt) : 0.5;
          shade += t.amount * (n - 0.5) * 2;
        }
      }
      const at = (j * width + i) * 3;
      for (let c = 0; c < 3; c += 1) data[at + c] = clamp(GLASS[c]! * (1 - tissue) + colour[c]! * shade * tissue);
    }
  }
}

/** Nuclei of the cells the tile covers, each drawn as its outline (the layer's polygon). */
function paintNuclei(data: Uint8Array, width: number, height: number, originX: number, originY: number, scale: number): void {
  const { polygons, byCell } = demoNuclei();
  const { coords, starts, classIndex } = polygons;
  const cx0 = Math.floor(originX / NUCLEUS_CELL);
  const cy0 = Math.floor(originY / NUCLEUS_CELL);
  const cx1 = Math.min(CELLS_ACROSS - 1, Math.floor((originX + width * scale) / NUCLEUS_CELL));
  const cy1 = Math.min(CELLS_DOWN - 1, Math.floor((originY + height * scale) / NUCLEUS_CELL));
  for (let cy = cy0; cy <= cy1; cy += 1) {
    for (let cx = cx0; cx <= cx1; cx += 1) {
      const n = byCell[cy * CELLS_ACROSS + cx]!;
      if (n < 0) continue;
      const first = starts[n]!;
      const count = starts[n + 1]! - first;
      // The ring in this tile's pixel units.
      const ring = new Float64Array(2 * count);
      for (let v = 0; v < count; v += 1) {
        ring[2 * v] = (coords[2 * (first + v)]! - originX) / scale;
        ring[2 * v + 1] = (coords[2 * (first + v) + 1]! - originY) / scale;
      }
      const colour = classIndex[n] === 1 ? ATYPICAL_NUCLEUS : NUCLEUS;
      fillRing(data, width, height, ring, colour);
    }
  }
}

/** Samples per pixel side when a nucleus is drawn as a polygon. */
const SUBSAMPLES = 3;

function fillRing(data: Uint8Array, width: number, height: number, ring: Float64Array, colour: Rgb): void {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let v = 0; v < ring.length; v += 2) {
    minX = Math.min(minX, ring[v]!);
    maxX = Math.max(maxX, ring[v]!);
    minY = Math.min(minY, ring[v + 1]!);
    maxY = Math.max(maxY, ring[v + 1]!);
  }
  if (maxX < 0 || maxY < 0 || minX >= width || minY >= height) return;
  if (Math.max(maxX - minX, maxY - minY) < 3) {
    spreadArea(data, width, height, ring, colour);
    return;
  }
  for (let j = Math.max(0, Math.floor(minY)); j <= Math.min(height - 1, Math.floor(maxY)); j += 1) {
    for (let i = Math.max(0, Math.floor(minX)); i <= Math.min(width - 1, Math.floor(maxX)); i += 1) {
      let hits = 0;
      for (let sy = 0; sy < SUBSAMPLES; sy += 1) {
        for (let sx = 0; sx < SUBSAMPLES; sx += 1) {
          if (inside(ring, i + (sx + 0.5) / SUBSAMPLES, j + (sy + 0.5) / SUBSAMPLES)) hits += 1;
        }
      }
      if (hits > 0) blend(data, (j * width + i) * 3, colour, hits / (SUBSAMPLES * SUBSAMPLES));
    }
  }
}

/** A nucleus under three pixels across: its area, in pixels, spread bilinearly around its centre. */
function spreadArea(data: Uint8Array, width: number, height: number, ring: Float64Array, colour: Rgb): void {
  let area = 0;
  let sumX = 0;
  let sumY = 0;
  const count = ring.length / 2;
  for (let v = 0; v < count; v += 1) {
    const w = (v + 1) % count;
    area += ring[2 * v]! * ring[2 * w + 1]! - ring[2 * w]! * ring[2 * v + 1]!;
    sumX += ring[2 * v]!;
    sumY += ring[2 * v + 1]!;
  }
  area = Math.abs(area) / 2;
  const fx = sumX / count - 0.5;
  const fy = sumY / count - 0.5;
  const i0 = Math.floor(fx);
  const j0 = Math.floor(fy);
  for (const [i, j, weight] of [
    [i0, j0, (1 - (fx - i0)) * (1 - (fy - j0))],
    [i0 + 1, j0, (fx - i0) * (1 - (fy - j0))],
    [i0, j0 + 1, (1 - (fx - i0)) * (fy - j0)],
    [i0 + 1, j0 + 1, (fx - i0) * (fy - j0)],
  ] as const) {
    if (i >= 0 && j >= 0 && i < width && j < height) blend(data, (j * width + i) * 3, colour, Math.min(1, area * weight));
  }
}

function inside(ring: Float64Array, x: number, y: number): boolean {
  let result = false;
  const count = ring.length / 2;
  for (let i = 0, j = count - 1; i < count; j = i, i += 1) {
    const xi = ring[2 * i]!;
    const yi = ring[2 * i + 1]!;
    const xj = ring[2 * j]!;
    const yj = ring[2 * j + 1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) result = !result;
  }
  return result;
}

function blend(data: Uint8Array, at: number, colour: Rgb, coverage: number): void {
  for (let c = 0; c < 3; c += 1) data[at + c] = clamp(data[at + c]! * (1 - coverage) + colour[c]! * coverage);
}

function clamp(value: number): number {
  return Math.min(255, Math.max(0, Math.round(value)));
}
