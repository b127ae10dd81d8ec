/** A reader's answer for one unit: a class code, an ordinal grade, or a key standing for a set. */
export type Category = string | number;

/** The ratings of one unit (an item, a slice, a frame), one per reader; null where a reader gave none. */
export type UnitRatings = readonly (Category | null)[];

/** The ratings of one unit by two readers. */
export type RatingPair = readonly [Category | null, Category | null];

/** The ratings that are present. */
export function presentRatings(unit: UnitRatings): Category[] {
  return unit.filter((rating): rating is Category => rating !== null);
}

/** Pairs where both readers rated. */
export function completePairs(pairs: readonly RatingPair[]): (readonly [Category, Category])[] {
  return pairs.filter((pair): pair is readonly [Category, Category] => pair[0] !== null && pair[1] !== null);
}
