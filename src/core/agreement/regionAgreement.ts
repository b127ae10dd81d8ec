import { figureOf, type BootstrapOptions } from './bootstrap';
import type { PairFigure } from './categoricalAgreement';
import { defined, undefinedEstimate, type Estimate, type Figure, type Statistic } from './estimate';
import { dice, iou, type Overlap } from './overlap';
import { isRegionValue, regionOverlap } from './regionOverlap';
import { readerPairs, readersOf, type AgreementUnit } from './units';

/** A unit with the overlap of every comparable pair of readers, computed once (clipping is costly). */
export interface RegionUnit {
  readonly unit: AgreementUnit;
  /** By `readerA\u0000readerB`, readers in sorted order. */
  readonly overlaps: ReadonlyMap<string, Overlap>;
}

const pairKey = (a: string, b: string) => `${a}\u0000${b}`;

export function regionUnits(units: readonly AgreementUnit[]): RegionUnit[] {
  return units.map((unit) => {
    const overlaps = new Map<string, Overlap>();
    for (const [a, b] of readerPairs([...unit.values.keys()].sort())) {
      const valueA = unit.values.get(a)!;
      const valueB = unit.values.get(b)!;
      const overlap = isRegionValue(valueA) && isRegionValue(valueB) ? regionOverlap(valueA, valueB) : null;
      if (overlap) overlaps.set(pairKey(a, b), overlap);
    }
    return { unit, overlaps };
  });
}

/**
 * Mean over units of each unit's mean pairwise score (Dice or IoU); units without a comparable
 * pair are left out of n.
 */
function meanPairwise(score: (overlap: Overlap) => number, pair?: string): Statistic<RegionUnit> {
  return (units): Estimate => {
    let sum = 0;
    let n = 0;
    for (const { overlaps } of units) {
      const chosen = pair === undefined ? [...overlaps.values()] : overlaps.has(pair) ? [overlaps.get(pair)!] : [];
      if (chosen.length === 0) continue;
      sum += chosen.reduce((s, overlap) => s + score(overlap), 0) / chosen.length;
      n += 1;
    }
    return n === 0 ? undefinedEstimate(0, 'no unit has two regions that can be compared (a mask against an outline cannot)') : defined(n, sum / n);
  };
}

export interface RegionFigures {
  readonly dice: Figure;
  readonly iou: Figure;
}

export function regionFigures(units: readonly RegionUnit[], options: BootstrapOptions): RegionFigures {
  return { dice: figureOf(units, meanPairwise(dice), options), iou: figureOf(units, meanPairwise(iou), options) };
}

/** Mean Dice of each reader pair over the units where both drew or left the place clear. */
export function regionPairs(units: readonly RegionUnit[], options: BootstrapOptions): PairFigure[] {
  return readerPairs(readersOf(units.map(({ unit }) => unit))).map((readers) => {
    const key = pairKey(...readers);
    const shared = units.filter(({ overlaps }) => overlaps.has(key));
    return { readers, statistic: 'dice' as const, figure: figureOf(shared, meanPairwise(dice, key), options) };
  });
}

/** Mean pairwise Dice as a statistic, for the dataset figure. */
export const meanDice: Statistic<RegionUnit> = meanPairwise(dice);
