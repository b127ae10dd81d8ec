import { defined, undefinedEstimate, type Estimate } from './estimate';
import { presentRatings, type Category, type UnitRatings } from './ratings';

/**
 * Fleiss' kappa for any number of readers (Fleiss 1971): P̄ the mean agreement among the m ratings
 * of each unit, P̄e the sum of squared overall category shares; κ = (P̄ − P̄e) / (1 − P̄e). Every
 * unit must carry the same number m ≥ 2 of ratings (which readers gave them does not matter);
 * units with none are left out. Undefined when every rating is one same category.
 */
export function fleissKappa(units: readonly UnitRatings[]): Estimate {
  const rated = units.map(presentRatings).filter((ratings) => ratings.length > 0);
  const n = rated.length;
  if (n === 0) return undefinedEstimate(0, 'no unit has a rating');
  const m = rated[0]!.length;
  const uneven = rated.find((ratings) => ratings.length !== m);
  if (uneven) return undefinedEstimate(n, `units carry different numbers of ratings (${m} and ${uneven.length}); Fleiss' kappa needs the same number for every unit`);
  if (m < 2) return undefinedEstimate(n, 'each unit has a single rating, so there is no agreement to measure');
  const totals = new Map<Category, number>();
  let agreement = 0;
  for (const ratings of rated) {
    const counts = new Map<Category, number>();
    for (const rating of ratings) counts.set(rating, (counts.get(rating) ?? 0) + 1);
    let pairs = 0;
    for (const [category, count] of counts) {
      pairs += count * (count - 1);
      totals.set(category, (totals.get(category) ?? 0) + count);
    }
    agreement += pairs / (m * (m - 1));
  }
  let chance = 0;
  for (const total of totals.values()) chance += (total / (n * m)) ** 2;
  if (chance >= 1) return undefinedEstimate(n, 'every rating is the same one category, so chance agreement is 1 and kappa is undefined');
  return defined(n, (agreement / n - chance) / (1 - chance));
}
