import type { Estimate, Figure, Interval, Statistic } from './estimate';
import { mulberry32 } from '../random';

export interface BootstrapOptions {
  /** Same seed, same interval. */
  readonly seed?: number;
  /** Resamples drawn; the cost is O(resamples × units). */
  readonly resamples?: number;
  /** Coverage of the interval. */
  readonly level?: number;
}

export const DEFAULT_BOOTSTRAP = { seed: 1, resamples: 1_000, level: 0.95 } as const;

/** Linear interpolation between order statistics (Hyndman & Fan type 7, R's default). */
function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const below = Math.floor(h);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (h - below) * (sorted[above]! - sorted[below]!);
}

/**
 * Percentile bootstrap interval of `statistic`, resampling units with replacement. Resamples on
 * which the statistic is undefined (all one category, say) are left out; with fewer than half of
 * them defined the interval is null rather than a figure resting on a biased few.
 */
export function bootstrapInterval<Unit>(units: readonly Unit[], statistic: Statistic<Unit>, options: BootstrapOptions = {}): Interval | null {
  const { seed, resamples, level } = { ...DEFAULT_BOOTSTRAP, ...options };
  if (units.length === 0 || resamples < 1) return null;
  const next = mulberry32(seed);
  const values: number[] = [];
  const sample: Unit[] = new Array<Unit>(units.length);
  for (let r = 0; r < resamples; r += 1) {
    for (let i = 0; i < units.length; i += 1) sample[i] = units[Math.floor(next() * units.length)]!;
    const { value } = statistic(sample);
    if (value !== null) values.push(value);
  }
  if (values.length * 2 < resamples) return null;
  values.sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  return { lower: quantile(values, tail), upper: quantile(values, 1 - tail), level };
}

/** The statistic on all units, with its bootstrap interval (none when the estimate is undefined). */
export function figureOf<Unit>(units: readonly Unit[], statistic: Statistic<Unit>, options: BootstrapOptions = {}): Figure {
  const estimate: Estimate = statistic(units);
  if (estimate.value === null) return { ...estimate, ci: null };
  return { ...estimate, ci: bootstrapInterval(units, statistic, options) };
}
