import { defined, undefinedEstimate, type Estimate } from './estimate';
import { completePairs, type Category, type RatingPair } from './ratings';

/**
 * Cohen's kappa for two readers (Cohen 1960): (po − pe) / (1 − pe), po the observed agreement, pe
 * the agreement expected from each reader's own category frequencies. Units one reader did not
 * rate are left out. Undefined when pe = 1: both readers put every unit in one same category.
 */
export function cohenKappa(pairs: readonly RatingPair[]): Estimate {
  const rated = completePairs(pairs);
  const n = rated.length;
  if (n === 0) return undefinedEstimate(0, 'no unit was rated by both readers');
  const first = new Map<Category, number>();
  const second = new Map<Category, number>();
  let agreeing = 0;
  for (const [a, b] of rated) {
    if (a === b) agreeing += 1;
    first.set(a, (first.get(a) ?? 0) + 1);
    second.set(b, (second.get(b) ?? 0) + 1);
  }
  let chance = 0;
  for (const [category, count] of first) chance += (count / n) * ((second.get(category) ?? 0) / n);
  if (chance >= 1) return undefinedEstimate(n, 'both readers gave every unit the same one category, so chance agreement is 1 and kappa is undefined');
  return defined(n, (agreeing / n - chance) / (1 - chance));
}
