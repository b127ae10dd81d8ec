import { describe, expect, it } from 'vitest';
import { pairsFromTable } from '../testing/ratingTables';
import { cohenKappa } from './cohenKappa';
import { weightedKappa } from './weightedKappa';

/** Altman (1991) Table 14.3: two radiologists grading 85 xeromammograms (data of Boyd et al. 1982). */
const SCALE = ['normal', 'benign', 'suspected', 'cancer'];
const XEROMAMMOGRAMS = pairsFromTable(SCALE, [[21, 12, 0, 0], [4, 17, 1, 0], [3, 9, 15, 2], [0, 0, 0, 1]]);

describe('weightedKappa', () => {
  it('reproduces Altman (1991) §14.3 linear weighted kappa κw = 0.57 (0.568 to 3 decimals: po = 0.8667, pe = 0.6911)', () => {
    expect(weightedKappa(SCALE, 'linear')(XEROMAMMOGRAMS).value).toBeCloseTo(0.568, 3);
  });

  it('gives quadratic weights on the same table: po = 0.9477, pe = 0.8409 by hand, κw = 0.671', () => {
    expect(weightedKappa(SCALE, 'quadratic')(XEROMAMMOGRAMS).value).toBeCloseTo(0.671, 3);
  });

  it('equals Cohen\'s kappa on a two-grade scale, whatever the weights', () => {
    const pairs = pairsFromTable([0, 1], [[20, 5], [10, 15]]);
    expect(weightedKappa([0, 1], 'linear')(pairs).value).toBeCloseTo(cohenKappa(pairs).value!, 12);
    expect(weightedKappa([0, 1], 'quadratic')(pairs).value).toBeCloseTo(0.4, 12);
  });

  it('counts a near miss more than a far one (Mayo 0–3)', () => {
    const kappa = weightedKappa([0, 1, 2, 3], 'quadratic');
    const near = kappa([[0, 0], [1, 2], [2, 2], [3, 3], [1, 1]]).value!;
    const far = kappa([[0, 0], [1, 3], [2, 2], [3, 3], [1, 1]]).value!;
    expect(near).toBeGreaterThan(far);
  });

  it('is null with a reason for one grade throughout or no complete pair, and throws on a grade off the scale', () => {
    const kappa = weightedKappa([0, 1, 2, 3, 4], 'linear');
    expect(kappa([[2, 2], [2, 2]]).reason).toMatch(/same one grade/);
    expect(kappa([[2, null]])).toEqual({ n: 0, value: null, reason: 'no unit was rated by both readers' });
    expect(() => kappa([[2, 7]])).toThrow(/grade 7 is not on the scale/);
  });
});
