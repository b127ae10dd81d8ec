import { defined, undefinedEstimate, type Estimate } from './estimate';
import { presentRatings, type Category, type UnitRatings } from './ratings';

/** Pairs of ratings of one unit that agree, over all its pairs. */
function pairAgreement(ratings: readonly Category[]): number {
  const counts = new Map<Category, number>();
  for (const rating of ratings) counts.set(rating, (counts.get(rating) ?? 0) + 1);
  let agreeing = 0;
  for (const count of counts.values()) agreeing += (count * (count - 1)) / 2;
  return agreeing / ((ratings.length * (ratings.length - 1)) / 2);
}

/**
 * Percent agreement: per unit the share of pairs of readers who gave the same answer (for two
 * readers: whether they agree), averaged over units. Units with fewer than two ratings are left
 * out; missing ratings are allowed.
 */
export function percentAgreement(units: readonly UnitRatings[]): Estimate {
  let sum = 0;
  let n = 0;
  for (const unit of units) {
    const ratings = presentRatings(unit);
    if (ratings.length < 2) continue;
    sum += pairAgreement(ratings);
    n += 1;
  }
  return n === 0 ? undefinedEstimate(0, 'no unit has two ratings to compare') : defined(n, sum / n);
}
