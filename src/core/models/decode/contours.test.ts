import { describe, expect, it } from 'vitest';
import { ringArea } from '../../geometry/measure';
import { labelComponents } from './components';
import { maskOf } from '../../testing/masks';
import { traceContours } from './contours';

function trace(rows: readonly string[]) {
  const { mask, width, height } = maskOf(rows);
  const { labels } = labelComponents(mask, width, height, 8);
  return traceContours(labels, width, height);
}

describe('traceContours', () => {
  it('outlines one pixel by its four corners, clockwise on screen', () => {
    expect(trace(['...', '.#.', '...'])).toEqual([{ label: 1, outer: true, points: [[1, 1], [2, 1], [2, 2], [1, 2]] }]);
  });

  it('keeps only the corners of an L and encloses exactly its pixels', () => {
    const [ring] = trace(['#..', '#..', '###']);
    expect(ring!.points).toEqual([[0, 0], [1, 0], [1, 2], [3, 2], [3, 3], [0, 3]]);
    expect(ringArea(ring!.points)).toBe(5);
  });

  it('traces a hole as its own anticlockwise ring of the same component', () => {
    const rings = trace(['####', '#..#', '#..#', '####']);
    expect(rings.map((r) => [r.label, r.outer, ringArea(r.points)])).toEqual([
      [1, true, 16],
      [1, false, 4],
    ]);
  });

  it('walks across a corner where two pixels of one component meet, giving one outer ring', () => {
    const rings = trace(['#.', '.#']);
    expect(rings).toHaveLength(1);
    expect(rings[0]!.outer).toBe(true);
    expect(ringArea(rings[0]!.points)).toBe(2);
  });

  it('gives every component its own rings', () => {
    const rings = trace(['#.#', '...', '#.#']);
    expect(rings.map((r) => r.label).sort()).toEqual([1, 2, 3, 4]);
    expect(rings.every((r) => r.outer && ringArea(r.points) === 1)).toBe(true);
  });
});
