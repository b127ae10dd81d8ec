import { describe, expect, it } from 'vitest';
import { encodeRuns } from '../mask';
import { mulberry32 } from '../random';
import { interpolateBetween, interpolateGaps, signedDistance, squaredDistanceTo } from './interpolate';
import { labelmapOf, paintCapsule } from './labelmap';

const SIZE = { width: 40, height: 40 };

function disc(cx: number, cy: number, radius: number): Uint8Array {
  const labels = labelmapOf(null, SIZE);
  paintCapsule(labels, SIZE, [cx, cy], [cx, cy], radius, 1);
  return labels;
}

const area = (labels: Uint8Array) => labels.reduce((n, v) => n + v, 0);

describe('squaredDistanceTo', () => {
  it('is the exact squared Euclidean distance to the nearest feature pixel (brute force on random maps)', () => {
    const random = mulberry32(5);
    const size = { width: 13, height: 9 };
    for (let trial = 0; trial < 20; trial++) {
      const labels = Uint8Array.from({ length: 13 * 9 }, () => (random() < 0.1 ? 1 : 0));
      labels[trial] = 1;
      const fast = squaredDistanceTo(labels, size, 1);
      for (let i = 0; i < labels.length; i++) {
        let best = Infinity;
        for (let j = 0; j < labels.length; j++) if (labels[j]) best = Math.min(best, (i % 13 - (j % 13)) ** 2 + (Math.floor(i / 13) - Math.floor(j / 13)) ** 2);
        expect(fast[i]).toBe(best);
      }
    }
  });
});

describe('signedDistance', () => {
  it('is negative inside, positive outside, ±½ at the pixels either side of the boundary', () => {
    const sd = signedDistance(disc(20, 20, 5), SIZE);
    expect(sd[20 * 40 + 20]).toBeLessThan(-3.5);
    expect(sd[0]).toBeGreaterThan(20);
    expect(sd[19 * 40 + 24]).toBe(-0.5);
    expect(sd[19 * 40 + 25]).toBe(0.5);
  });
});

describe('interpolateBetween', () => {
  it('keeps a shape that does not change, and grows a disc smoothly to a larger one', () => {
    const small = disc(20, 20, 4);
    const large = disc(20, 20, 10);
    for (const labels of interpolateBetween(small, small, SIZE, 3)) expect(encodeRuns(labels)).toEqual(encodeRuns(small));
    const [a, b, c] = interpolateBetween(small, large, SIZE, 3);
    expect(area(small)).toBeLessThan(area(a!));
    expect(area(a!)).toBeLessThan(area(b!));
    expect(area(b!)).toBeLessThan(area(c!));
    expect(area(c!)).toBeLessThan(area(large));
    // Halfway: a disc of radius 7 within a pixel's ring.
    expect(Math.abs(area(b!) - Math.PI * 49)).toBeLessThan(2 * Math.PI * 7);
  });

  it('moves a disc halfway between two overlapping positions', () => {
    const [middle] = interpolateBetween(disc(16, 20, 6), disc(24, 20, 6), SIZE, 1);
    expect(middle![20 * 40 + 20]).toBe(1);
    expect(middle![20 * 40 + 12]).toBe(0);
    expect(middle![20 * 40 + 28]).toBe(0);
    expect(Math.abs(area(middle!) - area(disc(20, 20, 6)))).toBeLessThan(2 * Math.PI * 6);
  });
});

describe('interpolateGaps', () => {
  it('fills only the empty slices between outlined ones', () => {
    const filled = interpolateGaps(new Map([[1, disc(20, 20, 4)], [2, disc(20, 20, 5)], [5, disc(20, 20, 8)], [9, disc(20, 20, 3)]]), SIZE);
    expect([...filled.keys()].sort((a, b) => a - b)).toEqual([3, 4, 6, 7, 8]);
    expect(area(filled.get(3)!)).toBeGreaterThan(area(disc(20, 20, 5)));
    expect(interpolateGaps(new Map([[4, disc(20, 20, 4)]]), SIZE).size).toBe(0);
  });
});
