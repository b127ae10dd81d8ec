import { describe, expect, it } from 'vitest';
import { pairsFromTable } from '../testing/ratingTables';
import { percentAgreement } from './percentAgreement';

describe('percentAgreement', () => {
  it('is the observed agreement po = 0.70 of the Wikipedia "Cohen\'s kappa" example (20 + 15 of 50 units)', () => {
    const units = pairsFromTable(['yes', 'no'], [[20, 5], [10, 15]]);
    expect(percentAgreement(units)).toEqual({ n: 50, value: 0.7 });
  });

  it('averages the share of agreeing pairs per unit, skipping missing ratings', () => {
    // Unit 1: 3 readers, 1 of 3 pairs agree; unit 2: 2 present, agree; unit 3: one rating, skipped.
    const result = percentAgreement([['a', 'a', 'b'], ['c', null, 'c'], [null, 'a', null]]);
    expect(result.n).toBe(2);
    expect(result.value).toBeCloseTo((1 / 3 + 1) / 2, 10);
  });

  it('is undefined, with a reason, for no input or a single rating per unit', () => {
    expect(percentAgreement([])).toEqual({ n: 0, value: null, reason: 'no unit has two ratings to compare' });
    expect(percentAgreement([['a', null]]).value).toBeNull();
  });

  it('is 1 for one unit on which everyone agrees', () => {
    expect(percentAgreement([[2, 2, 2]])).toEqual({ n: 1, value: 1 });
  });
});
