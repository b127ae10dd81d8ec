import { describe, expect, it } from 'vitest';
import type { PolygonRings } from '../annotation';
import { SLIVER_OF_LARGEST, withoutSlivers } from './slivers';

/** A w × h rectangle (area w·h px²) at x. */
const box = (x: number, w: number, h: number): PolygonRings => ({ points: [[x, 0], [x + w, 0], [x + w, h], [x, h]] });

describe('withoutSlivers', () => {
  it('drops a part under 1 % of the largest and keeps a real second part, in their order', () => {
    const sliver = box(0, 1, 90); // 90 px²: 0.9 % of the largest
    const largest = box(10, 100, 100);
    const second = box(200, 50, 60); // 30 %
    expect(withoutSlivers([sliver, largest, second], { ofLargest: SLIVER_OF_LARGEST, minArea: 0 })).toEqual([largest, second]);
    expect(withoutSlivers([box(0, 1, 100), largest], { ofLargest: SLIVER_OF_LARGEST, minArea: 0 })).toEqual([box(0, 1, 100), largest]);
  });

  it('drops a part under the area floor even when it is a fair share of the largest, and keeps the largest whatever its size', () => {
    const largest = box(0, 10, 10);
    const small = box(20, 5, 5); // 25 % of the largest, 25 px²
    expect(withoutSlivers([largest, small], { ofLargest: SLIVER_OF_LARGEST, minArea: 30 })).toEqual([largest]);
    expect(withoutSlivers([largest, small], { ofLargest: SLIVER_OF_LARGEST, minArea: 20 })).toEqual([largest, small]);
    expect(withoutSlivers([small], { ofLargest: SLIVER_OF_LARGEST, minArea: 1000 })).toEqual([small]);
  });

  it('measures a part without its holes: a ring around a large hole can be the sliver', () => {
    const ring: PolygonRings = { ...box(0, 100, 100), holes: [[[1, 1], [99, 1], [99, 99], [1, 99]]] }; // 396 px² left
    const solid = box(200, 60, 60); // 3600 px²
    expect(withoutSlivers([ring, solid], { ofLargest: 0.2, minArea: 0 })).toEqual([solid]);
  });
});
