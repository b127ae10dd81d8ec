import { describe, expect, it } from 'vitest';
import { regionOverlap } from './regionOverlap';

const square = (x: number) => ({ kind: 'outline', polygons: [{ points: [[x, 0], [x + 10, 0], [x + 10, 10], [x, 10]] }] }) as const;
const mask = (runs: number[]) => ({ kind: 'mask', width: 4, height: 3, runs }) as const;

describe('regionOverlap', () => {
  it('compares outlines with outlines and masks with masks', () => {
    expect(regionOverlap(square(0), square(5))).toEqual({ intersection: 50, sizeA: 100, sizeB: 100 });
    expect(regionOverlap(mask([5, 2, 5]), mask([6, 2, 4]))).toEqual({ intersection: 1, sizeA: 2, sizeB: 2 });
  });

  it('compares anything with empty by its size alone', () => {
    expect(regionOverlap({ kind: 'empty' }, square(0))).toEqual({ intersection: 0, sizeA: 0, sizeB: 100 });
    expect(regionOverlap(mask([5, 2, 5]), { kind: 'empty' })).toEqual({ intersection: 0, sizeA: 2, sizeB: 0 });
    expect(regionOverlap({ kind: 'empty' }, { kind: 'empty' })).toEqual({ intersection: 0, sizeA: 0, sizeB: 0 });
  });

  it('refuses a mask against an outline, or masks of different sizes, rather than rasterise', () => {
    expect(regionOverlap(mask([12]), square(0))).toBeNull();
    expect(regionOverlap(mask([12]), { kind: 'mask', width: 3, height: 4, runs: [12] })).toBeNull();
  });
});
