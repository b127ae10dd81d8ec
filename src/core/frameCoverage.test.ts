import { describe, expect, it } from 'vitest';
import { FrameCoverage } from './frameCoverage';
import { mulberry32 } from './random';

describe('FrameCoverage', () => {
  it('counts positions covered by overlapping intervals once, and forgets an interval removed as added', () => {
    const coverage = new FrameCoverage(10);
    coverage.change(2, 5, 1);
    coverage.change(4, 8, 1);
    expect(coverage.total).toBe(7);
    coverage.change(2, 5, -1);
    expect(coverage.total).toBe(5);
    expect([3, 4, 8, 9].map((p) => coverage.covers(p))).toEqual([false, true, true, false]);
  });

  it('matches a count per position through random adds and removes', () => {
    const random = mulberry32(3);
    const size = 37;
    const coverage = new FrameCoverage(size);
    const counts = new Array<number>(size).fill(0);
    const live: [number, number][] = [];
    for (let step = 0; step < 500; step += 1) {
      if (live.length > 0 && random() < 0.45) {
        const [first, last] = live.splice(Math.floor(random() * live.length), 1)[0]!;
        coverage.change(first, last, -1);
        for (let p = first; p <= last; p += 1) counts[p]! -= 1;
      } else {
        const first = Math.floor(random() * size);
        const last = Math.min(size - 1, first + Math.floor(random() * 9));
        live.push([first, last]);
        coverage.change(first, last, 1);
        for (let p = first; p <= last; p += 1) counts[p]! += 1;
      }
      expect(coverage.total).toBe(counts.filter((c) => c > 0).length);
      for (let p = 0; p < size; p += 1) expect(coverage.covers(p)).toBe(counts[p]! > 0);
    }
  });
});
