import type { Category, RatingPair, UnitRatings } from '../agreement/ratings';

/**
 * Rating pairs from a published two-reader contingency table: `table[i][j]` units that the first
 * reader put in `categories[i]` and the second in `categories[j]`.
 */
export function pairsFromTable(categories: readonly Category[], table: readonly (readonly number[])[]): RatingPair[] {
  const pairs: RatingPair[] = [];
  table.forEach((row, i) => row.forEach((count, j) => {
    for (let c = 0; c < count; c += 1) pairs.push([categories[i]!, categories[j]!]);
  }));
  return pairs;
}

/** Units from a published units × categories table of counts (how many readers chose each category). */
export function unitsFromCounts(categories: readonly Category[], counts: readonly (readonly number[])[]): UnitRatings[] {
  return counts.map((row) => row.flatMap((count, j) => new Array<Category>(count).fill(categories[j]!)));
}
