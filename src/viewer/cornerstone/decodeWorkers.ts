/**
 * Decode workers: one core stays with the page (rendering, input), at most four decode. A
 * two-core machine gets one worker.
 */
export function decodeWorkerCount(hardwareConcurrency: number | undefined): number {
  const cores = hardwareConcurrency && hardwareConcurrency > 0 ? hardwareConcurrency : 2;
  return Math.min(4, Math.max(1, cores - 1));
}
