import { describe, expect, it } from 'vitest';
import { cropTopLeft, halve, type RgbPixels } from './tilePixels';

/** A grey tile whose every sample is `value`. */
const grey = (width: number, height: number, value: number): RgbPixels => ({ width, height, data: new Uint8Array(width * height * 3).fill(value) });

describe('halve', () => {
  it('averages 2 × 2 pixels across the four tiles in their places', () => {
    const half = halve([grey(4, 4, 0), grey(4, 4, 100), grey(4, 4, 200), grey(4, 4, 40)]);
    expect([half.width, half.height]).toEqual([4, 4]);
    const at = (x: number, y: number) => half.data[(y * 4 + x) * 3];
    expect([at(0, 0), at(3, 0), at(0, 3), at(3, 3)]).toEqual([0, 100, 200, 40]);
  });

  it('rounds an odd edge up, averaging the last column with itself', () => {
    const left = grey(4, 3, 10);
    const right: RgbPixels = { width: 1, height: 3, data: new Uint8Array(9).fill(50) };
    const half = halve([left, right, null, null]);
    expect([half.width, half.height]).toEqual([3, 2]);
    expect(half.data[(0 * 3 + 2) * 3]).toBe(50);
    expect(half.data[(1 * 3 + 0) * 3]).toBe(10);
  });
});

describe('cropTopLeft', () => {
  it('keeps the top-left rows and columns of a padded tile', () => {
    const tile: RgbPixels = { width: 3, height: 2, data: Uint8Array.from({ length: 18 }, (_, i) => i) };
    expect(Array.from(cropTopLeft(tile, 2, 1).data)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(cropTopLeft(tile, 3, 2)).toBe(tile);
    expect(() => cropTopLeft(tile, 4, 2)).toThrow(/cannot cover/);
  });
});
