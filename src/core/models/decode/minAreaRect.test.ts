import { describe, expect, it } from 'vitest';
import type { Point } from '../../annotation';
import { convexHull, minAreaRect, rectCorners } from './minAreaRect';

describe('minAreaRect', () => {
  it('fits an axis-aligned box exactly', () => {
    const points: Point[] = [[0, 0], [10, 0], [10, 4], [0, 4], [5, 2], [3, 1]];
    expect(convexHull(points)).toHaveLength(4);
    const rect = minAreaRect(points);
    expect(rect.width * rect.height).toBeCloseTo(40, 9);
    expect(rect.center[0]).toBeCloseTo(5, 9);
    expect(rect.center[1]).toBeCloseTo(2, 9);
  });

  it('follows a slanted line of points, smaller than its axis-aligned box', () => {
    const angle = Math.PI / 6;
    const points: Point[] = [];
    for (let t = 0; t <= 20; t++) {
      for (const offset of [-1, 1]) points.push([t * Math.cos(angle) - offset * Math.sin(angle), t * Math.sin(angle) + offset * Math.cos(angle)]);
    }
    const rect = minAreaRect(points);
    expect(Math.max(rect.width, rect.height)).toBeCloseTo(20, 6);
    expect(Math.min(rect.width, rect.height)).toBeCloseTo(2, 6);
    const corners = rectCorners(rect);
    for (const [x, y] of points) {
      const inside = corners.every((c, i) => {
        const n = corners[(i + 1) % 4]!;
        return (n[0] - c[0]) * (y - c[1]) - (n[1] - c[1]) * (x - c[0]) >= -1e-6;
      });
      expect(inside).toBe(true);
    }
  });
});
