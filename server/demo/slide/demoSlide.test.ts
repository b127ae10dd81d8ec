import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DEMO_LESIONS, DEMO_SLIDE_TILE, DEMO_SLIDE_VERSION, demoSlideContent, insideRing, lesionAt, tissueDepth } from './layout';
import { demoNuclei } from './nuclei';
import { paintDemoTile, type TilePixels } from './render';
import { DemoPaintPool } from './paintPool';
import { DemoSlideTiles } from './tiles';

/** 2 × 2 box average of four tiles of one level (full tiles), as the next coarser tile. */
function halveQuad(tiles: readonly TilePixels[]): Uint8Array {
  const size = DEMO_SLIDE_TILE;
  const out = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const tile = tiles[(y >= size / 2 ? 2 : 0) + (x >= size / 2 ? 1 : 0)]!;
      const tx = (2 * x) % size;
      const ty = (2 * y) % size;
      for (let c = 0; c < 3; c += 1) {
        const at = (yy: number, xx: number) => tile.data[(yy * size + xx) * 3 + c]!;
        out[(y * size + x) * 3 + c] = Math.round((at(ty, tx) + at(ty, tx + 1) + at(ty + 1, tx) + at(ty + 1, tx + 1)) / 4);
      }
    }
  }
  return out;
}

function meanDifference(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

describe('demo slide layout', () => {
  it('is a pyramid of at least 50,000 × 40,000 px down to one tile', () => {
    const content = demoSlideContent();
    const [base] = content.levels;
    expect(base!.width).toBeGreaterThanOrEqual(50_000);
    expect(base!.height).toBeGreaterThanOrEqual(40_000);
    content.levels.forEach((level, k) => {
      expect(level.downsample).toBe(2 ** k);
      expect(level.width).toBe(Math.ceil(base!.width / 2 ** k));
    });
    const top = content.levels.at(-1)!;
    expect(Math.max(top.width, top.height)).toBeLessThanOrEqual(content.tileSize);
    expect(content.levels.at(-2)!.width).toBeGreaterThan(content.tileSize);
    expect(content).toMatchObject({ kind: 'slide', tileFormat: 'jpeg', micronsPerPixel: [0.5, 0.5], objectivePower: 20 });
  });

  it('keeps every lesion of the ground truth well inside the tissue, apart from each other', () => {
    expect(DEMO_LESIONS.map((l) => l.classCode).sort()).toEqual(['lesion.adenoma', 'lesion.carcinoma', 'lesion.carcinoma']);
    for (const lesion of DEMO_LESIONS) {
      for (const [x, y] of lesion.ring) expect(tissueDepth(x, y), `${lesion.id} at ${x}, ${y}`).toBeGreaterThan(300);
      for (const other of DEMO_LESIONS) {
        if (other !== lesion) for (const [x, y] of lesion.ring) expect(insideRing(other.ring, x, y)).toBe(false);
      }
    }
    expect(tissueDepth(100, 100)).toBeLessThan(0);
  });
});

describe('demo slide nuclei', () => {
  const { polygons } = demoNuclei();

  it('number about 100,000 outlines of 8 to 12 vertices inside the tissue, a minority of them atypical', () => {
    const count = polygons.classIndex.length;
    expect(count).toBeGreaterThan(90_000);
    expect(count).toBeLessThan(115_000);
    for (let n = 0; n < count; n += 997) {
      const vertices = polygons.starts[n + 1]! - polygons.starts[n]!;
      expect(vertices).toBeGreaterThanOrEqual(8);
      expect(vertices).toBeLessThanOrEqual(12);
      const x = polygons.coords[2 * polygons.starts[n]!]!;
      const y = polygons.coords[2 * polygons.starts[n]! + 1]!;
      expect(tissueDepth(x, y)).toBeGreaterThan(0);
    }
    const atypical = polygons.classIndex.reduce((sum, c) => sum + c, 0);
    expect(atypical).toBeGreaterThan(5_000);
    expect(atypical).toBeLessThan(count / 3);
  });

  it('are painted where their outlines are', () => {
    let checked = 0;
    for (let n = 0; n < polygons.classIndex.length && checked < 12; n += 8_101) {
      const first = polygons.starts[n]!;
      const count = polygons.starts[n + 1]! - first;
      let cx = 0;
      let cy = 0;
      for (let v = 0; v < count; v += 1) {
        cx += polygons.coords[2 * (first + v)]! / count;
        cy += polygons.coords[2 * (first + v) + 1]! / count;
      }
      const tx = Math.floor(cx / DEMO_SLIDE_TILE);
      const ty = Math.floor(cy / DEMO_SLIDE_TILE);
      const tile = paintDemoTile(0, tx, ty);
      const at = ((Math.floor(cy) - ty * DEMO_SLIDE_TILE) * tile.width + (Math.floor(cx) - tx * DEMO_SLIDE_TILE)) * 3;
      // Haematoxylin purple: red well below the eosin pink (>= 190) around it.
      expect(tile.data[at]!, `nucleus ${n}`).toBeLessThan(120);
      checked += 1;
    }
    expect(checked).toBe(12);
  });
});

describe('demo slide tiles', () => {
  it('draws each coarser level as the finer one downsampled', () => {
    const carcinoma = DEMO_LESIONS[0]!.ring[0]!;
    for (const level of [1, 4, 7]) {
      const scale = 2 ** level;
      const x = Math.floor(carcinoma[0] / (DEMO_SLIDE_TILE * scale));
      const y = Math.floor(carcinoma[1] / (DEMO_SLIDE_TILE * scale));
      const coarse = paintDemoTile(level, x, y);
      const finer = [0, 1, 2, 3].map((i) => paintDemoTile(level - 1, 2 * x + (i % 2), 2 * y + (i >> 1)));
      expect(meanDifference(coarse.data, halveQuad(finer)), `level ${level}`).toBeLessThan(4);
      // The same four tiles in the wrong places differ by far more: the comparison can fail.
      const shuffled = [3, 2, 1, 0].map((i) => finer[i]!);
      expect(meanDifference(coarse.data, halveQuad(shuffled)), `level ${level} shuffled`).toBeGreaterThan(12);
    }
  });

  it('renders the same JPEG for the same tile every time, of the level-cut size', async () => {
    const content = demoSlideContent();
    const top = content.levels.length - 1;
    const first = new DemoSlideTiles();
    const second = new DemoSlideTiles();
    for (const [level, x, y] of [[top, 0, 0], [3, 10, 7], [0, 110, 52]] as const) {
      const a = await first.renderDemoTile(level, x, y);
      const b = await second.renderDemoTile(level, x, y);
      expect(Buffer.compare(a, b), `${level}/${x}/${y}`).toBe(0);
      expect(await first.renderDemoTile(level, x, y)).toBe(a);
    }
    const meta = await sharp(await first.renderDemoTile(top, 0, 0)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', content.levels[top]!.width, content.levels[top]!.height]);
    await expect(first.renderDemoTile(0, 200, 0)).rejects.toThrow(RangeError);
    await expect(first.renderDemoTile(top + 1, 0, 0)).rejects.toThrow(RangeError);
  });

  it('paints the same tiles on painter threads as on the server thread', async () => {
    const pool = new DemoPaintPool(2);
    try {
      const onThreads = new DemoSlideTiles({ paint: (level, x, y) => pool.paint(level, x, y) });
      const here = new DemoSlideTiles();
      const tiles = [[6, 3, 2], [2, 40, 20]] as const;
      const painted = await Promise.all(tiles.map(([level, x, y]) => onThreads.renderDemoTile(level, x, y)));
      for (const [i, [level, x, y]] of tiles.entries()) expect(Buffer.compare(painted[i]!, await here.renderDemoTile(level, x, y))).toBe(0);
      await expect(onThreads.renderDemoTile(0, -1, 0)).rejects.toThrow(RangeError);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('keeps painted tiles on disk for the next process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mj-demo-tiles-'));
    const bytes = await new DemoSlideTiles({ diskCacheDir: dir }).renderDemoTile(5, 3, 2);
    expect(existsSync(join(dir, `v${DEMO_SLIDE_VERSION}`, '5', '3_2.jpg'))).toBe(true);
    expect(Buffer.compare(await new DemoSlideTiles({ diskCacheDir: dir }).renderDemoTile(5, 3, 2), bytes)).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });

  it('paints lesions with denser, darker nuclei than the stroma around them', () => {
    const darkShare = (tile: TilePixels) => {
      let dark = 0;
      for (let i = 0; i < tile.data.length; i += 3) if (tile.data[i]! < 110) dark += 1;
      return dark / (tile.width * tile.height);
    };
    const inLesion = paintDemoTile(0, Math.floor(28_000 / DEMO_SLIDE_TILE), Math.floor(14_200 / DEMO_SLIDE_TILE));
    const inStroma = paintDemoTile(0, Math.floor(33_500 / DEMO_SLIDE_TILE), Math.floor(12_900 / DEMO_SLIDE_TILE));
    expect(lesionAt(28_000, 14_200)?.classCode).toBe('lesion.carcinoma');
    expect(lesionAt(33_500, 12_900)).toBeNull();
    expect(tissueDepth(33_500, 12_900)).toBeGreaterThan(500);
    expect(darkShare(inLesion)).toBeGreaterThan(2 * darkShare(inStroma));
    expect(darkShare(inStroma)).toBeGreaterThan(0.01);
  });
});
