import { describe, expect, it } from 'vitest';
import type { SlideItem } from '../../core/item';
import { homeViewTiles, MAX_PREFETCHED_TILES, withPrefetch } from './tilePrefetch';

/** CMU-1-Small-Region's served pyramid: 2220 × 2967 px, five levels of 256 px tiles. */
const slide: SlideItem = {
  kind: 'slide',
  tileSize: 256,
  tileFormat: 'jpeg',
  tileVersion: '0123456789abcdef',
  levels: [0, 1, 2, 3, 4].map((k) => ({ width: Math.ceil(2220 / 2 ** k), height: Math.ceil(2967 / 2 ** k), downsample: 2 ** k })),
  micronsPerPixel: [0.499, 0.499],
  objectivePower: 20,
  scanner: null,
};

describe('homeViewTiles', () => {
  it('takes every level from the coarsest up to the one as wide as the fitted slide, coarsest first', () => {
    // A 1280 × 860 window: fitted by height, the slide shows 643 px wide; level 2 is 555 px, level 1 1110.
    const tiles = homeViewTiles(slide, { width: 1280, height: 860 }, 1);
    expect([...new Set(tiles.map((t) => t.level))]).toEqual([4, 3, 2]);
    expect(tiles.filter((t) => t.level === 2)).toHaveLength(9);
    expect(tiles[0]).toEqual({ level: 4, x: 0, y: 0 });
  });

  it("for the laid-out viewer's exact size, also takes the levels OpenSeadragon draws down to half a screen px per px", () => {
    // The 1028 × 704 stage of a 1280 × 860 window: the slide shows 526 px wide; level 2 (555 px) is
    // within twice that, level 1 (1110 px) is not. As a stand-in size it would stop before level 2.
    const exact = homeViewTiles(slide, { width: 1028, height: 704, exact: true }, 1);
    expect([...new Set(exact.map((t) => t.level))]).toEqual([4, 3, 2]);
    expect([...new Set(homeViewTiles(slide, { width: 1028, height: 704 }, 1).map((t) => t.level))]).toEqual([4, 3]);
  });

  it('goes one level finer on a screen with two device px per CSS px', () => {
    const levels = new Set(homeViewTiles(slide, { width: 1280, height: 860 }, 2).map((t) => t.level));
    expect([...levels]).toEqual([4, 3, 2, 1]);
  });

  it('keeps the coarsest level for a tiny viewer, and stops before the guess grows too large', () => {
    expect(homeViewTiles(slide, { width: 10, height: 10 }, 1)).toEqual([{ level: 4, x: 0, y: 0 }]);
    const huge = homeViewTiles(slide, { width: 100_000, height: 100_000 }, 1);
    expect(huge.length).toBeLessThanOrEqual(MAX_PREFETCHED_TILES);
    expect(new Set(huge.map((t) => t.level)).has(0)).toBe(false);
    expect(homeViewTiles(slide, { width: 0, height: 500 }, 1)).toEqual([]);
  });
});

describe('withPrefetch', () => {
  it('hands a prefetched tile to every load of it (view and navigator), and loads the rest as asked', async () => {
    const asked: string[] = [];
    const loader = withPrefetch(async (level, x, y) => {
      asked.push(`${level}/${x}/${y}`);
      return new Blob([`${level}/${x}/${y}`]);
    });
    loader.prefetch([{ level: 4, x: 0, y: 0 }, { level: 4, x: 0, y: 0 }]);
    expect(asked).toEqual(['4/0/0']);
    expect(await (await loader.load(4, 0, 0)).text()).toBe('4/0/0');
    expect(await (await loader.load(4, 0, 0)).text()).toBe('4/0/0');
    await loader.load(3, 1, 0);
    await loader.load(3, 1, 0);
    expect(asked).toEqual(['4/0/0', '3/1/0', '3/1/0']);
  });

  it('forgets a prefetch that failed, so the viewer asks again', async () => {
    let fail = true;
    const loader = withPrefetch(async () => {
      if (fail) throw new Error('offline');
      return new Blob(['tile']);
    });
    loader.prefetch([{ level: 0, x: 0, y: 0 }]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    fail = false;
    expect(await (await loader.load(0, 0, 0)).text()).toBe('tile');
  });
});
