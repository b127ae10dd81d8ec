import { describe, expect, it } from 'vitest';
import { circleSegments, ellipseRing, geometryPolygons } from './rings';

describe('outlines as rings', () => {
  it('places ellipse vertices on the rotated ellipse', () => {
    const ring = ellipseRing({ center: [10, 20], radii: [4, 2], rotation: Math.PI / 2 }, 4);
    const rounded = ring.map(([x, y]) => [Math.round(x * 1e9) / 1e9, Math.round(y * 1e9) / 1e9]);
    expect(rounded).toEqual([[10, 24], [8, 20], [10, 16], [12, 20]]);
  });

  it('chooses enough vertices for a circle to stay within the error, between 8 and 256', () => {
    expect(circleSegments(1, 2)).toBe(8);
    const n = circleSegments(100, 0.5);
    // The sagitta of one chord: r (1 − cos(π / n)).
    expect(100 * (1 - Math.cos(Math.PI / n))).toBeLessThanOrEqual(0.5);
    expect(100 * (1 - Math.cos(Math.PI / (n - 1)))).toBeGreaterThan(0.5);
    expect(circleSegments(1e9, 0.01)).toBe(256);
  });

  it('gives areas as polygons and points and lines as none', () => {
    expect(geometryPolygons({ type: 'rectangle', topLeft: [0, 0], bottomRight: [2, 1] }, 1)).toEqual([{ points: [[0, 0], [2, 0], [2, 1], [0, 1]] }]);
    expect(geometryPolygons({ type: 'point', point: [0, 0] }, 1)).toBeNull();
    expect(geometryPolygons({ type: 'polyline', points: [[0, 0], [1, 1]] }, 1)).toBeNull();
    const ellipse = geometryPolygons({ type: 'ellipse', center: [0, 0], radii: [50, 10], rotation: 0 }, 0.5);
    expect(ellipse?.[0]?.points.length).toBe(circleSegments(50, 0.5));
  });
});
