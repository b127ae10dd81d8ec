import { describe, expect, it } from 'vitest';
import { sliceRuns } from './sliceRuns';

describe('slice runs', () => {
  it('joins consecutive slices and numbers them from 1', () => {
    expect(sliceRuns([0, 1, 2, 5, 7, 8])).toEqual([
      [1, 3],
      [6, 6],
      [8, 9],
    ]);
    expect(sliceRuns([])).toEqual([]);
  });
});
