import { describe, expect, it } from 'vitest';
import { encodeRuns } from '../mask';
import { maskOverlap } from './maskOverlap';

/** The same overlap counted pixel by pixel, to check the run walk against. */
function bruteForce(a: Uint8Array, b: Uint8Array) {
  let intersection = 0;
  a.forEach((v, i) => { if (v && b[i]) intersection += 1; });
  return { intersection, sizeA: a.reduce((s, v) => s + v, 0), sizeB: b.reduce((s, v) => s + v, 0) };
}

describe('maskOverlap', () => {
  it('counts a hand-checked 4 × 3 case', () => {
    // a: 0000 / 0110 / 0000   b: 0000 / 0011 / 0010
    const a = Uint8Array.from([0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]);
    const b = Uint8Array.from([0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0]);
    expect(maskOverlap(encodeRuns(a), encodeRuns(b))).toEqual({ intersection: 1, sizeA: 2, sizeB: 3 });
  });

  it('matches a pixel count on varied masks, zero-length runs included', () => {
    for (let seed = 1; seed <= 20; seed += 1) {
      const a = Uint8Array.from({ length: 257 }, (_, i) => ((i * seed) % 7 < 3 ? 1 : 0));
      const b = Uint8Array.from({ length: 257 }, (_, i) => ((i + seed) % 5 < 2 ? 1 : 0));
      expect(maskOverlap(encodeRuns(a), encodeRuns(b))).toEqual(bruteForce(a, b));
    }
    expect(maskOverlap([0, 2, 0, 3, 1], [5, 1])).toEqual({ intersection: 0, sizeA: 5, sizeB: 1 });
  });

  it('handles empty masks and refuses masks of different images', () => {
    expect(maskOverlap([12], [12])).toEqual({ intersection: 0, sizeA: 0, sizeB: 0 });
    expect(() => maskOverlap([12], [10])).toThrow(/only masks of one image/);
  });

  it('costs O(runs): two 100-megapixel masks with few runs compare at once', () => {
    const size = 100_000_000;
    expect(maskOverlap([size / 2, 10, size / 2 - 10], [size / 2 + 5, 10, size / 2 - 15])).toEqual({ intersection: 5, sizeA: 10, sizeB: 10 });
  });
});
