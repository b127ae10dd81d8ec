import { describe, expect, it } from 'vitest';
import { geometryArea, geometryPerimeter, signedRingArea } from './measure';

const square = [[0, 0], [10, 0], [10, 10], [0, 10]] as const;

describe('area and perimeter in image px', () => {
  it('measures a polygon with a hole, the hole cut out of the area and added to the outline', () => {
    const polygon = { type: 'polygon' as const, points: square, holes: [[[2, 2], [4, 2], [4, 4], [2, 4]] as const] };
    expect(geometryArea(polygon)).toBe(96);
    expect(geometryPerimeter(polygon)).toBe(48);
  });

  it('tells ring orientation by the sign (clockwise on screen is positive)', () => {
    expect(signedRingArea(square)).toBe(100);
    expect(signedRingArea([...square].reverse())).toBe(-100);
  });

  it('measures multiPolygons, rectangles, ellipses, lines and points', () => {
    const tri = { points: [[0, 0], [4, 0], [0, 3]] as const };
    expect(geometryArea({ type: 'multiPolygon', polygons: [tri, tri] })).toBe(12);
    expect(geometryPerimeter({ type: 'multiPolygon', polygons: [tri, tri] })).toBe(24);
    expect(geometryArea({ type: 'rectangle', topLeft: [1, 1], bottomRight: [4, 3] })).toBe(6);
    expect(geometryPerimeter({ type: 'rectangle', topLeft: [1, 1], bottomRight: [4, 3] })).toBe(10);
    const circle = { type: 'ellipse' as const, center: [5, 5] as const, radii: [2, 2] as const, rotation: 0.3 };
    expect(geometryArea(circle)).toBeCloseTo(4 * Math.PI, 10);
    expect(geometryPerimeter(circle)).toBeCloseTo(4 * Math.PI, 10);
    // A 10:1 ellipse: the exact perimeter is 40.6397…
    expect(geometryPerimeter({ ...circle, radii: [10, 1] })).toBeCloseTo(40.6397, 3);
    expect(geometryPerimeter({ type: 'polyline', points: [[0, 0], [3, 4], [3, 10]] })).toBe(11);
    expect(geometryArea({ type: 'point', point: [1, 1] })).toBe(0);
  });
});
