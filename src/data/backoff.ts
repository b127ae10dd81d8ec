export interface Backoff {
  readonly baseMs: number;
  readonly capMs: number;
}

/**
 * Delay before retry number `attempts` (1-based): exponential, capped, with "equal jitter" (half
 * fixed, half random) so clients that failed together do not retry together.
 */
export function backoffDelay(attempts: number, backoff: Backoff, random: () => number): number {
  const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
