import { describe, expect, it } from 'vitest';
import { dice, iou } from './overlap';

describe('dice and iou', () => {
  it('follow their definitions: Dice = 2|A∩B|/(|A|+|B|), IoU = |A∩B|/|A∪B|, Dice = 2 IoU / (1 + IoU)', () => {
    const overlap = { intersection: 25, sizeA: 100, sizeB: 100 };
    expect(dice(overlap)).toBe(0.25);
    expect(iou(overlap)).toBeCloseTo(25 / 175, 12);
    expect(dice(overlap)).toBeCloseTo((2 * iou(overlap)) / (1 + iou(overlap)), 12);
  });

  it('score 1 when both readers left the image empty, 0 when only one drew', () => {
    expect(dice({ intersection: 0, sizeA: 0, sizeB: 0 })).toBe(1);
    expect(iou({ intersection: 0, sizeA: 0, sizeB: 0 })).toBe(1);
    expect(dice({ intersection: 0, sizeA: 10, sizeB: 0 })).toBe(0);
    expect(iou({ intersection: 0, sizeA: 0, sizeB: 10 })).toBe(0);
  });
});
