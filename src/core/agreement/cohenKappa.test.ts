import { describe, expect, it } from 'vitest';
import { pairsFromTable } from '../testing/ratingTables';
import { cohenKappa } from './cohenKappa';

describe('cohenKappa', () => {
  it('reproduces the Wikipedia "Cohen\'s kappa" worked example: 50 proposals, po = 0.7, pe = 0.5, κ = 0.4', () => {
    const pairs = pairsFromTable(['yes', 'no'], [[20, 5], [10, 15]]);
    const result = cohenKappa(pairs);
    expect(result.n).toBe(50);
    expect(result.value).toBeCloseTo(0.4, 3);
  });

  it('reproduces Altman (1991), Practical Statistics for Medical Research §14.3: two radiologists, 85 xeromammograms (Boyd et al. 1982), κ = 0.473', () => {
    const pairs = pairsFromTable(['normal', 'benign', 'suspected', 'cancer'], [[21, 12, 0, 0], [4, 17, 1, 0], [3, 9, 15, 2], [0, 0, 0, 1]]);
    expect(cohenKappa(pairs).value).toBeCloseTo(0.473, 3);
  });

  it('leaves out units one reader did not rate', () => {
    const result = cohenKappa([['a', 'a'], ['b', 'b'], ['a', null], [null, 'b']]);
    expect(result).toEqual({ n: 2, value: 1 });
  });

  it('is null with a reason, not NaN, when both readers chose one same category throughout', () => {
    const result = cohenKappa([['x', 'x'], ['x', 'x']]);
    expect(result.value).toBeNull();
    expect(result.reason).toMatch(/chance agreement is 1/);
    expect(cohenKappa([]).value).toBeNull();
  });

  it('is 0 for one unit with a disagreement and −1 for perfect systematic swapping', () => {
    expect(cohenKappa([['a', 'b']]).value).toBe(0);
    expect(cohenKappa([['a', 'b'], ['b', 'a']]).value).toBe(-1);
  });
});
