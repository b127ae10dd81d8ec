/** Small statistics for benchmark samples (milliseconds unless said otherwise). */

export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly n: number;
}

export function spread(samples: readonly number[]): Spread {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { median, min: sorted[0] as number, max: sorted[sorted.length - 1] as number, n: sorted.length };
}

export const sum = (samples: readonly number[]): number => samples.reduce((a, b) => a + b, 0);

export const ms = (value: number): string => `${value.toFixed(value < 100 ? 1 : 0)} ms`;

export const formatSpread = (s: Spread): string => `median ${ms(s.median)} (min ${ms(s.min)}, max ${ms(s.max)}, n=${s.n})`;

export const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
