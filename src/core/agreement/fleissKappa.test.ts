import { describe, expect, it } from 'vitest';
import { unitsFromCounts } from '../testing/ratingTables';
import { fleissKappa } from './fleissKappa';

describe('fleissKappa', () => {
  it('reproduces the Wikipedia "Fleiss\' kappa" worked example: 14 raters, 10 subjects, 5 categories, P̄ = 0.378, P̄e = 0.213, κ = 0.210', () => {
    const units = unitsFromCounts([1, 2, 3, 4, 5], [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ]);
    const result = fleissKappa(units);
    expect(result.n).toBe(10);
    expect(result.value).toBeCloseTo(0.21, 3);
  });

  it('agrees with the two-reader Scott\'s pi on two readers (Fleiss 1971 generalises it)', () => {
    // Two readers, 4 units: po = 0.5, pooled shares a = 0.5, b = 0.5, pe = 0.5, π = 0.
    expect(fleissKappa([['a', 'a'], ['b', 'b'], ['a', 'b'], ['b', 'a']]).value).toBeCloseTo(0, 12);
  });

  it('accepts missing ratings when every unit still has the same number', () => {
    expect(fleissKappa([['a', null, 'a'], [null, 'b', 'b']])).toEqual({ n: 2, value: 1 });
  });

  it('is null with a reason for uneven ratings, a single category, empty input or one rating per unit', () => {
    expect(fleissKappa([['a', 'a', 'a'], ['a', 'b']]).reason).toMatch(/different numbers of ratings \(3 and 2\)/);
    expect(fleissKappa([['a', 'a', 'a']]).reason).toMatch(/chance agreement is 1/);
    expect(fleissKappa([]).value).toBeNull();
    expect(fleissKappa([['a'], ['b']]).reason).toMatch(/single rating/);
  });
});
