import { describe, expect, it } from 'vitest';
import { differingSliceIndices, stepDiffering } from './differingSlices';

const slices = ['s0', 's1', 's2', 's3', 's4'];

describe('differingSliceIndices', () => {
  it('maps slice and region units to slice indices in reading order, each once, leaving per-item units out', () => {
    const units = [{ targetKey: 's3' }, { targetKey: 'item-1' }, { targetKey: 's1/lesion.bleed' }, { targetKey: 's3/lesion.bleed' }, { targetKey: 's1' }];
    expect(differingSliceIndices(units, slices)).toEqual([1, 3]);
  });

  it('is empty when nothing differs', () => {
    expect(differingSliceIndices([], slices)).toEqual([]);
  });
});

describe('stepDiffering', () => {
  const indices = [1, 3];
  it('moves to the next or previous differing slice, wrapping around', () => {
    expect(stepDiffering(indices, 0, 1)).toBe(1);
    expect(stepDiffering(indices, 1, 1)).toBe(3);
    expect(stepDiffering(indices, 3, 1)).toBe(1);
    expect(stepDiffering(indices, 4, -1)).toBe(3);
    expect(stepDiffering(indices, 3, -1)).toBe(1);
    expect(stepDiffering(indices, 1, -1)).toBe(3);
  });

  it('stays put when no slice differs', () => {
    expect(stepDiffering([], 2, 1)).toBeNull();
  });
});
