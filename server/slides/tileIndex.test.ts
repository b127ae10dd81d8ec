import { describe, expect, it } from 'vitest';
import { servedLevels } from './dzFolder';
import { gridOf, TileIndex } from './tileIndex';

describe('TileIndex', () => {
  const grids = [gridOf(600, 300, 256), gridOf(300, 150, 256)];
  const spans = Array.from({ length: 3 * 2 + 2 }, (_, i) => ({ offset: i * 1000 + 2 ** 33, length: 100 + i }));

  it('finds each tile by level, column and row, and survives encoding (offsets past 4 GiB)', () => {
    const index = TileIndex.decode(TileIndex.fromSpans(grids, spans).encode());
    expect(index.grids).toEqual([
      { columns: 3, rows: 2 },
      { columns: 2, rows: 1 },
    ]);
    expect(index.find(0, 0, 0)).toEqual(spans[0]);
    expect(index.find(0, 2, 1)).toEqual(spans[5]);
    expect(index.find(1, 1, 0)).toEqual(spans[7]);
  });

  it('answers null outside the grid', () => {
    const index = TileIndex.fromSpans(grids, spans);
    for (const [level, x, y] of [
      [0, 3, 0],
      [0, 0, 2],
      [1, 0, 1],
      [2, 0, 0],
      [-1, 0, 0],
      [0, -1, 0],
      [0, 0.5, 0],
    ] as const) {
      expect(index.find(level, x, y), `${level}/${x}/${y}`).toBeNull();
    }
  });

  it('refuses bytes that are not a whole index', () => {
    const bytes = TileIndex.fromSpans(grids, spans).encode();
    expect(() => TileIndex.decode(bytes.subarray(0, bytes.length - 1))).toThrow('truncated');
    expect(() => TileIndex.decode(new Uint8Array(16))).toThrow('not a tile index');
  });
});

describe('servedLevels', () => {
  it('halves (rounding up) down to the first level that fits one tile', () => {
    expect(servedLevels(2220, 2967, 256).map((level) => [level.width, level.height, level.downsample])).toEqual([
      [2220, 2967, 1],
      [1110, 1484, 2],
      [555, 742, 4],
      [278, 371, 8],
      [139, 186, 16],
    ]);
    expect(servedLevels(200, 100, 256)).toEqual([{ width: 200, height: 100, downsample: 1 }]);
  });
});
