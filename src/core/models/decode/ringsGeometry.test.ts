import { describe, expect, it } from 'vitest';
import type { Point } from '../../annotation';
import { ringsGeometry } from './ringsGeometry';

const shift = ([x, y]: Point): Point => [x / 3 + 10, y / 3];

describe('ringsGeometry', () => {
  it('maps, rounds and simplifies one outline with its hole into a polygon', () => {
    const geometry = ringsGeometry(
      [{ points: [[0, 0], [3, 0], [6, 0], [6, 6], [0, 6]], holes: [[[2, 2], [2, 4], [4, 4], [4, 2]]] }],
      0.1,
      shift,
    );
    expect(geometry).toEqual({ type: 'polygon', points: [[10, 0], [12, 0], [12, 2], [10, 2]], holes: [[[10.67, 0.67], [10.67, 1.33], [11.33, 1.33], [11.33, 0.67]]] });
  });

  it('makes several outlines a multiPolygon and drops rings that collapse', () => {
    const square = (x: number): Point[] => [[x, 0], [x + 3, 0], [x + 3, 3], [x, 3]];
    const geometry = ringsGeometry([{ points: square(0) }, { points: square(6), holes: [[[7, 1], [8, 1], [8, 1.01], [7, 1.01]]] }], 0.5, (p) => p);
    expect(geometry).toEqual({ type: 'multiPolygon', polygons: [{ points: square(0) }, { points: square(6) }] });
    expect(ringsGeometry([], 0.5, (p) => p)).toBeNull();
  });
});
