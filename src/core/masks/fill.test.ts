import { describe, expect, it } from 'vitest';
import type { Point } from '../annotation';
import { encodeRuns } from '../mask';
import { mulberry32 } from '../random';
import { fillPolygon, floodFill } from './fill';
import { huWithin, labelmapOf } from './labelmap';

const SIZE = { width: 20, height: 14 };

/** Even–odd point-in-polygon by ray casting: the naive model of the scanline fill. */
function inside(points: readonly Point[], x: number, y: number): boolean {
  let odd = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i]!;
    const [xj, yj] = points[j]!;
    if (yi <= y !== yj <= y && x < xi + ((y - yi) / (yj - yi)) * (xj - xi)) odd = !odd;
  }
  return odd;
}

describe('fillPolygon', () => {
  it('fills the pixels whose centres lie inside a rectangle', () => {
    const labels = labelmapOf(null, SIZE);
    expect(fillPolygon(labels, SIZE, [[2, 3], [6, 3], [6, 5], [2, 5]], 1)).toBe(8);
    expect(labels[3 * 20 + 2]).toBe(1);
    expect(labels[4 * 20 + 5]).toBe(1);
    expect(labels[5 * 20 + 2]).toBe(0);
    expect(fillPolygon(labels, SIZE, [[3, 3], [5, 3], [5, 5], [3, 5]], 0)).toBe(4);
  });

  it('matches ray casting at every pixel centre for random polygons, crossing ones included', () => {
    const random = mulberry32(7);
    for (let trial = 0; trial < 200; trial++) {
      const n = 3 + Math.floor(random() * 6);
      const points: Point[] = Array.from({ length: n }, () => [random() * 24 - 2, random() * 18 - 2] as const);
      const fast = labelmapOf(null, SIZE);
      fillPolygon(fast, SIZE, points, 1);
      const slow = new Uint8Array(SIZE.width * SIZE.height);
      for (let r = 0; r < SIZE.height; r++) for (let c = 0; c < SIZE.width; c++) slow[r * SIZE.width + c] = inside(points, c + 0.5, r + 0.5) ? 1 : 0;
      expect(encodeRuns(fast)).toEqual(encodeRuns(slow));
    }
  });

  it('fills nothing for fewer than three vertices', () => {
    expect(fillPolygon(labelmapOf(null, SIZE), SIZE, [[1, 1], [5, 5]], 1)).toBe(0);
  });
});

describe('floodFill', () => {
  /** The naive model: repeat "grow by one 4-neighbour" until nothing changes. */
  function naiveFlood(accept: (i: number) => boolean, seed: number): Uint8Array {
    const region = new Uint8Array(SIZE.width * SIZE.height);
    if (!accept(seed)) return region;
    region[seed] = 1;
    for (let grew = true; grew; ) {
      grew = false;
      for (let i = 0; i < region.length; i++) {
        if (region[i] || !accept(i)) continue;
        const x = i % SIZE.width;
        const near = (x > 0 && region[i - 1]) || (x < SIZE.width - 1 && region[i + 1]) || region[i - SIZE.width] || region[i + SIZE.width];
        if (near) {
          region[i] = 1;
          grew = true;
        }
      }
    }
    return region;
  }

  it('grows through 4-connected pixels of the HU range only, never diagonally', () => {
    // A 60 HU blob at the top left, a diagonal neighbour at (2, 2), bone elsewhere.
    const hu = new Array<number>(SIZE.width * SIZE.height).fill(1000);
    for (const i of [0, 1, 20, 21, 42]) hu[i] = 60;
    const labels = labelmapOf(null, SIZE);
    expect(floodFill(labels, SIZE, [0.5, 0.5], huWithin(hu, [50, 90]), 1)).toBe(4);
    expect(labels[42]).toBe(0);
    expect(floodFill(labels, SIZE, [5.5, 5.5], huWithin(hu, [50, 90]), 1)).toBe(0);
    expect(floodFill(labels, SIZE, [-1, 0], huWithin(hu, [50, 90]), 1)).toBe(0);
  });

  it('matches the naive model on random HU fields', () => {
    const random = mulberry32(3);
    for (let trial = 0; trial < 40; trial++) {
      const hu = Array.from({ length: SIZE.width * SIZE.height }, () => (random() < 0.6 ? 70 : 10));
      const accept = huWithin(hu, [50, 90]);
      const seed: Point = [random() * SIZE.width, random() * SIZE.height];
      const labels = labelmapOf(null, SIZE);
      floodFill(labels, SIZE, seed, accept, 1);
      expect(encodeRuns(labels)).toEqual(encodeRuns(naiveFlood(accept, Math.floor(seed[1]) * SIZE.width + Math.floor(seed[0]))));
    }
  });
});
