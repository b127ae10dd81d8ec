import { describe, expect, it } from 'vitest';
import type { Point } from '../annotation';
import { encodeRuns } from '../mask';
import { mulberry32 } from '../random';
import { capsuleBounds, huWithin, labelmapOf, paintCapsule, unionRect, type PixelRect } from './labelmap';

const SIZE = { width: 24, height: 16 };

/** The naive model: every pixel's centre tested against the segment, one by one. */
function naiveCapsule(labels: Uint8Array, a: Point, b: Point, radius: number, value: 0 | 1, accept: (i: number) => boolean): void {
  for (let row = 0; row < SIZE.height; row++) {
    for (let column = 0; column < SIZE.width; column++) {
      const [px, py] = [column + 0.5, row + 0.5];
      let best = Infinity;
      // Dense samples along the segment: a pixel within radius of one of them is inside (to 1e-2 px).
      for (let k = 0; k <= 1000; k++) {
        const t = k / 1000;
        best = Math.min(best, Math.hypot(px - (a[0] + t * (b[0] - a[0])), py - (a[1] + t * (b[1] - a[1]))));
      }
      const under = column === Math.floor(b[0]) && row === Math.floor(b[1]);
      const index = row * SIZE.width + column;
      if ((best <= radius || under) && accept(index)) labels[index] = value;
    }
  }
}

describe('paintCapsule', () => {
  it('paints a disc of pixel centres within the radius, and reports the pixels it changed', () => {
    const labels = labelmapOf(null, SIZE);
    // The 4 pixels around (10, 8), centres 0.71 px away, and the 8 whose centres lie 1.58 px away; not the corners (2.12 px).
    expect(paintCapsule(labels, SIZE, [10, 8], [10, 8], 1.6, 1)).toBe(12);
    expect(paintCapsule(labels, SIZE, [10, 8], [10, 8], 1.6, 1)).toBe(0);
    expect(labels.reduce((n, v) => n + v, 0)).toBe(12);
    expect(labels[7 * 24 + 9]).toBe(1);
    expect(labels[6 * 24 + 9]).toBe(1);
    expect(labels[6 * 24 + 8]).toBe(0);
  });

  it('always paints the pixel under the pointer, however small the tip, and stays inside the slice', () => {
    const labels = labelmapOf(null, SIZE);
    expect(paintCapsule(labels, SIZE, [3.9, 2.9], [3.9, 2.9], 0.1, 1)).toBe(1);
    expect(labels[2 * 24 + 3]).toBe(1);
    expect(paintCapsule(labels, SIZE, [-5, -5], [30, 20], 2, 1)).toBeGreaterThan(0);
    expect(labels).toHaveLength(24 * 16);
  });

  it('matches the naive model on random strokes, paint and erase, with and without an HU filter', () => {
    const random = mulberry32(12);
    const hu = Array.from({ length: SIZE.width * SIZE.height }, () => Math.round(random() * 200 - 50));
    for (let trial = 0; trial < 25; trial++) {
      const fast = labelmapOf(null, SIZE);
      const slow = labelmapOf(null, SIZE);
      for (let stroke = 0; stroke < 4; stroke++) {
        const a: Point = [random() * 28 - 2, random() * 20 - 2];
        const b: Point = random() < 0.3 ? a : [random() * 28 - 2, random() * 20 - 2];
        const radius = 0.3 + random() * 5;
        const value = random() < 0.7 ? 1 : 0;
        const filter = random() < 0.5 ? huWithin(hu, [50, 90]) : undefined;
        paintCapsule(fast, SIZE, a, b, radius, value, filter);
        naiveCapsule(slow, a, b, radius, value, filter ?? (() => true));
      }
      expect(encodeRuns(fast)).toEqual(encodeRuns(slow));
    }
  });
});

describe('capsuleBounds', () => {
  const inside = (rect: PixelRect | null, i: number) => {
    const [column, row] = [i % SIZE.width, Math.floor(i / SIZE.width)];
    return rect !== null && column >= rect.left && column <= rect.right && row >= rect.top && row <= rect.bottom;
  };

  it('holds every pixel paintCapsule changes, clipped to the slice; null off the slice', () => {
    const random = mulberry32(7);
    for (let trial = 0; trial < 50; trial++) {
      const labels = labelmapOf(null, SIZE);
      const a: Point = [random() * 32 - 4, random() * 24 - 4];
      const b: Point = [random() * 32 - 4, random() * 24 - 4];
      const radius = 0.3 + random() * 4;
      paintCapsule(labels, SIZE, a, b, radius, 1);
      const bounds = capsuleBounds(SIZE, a, b, radius);
      labels.forEach((value, i) => {
        if (value) expect(inside(bounds, i)).toBe(true);
      });
      if (bounds) expect(bounds.left >= 0 && bounds.top >= 0 && bounds.right < SIZE.width && bounds.bottom < SIZE.height).toBe(true);
    }
    expect(capsuleBounds(SIZE, [-20, 5], [-10, 5], 2)).toBeNull();
    expect(capsuleBounds(SIZE, [3.5, 4.5], [3.5, 4.5], 1)).toEqual({ left: 2, top: 3, right: 5, bottom: 6 });
  });

  it('unionRect spans both rectangles; null adds nothing', () => {
    const a = { left: 1, top: 2, right: 3, bottom: 4 };
    const b = { left: 0, top: 5, right: 2, bottom: 6 };
    expect(unionRect(a, b)).toEqual({ left: 0, top: 2, right: 3, bottom: 6 });
    expect(unionRect(null, b)).toBe(b);
    expect(unionRect(a, null)).toBe(a);
    expect(unionRect(null, null)).toBeNull();
  });
});

describe('huWithin', () => {
  it('passes values inside the range, ends included', () => {
    const filter = huWithin([49, 50, 70, 90, 91], [50, 90]);
    expect([0, 1, 2, 3, 4].map(filter)).toEqual([false, true, true, true, false]);
  });
});
