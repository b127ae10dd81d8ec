import { describe, expect, it } from 'vitest';
import { intersectionOverUnion, nonMaxSuppression, type ScoredBox } from './nms';

const box = (x0: number, y0: number, x1: number, y1: number, score: number, classIndex = 0): ScoredBox => ({ x0, y0, x1, y1, score, classIndex });

describe('non-maximum suppression', () => {
  it('measures overlap as intersection over union', () => {
    expect(intersectionOverUnion(box(0, 0, 2, 2, 1), box(1, 0, 3, 2, 1))).toBeCloseTo(2 / 6);
    expect(intersectionOverUnion(box(0, 0, 1, 1, 1), box(1, 1, 2, 2, 1))).toBe(0);
  });

  it('keeps the best of boxes overlapping more than the limit, and boxes apart', () => {
    const kept = nonMaxSuppression([box(0, 0, 10, 10, 0.6), box(1, 1, 11, 11, 0.9), box(50, 50, 60, 60, 0.3)], 0.5);
    expect(kept.map((b) => b.score)).toEqual([0.9, 0.3]);
  });

  it('keeps overlapping boxes of different classes unless told to suppress across classes', () => {
    const boxes = [box(0, 0, 10, 10, 0.6, 0), box(0, 0, 10, 10, 0.9, 1)];
    expect(nonMaxSuppression(boxes, 0.5)).toHaveLength(2);
    expect(nonMaxSuppression(boxes, 0.5, true).map((b) => b.classIndex)).toEqual([1]);
  });
});
