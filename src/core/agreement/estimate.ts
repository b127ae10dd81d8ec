/**
 * What every agreement statistic returns: how many units it rests on and its value, or null with
 * a sentence saying why it is undefined (never NaN, which a dashboard would print as a number).
 */
export type Estimate =
  | { readonly n: number; readonly value: number; readonly reason?: undefined }
  | { readonly n: number; readonly value: null; readonly reason: string };

/** A percentile bootstrap interval; `level` is its coverage, e.g. 0.95. */
export interface Interval {
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
}

/** An estimate with its interval: null when the estimate is, or too few resamples were defined. */
export type Figure = Estimate & { readonly ci: Interval | null };

export function defined(n: number, value: number): Estimate {
  return { n, value };
}

export function undefinedEstimate(n: number, reason: string): Estimate {
  return { n, value: null, reason };
}

/** A statistic over units (items, slices, frames…): what the bootstrap resamples. */
export type Statistic<Unit> = (units: readonly Unit[]) => Estimate;
