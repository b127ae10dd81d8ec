import { describe, expect, it } from 'vitest';
import type { PolygonRings } from '../annotation';
import { circleRing } from './rings';
import { fromClipping, intersectPolygons, subtractPolygons, toClipping, unionPolygons } from './clipping';
import { geometryArea } from './measure';

const rect = (x0: number, y0: number, x1: number, y1: number): PolygonRings => ({ points: [[x0, y0], [x1, y0], [x1, y1], [x0, y1]] });

describe('boolean operations through polygon-clipping', () => {
  it('converts rings both ways, closing and reopening them', () => {
    const clip = toClipping([{ ...rect(0, 0, 2, 2), holes: [rect(0.5, 0.5, 1, 1).points] }]);
    expect(clip[0]![0]).toEqual([[0, 0], [2, 0], [2, 2], [0, 2]]);
    const back = fromClipping([[[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]]]);
    expect(back).toEqual({ type: 'polygon', points: [[0, 0], [2, 0], [2, 2], [0, 2]] });
    expect(fromClipping([])).toBeNull();
    // Rounding to 0.01 px leaves a sliver with no area: dropped.
    expect(fromClipping([[[[0, 0], [1, 0.001], [2, 0], [0, 0]]]])).toBeNull();
  });

  it('unites overlapping outlines into one polygon and distant ones into a multiPolygon', () => {
    const one = unionPolygons([rect(0, 0, 10, 10)], [rect(5, 0, 15, 10)]);
    expect(one?.type).toBe('polygon');
    expect(geometryArea(one!)).toBe(150);
    const two = unionPolygons([rect(0, 0, 10, 10)], [rect(20, 0, 30, 10)]);
    expect(two?.type).toBe('multiPolygon');
  });

  it('cuts a hole, splits in two, or removes everything', () => {
    const holed = subtractPolygons([rect(0, 0, 100, 100)], [{ points: circleRing([50, 50], 10, 32) }]);
    expect(holed?.type === 'polygon' && holed.holes?.length).toBe(1);
    const split = subtractPolygons([rect(0, 0, 100, 20)], [rect(40, -5, 60, 25)]);
    expect(split?.type === 'multiPolygon' && split.polygons.length).toBe(2);
    expect(geometryArea(split!)).toBe(1600);
    expect(subtractPolygons([rect(0, 0, 10, 10)], [rect(-1, -1, 11, 11)])).toBeNull();
  });

  it('intersects outlines: the overlap, holes respected, or null when they only touch', () => {
    expect(geometryArea(intersectPolygons([rect(0, 0, 10, 10)], [rect(5, 5, 15, 15)])!)).toBe(25);
    const holed = { ...rect(0, 0, 10, 10), holes: [rect(2, 2, 8, 8).points] };
    expect(geometryArea(intersectPolygons([holed], [rect(0, 0, 10, 5)])!)).toBe(50 - 18);
    expect(intersectPolygons([rect(0, 0, 10, 10)], [rect(10, 0, 20, 10)])).toBeNull();
    expect(intersectPolygons([rect(0, 0, 10, 10)], [])).toBeNull();
  });
});
