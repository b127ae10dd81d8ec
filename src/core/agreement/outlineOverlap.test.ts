import { describe, expect, it } from 'vitest';
import type { PolygonRings } from '../annotation';
import { dice, iou } from './overlap';
import { outlinedArea, outlineOverlap } from './outlineOverlap';

const rect = (x0: number, y0: number, x1: number, y1: number): PolygonRings => ({ points: [[x0, y0], [x1, y0], [x1, y1], [x0, y1]] });

describe('outlineOverlap', () => {
  it('measures two overlapping squares: Dice 0.25, IoU 1/7', () => {
    const overlap = outlineOverlap([rect(0, 0, 10, 10)], [rect(5, 5, 15, 15)]);
    expect(overlap).toEqual({ intersection: 25, sizeA: 100, sizeB: 100 });
    expect(dice(overlap)).toBe(0.25);
    expect(iou(overlap)).toBeCloseTo(1 / 7, 12);
  });

  it('counts a reader\'s overlapping outlines once', () => {
    const overlap = outlineOverlap([rect(0, 0, 10, 10), rect(0, 0, 10, 10)], [rect(0, 0, 10, 10)]);
    expect(dice(overlap)).toBe(1);
  });

  it('scores both empty as 1 and one empty as 0', () => {
    expect(dice(outlineOverlap([], []))).toBe(1);
    expect(dice(outlineOverlap([rect(0, 0, 1, 1)], []))).toBe(0);
  });

  it('turns rectangles and ellipses into areas and drops points and lines', () => {
    const area = outlinedArea([
      { type: 'rectangle', topLeft: [0, 0], bottomRight: [4, 4] },
      { type: 'ellipse', center: [20, 20], radii: [5, 5], rotation: 0 },
      { type: 'point', point: [1, 1] },
      { type: 'polyline', points: [[0, 0], [3, 3]] },
    ]);
    expect(area).toHaveLength(2);
    const overlap = outlineOverlap(area, area);
    // The ellipse's ring is inscribed within 0.05 px: it loses at most perimeter × 0.05 px².
    expect(overlap.sizeA).toBeLessThanOrEqual(16 + Math.PI * 25);
    expect(overlap.sizeA).toBeGreaterThan(16 + Math.PI * 25 - 2 * Math.PI * 5 * 0.05);
  });
});
