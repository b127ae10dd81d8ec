import { describe, expect, it } from 'vitest';
import { pairsFromTable } from '../testing/ratingTables';
import { bootstrapInterval, figureOf } from './bootstrap';
import { cohenKappa } from './cohenKappa';
import { defined, undefinedEstimate } from './estimate';

const WIKIPEDIA_PAIRS = pairsFromTable(['yes', 'no'], [[20, 5], [10, 15]]);

describe('bootstrap intervals', () => {
  it('gives the same interval for the same seed, and another for another seed', () => {
    const first = figureOf(WIKIPEDIA_PAIRS, cohenKappa, { seed: 9 });
    const again = figureOf(WIKIPEDIA_PAIRS, cohenKappa, { seed: 9 });
    expect(again).toEqual(first);
    expect(figureOf(WIKIPEDIA_PAIRS, cohenKappa, { seed: 10 }).ci).not.toEqual(first.ci);
  });

  it('brackets the point estimate of the Wikipedia example (κ = 0.4 on 50 units) with a 95 % interval', () => {
    const figure = figureOf(WIKIPEDIA_PAIRS, cohenKappa);
    expect(figure.value).toBeCloseTo(0.4, 12);
    expect(figure.ci!.level).toBe(0.95);
    expect(figure.ci!.lower).toBeLessThan(0.4);
    expect(figure.ci!.upper).toBeGreaterThan(0.4);
    // Wide but not absurd for n = 50 (the asymptotic standard error is about 0.13).
    expect(figure.ci!.upper - figure.ci!.lower).toBeGreaterThan(0.3);
    expect(figure.ci!.upper - figure.ci!.lower).toBeLessThan(0.7);
  });

  it('narrows with a lower level', () => {
    const wide = bootstrapInterval(WIKIPEDIA_PAIRS, cohenKappa, { level: 0.95 })!;
    const narrow = bootstrapInterval(WIKIPEDIA_PAIRS, cohenKappa, { level: 0.5 })!;
    expect(narrow.upper - narrow.lower).toBeLessThan(wide.upper - wide.lower);
  });

  it('calls the statistic once per resample', () => {
    let calls = 0;
    bootstrapInterval([1, 2, 3], (units) => { calls += 1; return defined(units.length, 0); }, { resamples: 250 });
    expect(calls).toBe(250);
  });

  it('has no interval when the estimate is undefined, the input empty, or most resamples undefined', () => {
    expect(figureOf([['x', 'x']] as const, cohenKappa).ci).toBeNull();
    expect(bootstrapInterval([], cohenKappa)).toBeNull();
    const mostlyUndefined = (units: readonly number[]) => (units.every((u) => u === units[0]) ? defined(units.length, 1) : undefinedEstimate(units.length, 'mixed'));
    expect(bootstrapInterval([1, 2, 3, 4, 5], mostlyUndefined)).toBeNull();
  });
});
