import { describe, expect, it } from 'vitest';
import { maskOf } from '../../testing/masks';
import { labelComponents } from './components';

describe('labelComponents', () => {
  it('numbers separate blobs in raster order with their area and bounds', () => {
    const { mask, width, height } = maskOf(['##...', '##..#', '....#', '.#...']);
    const { count, stats, labels } = labelComponents(mask, width, height, 8);
    expect(count).toBe(3);
    expect(stats).toEqual([
      { area: 4, minX: 0, minY: 0, maxX: 2, maxY: 2 },
      { area: 2, minX: 4, minY: 1, maxX: 5, maxY: 3 },
      { area: 1, minX: 1, minY: 3, maxX: 2, maxY: 4 },
    ]);
    expect(Array.from(labels.slice(0, 5))).toEqual([1, 1, 0, 0, 0]);
  });

  it('joins pixels that touch only at a corner (8-connectivity), even when the join is found late', () => {
    // A "U" whose arms meet only at the bottom, and a diagonal staircase.
    const { mask, width, height } = maskOf(['#.#..#', '#.#.#.', '.#..#.', '...#..']);
    const { count, stats } = labelComponents(mask, width, height, 8);
    expect(count).toBe(2);
    expect(stats.map((s) => s.area)).toEqual([5, 4]);
  });

  it('keeps pixels that touch only at a corner apart when 4-connected, and joins a U found late', () => {
    const { mask, width, height } = maskOf(['#.#.', '#.#.', '###.', '...#']);
    const { count, stats, labels } = labelComponents(mask, width, height, 4);
    expect(count).toBe(2);
    expect(stats).toEqual([
      { area: 7, minX: 0, minY: 0, maxX: 3, maxY: 3 },
      { area: 1, minX: 3, minY: 3, maxX: 4, maxY: 4 },
    ]);
    expect(Array.from(labels)).toEqual([1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 0, 0, 0, 0, 2]);
  });

  it('finds nothing in an empty mask and refuses a mask of the wrong size', () => {
    expect(labelComponents(new Uint8Array(6), 3, 2, 8).count).toBe(0);
    expect(() => labelComponents(new Uint8Array(5), 3, 2, 4)).toThrow(/5 pixels, not 3 × 2/);
  });
});
