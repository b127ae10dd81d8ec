import { defined, undefinedEstimate, type Estimate, type Statistic } from './estimate';
import { completePairs, type Category, type RatingPair } from './ratings';

/**
 * Agreement weights between grades i and j of a k-grade scale (Cohen 1968): linear
 * 1 − |i − j| / (k − 1), quadratic 1 − ((i − j) / (k − 1))². Quadratic forgives near misses more,
 * as DR and Mayo grading studies usually want.
 */
export type KappaWeights = 'linear' | 'quadratic';

function weight(i: number, j: number, k: number, weights: KappaWeights): number {
  const distance = Math.abs(i - j) / (k - 1);
  return weights === 'linear' ? 1 - distance : 1 - distance * distance;
}

/**
 * Weighted kappa for two readers on an ordinal scale (`scale`: the grades in ascending order).
 * A rating outside the scale is a caller's mistake and throws. O(units + k²).
 */
export function weightedKappa(scale: readonly Category[], weights: KappaWeights): Statistic<RatingPair> {
  const index = new Map(scale.map((grade, i) => [grade, i] as const));
  const k = scale.length;
  return (pairs): Estimate => {
    const rated = completePairs(pairs);
    const n = rated.length;
    if (n === 0) return undefinedEstimate(0, 'no unit was rated by both readers');
    if (k < 2) return undefinedEstimate(n, 'a scale of fewer than two grades leaves nothing to disagree on');
    const rows = new Array<number>(k).fill(0);
    const columns = new Array<number>(k).fill(0);
    let observed = 0;
    for (const [a, b] of rated) {
      const i = index.get(a);
      const j = index.get(b);
      if (i === undefined || j === undefined) throw new RangeError(`grade ${String(i === undefined ? a : b)} is not on the scale ${scale.join(', ')}`);
      observed += weight(i, j, k, weights);
      rows[i]! += 1;
      columns[j]! += 1;
    }
    let chance = 0;
    for (let i = 0; i < k; i += 1) {
      for (let j = 0; j < k; j += 1) chance += weight(i, j, k, weights) * (rows[i]! / n) * (columns[j]! / n);
    }
    if (chance >= 1) return undefinedEstimate(n, 'both readers gave every unit the same one grade, so chance agreement is 1 and kappa is undefined');
    return defined(n, (observed / n - chance) / (1 - chance));
  };
}
