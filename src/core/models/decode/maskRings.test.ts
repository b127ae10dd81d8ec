import { describe, expect, it } from 'vitest';
import { ringArea } from '../../geometry/measure';
import { labelComponents } from './components';
import { maskRings } from './maskRings';

/** A mask from rows of '#' (set) and '.' (unset). */
function maskOf(rows: readonly string[]): { mask: Uint8Array; width: number; height: number } {
  const width = rows[0]!.length;
  const mask = Uint8Array.from(rows.join('').split(''), (c) => (c === '#' ? 1 : 0));
  return { mask, width, height: rows.length };
}

describe('maskRings', () => {
  it('traces a rectangle of pixels along its outer pixel edges', () => {
    const { mask, width, height } = maskOf(['.....', '.###.', '.###.', '.....']);
    const rings = maskRings(mask, width, height);
    expect(rings).toEqual([{ points: [[1, 1], [4, 1], [4, 3], [1, 3]] }]);
  });

  it('keeps a hole as a hole and the area equals the pixel count', () => {
    const { mask, width, height } = maskOf(['#####', '#...#', '#.#.#', '#...#', '#####']);
    const rings = maskRings(mask, width, height);
    // The ring with a hole, and the island inside the hole: two objects.
    expect(rings).toHaveLength(2);
    const ring = rings.find((r) => r.holes)!;
    expect(ringArea(ring.points) - ringArea(ring.holes![0]!)).toBe(16);
    expect(rings.find((r) => !r.holes)!.points).toEqual([[2, 2], [3, 2], [3, 3], [2, 3]]);
  });

  it('separates pixels that touch only at a corner', () => {
    const { mask, width, height } = maskOf(['#.', '.#']);
    const rings = maskRings(mask, width, height);
    expect(rings.map((r) => ringArea(r.points))).toEqual([1, 1]);
  });

  it('follows a concave outline that touches the border', () => {
    const { mask, width, height } = maskOf(['###', '#..', '###']);
    const [ring] = maskRings(mask, width, height);
    expect(ringArea(ring!.points)).toBe(7);
    expect(ring!.points).toHaveLength(8);
  });

  it('on random masks: one outline per 4-connected object, and outlines minus holes cover exactly the set pixels', () => {
    let seed = 11;
    const random = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    for (let round = 0; round < 25; round++) {
      const width = 30;
      const height = 20;
      const mask = Uint8Array.from({ length: width * height }, () => (random() < 0.55 ? 1 : 0));
      const rings = maskRings(mask, width, height);
      expect(rings).toHaveLength(labelComponents(mask, width, height, 4).count);
      const covered = rings.reduce((sum, r) => sum + ringArea(r.points) - (r.holes ?? []).reduce((h, hole) => h + ringArea(hole), 0), 0);
      expect(covered).toBe(mask.reduce((sum, v) => sum + v, 0));
    }
  });

  it('finds nothing in an empty mask', () => {
    expect(maskRings(new Uint8Array(9), 3, 3)).toEqual([]);
  });
});
