import { describe, expect, it } from 'vitest';
import type { Geometry } from '../annotation';
import { boxContains, boxFromCorners, distanceToSegment, hitsGeometry, pointInPolygon } from './hitTest';

const donut: Geometry = {
  type: 'polygon',
  points: [[0, 0], [100, 0], [100, 100], [0, 100]],
  holes: [[[40, 40], [60, 40], [60, 60], [40, 60]]],
};

describe('hit tests', () => {
  it('measures distance to a segment, its ends included', () => {
    expect(distanceToSegment([5, 3], [0, 0], [10, 0])).toBe(3);
    expect(distanceToSegment([13, 4], [0, 0], [10, 0])).toBe(5);
    expect(distanceToSegment([3, 4], [0, 0], [0, 0])).toBe(5);
  });

  it('treats a hole as outside, its rim as the outline', () => {
    if (donut.type !== 'polygon') throw new Error('a polygon');
    expect(pointInPolygon([20, 20], donut)).toBe(true);
    expect(pointInPolygon([50, 50], donut)).toBe(false);
    expect(hitsGeometry(donut, [50, 50], 2)).toBe(false);
    expect(hitsGeometry(donut, [50, 58.5], 2)).toBe(true);
    expect(hitsGeometry(donut, [101.5, 50], 2)).toBe(true);
    expect(hitsGeometry(donut, [103, 50], 2)).toBe(false);
  });

  it('hits every kind of geometry inside or near its outline', () => {
    const ellipse: Geometry = { type: 'ellipse', center: [50, 50], radii: [40, 10], rotation: Math.PI / 2 };
    expect(hitsGeometry(ellipse, [50, 85], 0)).toBe(true);
    expect(hitsGeometry(ellipse, [85, 50], 0)).toBe(false);
    expect(hitsGeometry(ellipse, [50, 91.5], 2)).toBe(true);
    expect(hitsGeometry(ellipse, [50, 93], 2)).toBe(false);
    expect(hitsGeometry({ type: 'point', point: [5, 5] }, [6, 6], 1.5)).toBe(true);
    expect(hitsGeometry({ type: 'point', point: [5, 5] }, [7, 7], 1.5)).toBe(false);
    expect(hitsGeometry({ type: 'polyline', points: [[0, 0], [10, 0]] }, [5, 1], 1)).toBe(true);
    expect(hitsGeometry({ type: 'polyline', points: [[0, 0], [10, 0]] }, [5, 2], 1)).toBe(false);
    expect(hitsGeometry({ type: 'rectangle', topLeft: [0, 0], bottomRight: [10, 10] }, [11, 5], 1)).toBe(true);
    expect(hitsGeometry({ type: 'rectangle', topLeft: [0, 0], bottomRight: [10, 10] }, [12, 5], 1)).toBe(false);
    const two: Geometry = { type: 'multiPolygon', polygons: [{ points: [[0, 0], [10, 0], [0, 10]] }, { points: [[50, 50], [60, 50], [50, 60]] }] };
    expect(hitsGeometry(two, [52, 52], 0)).toBe(true);
    expect(hitsGeometry(two, [30, 30], 0)).toBe(false);
  });

  it('boxes from corners in any order and tells containment', () => {
    const box = boxFromCorners([10, 0], [0, 10]);
    expect(box).toEqual({ minX: 0, minY: 0, maxX: 10, maxY: 10 });
    expect(boxContains(box, { minX: 0, minY: 2, maxX: 10, maxY: 3 })).toBe(true);
    expect(boxContains(box, { minX: -1, minY: 2, maxX: 10, maxY: 3 })).toBe(false);
  });
});
