/**
 * The check pass over several de-identification workers: the picked files dealt out in turn (file
 * i to worker i mod n, so each worker's share spreads over the whole upload and the results come
 * back near their order), and their results handed on strictly in the picked order, as one worker
 * would hand them: the rows, the progress line and the staged sends see no difference.
 */

/** Workers a check pass may use at most: past this, the browser's IO thread (every head read) is the floor. */
export const MAX_CHECK_WORKERS = 4;

/**
 * Files a worker must have to be worth starting: a worker costs its start (the module loaded and
 * compiled, ~100 ms) before its first file, and each reads its heads in runs (headsAhead.ts).
 */
export const MIN_FILES_PER_CHECK_WORKER = 32;

/**
 * Workers for a check pass on a machine of `cores` (navigator.hardwareConcurrency; unknown: one):
 * the cores left over once the page has one. The page, the browser's IO thread and the staged sends
 * run beside the check, so a second worker on a 2-core machine only competes with them (measured:
 * 3.34–3.50 ms a file with two workers against 3.21–3.29 with one, bench/README "deid").
 */
export function checkPoolSize(cores: number | undefined): number {
  return Math.max(1, Math.min(MAX_CHECK_WORKERS, Math.floor(cores ?? 1) - 1));
}

/** How many of `poolSize` workers `fileCount` files keep busy. */
export const workersFor = (fileCount: number, poolSize: number): number => Math.max(1, Math.min(poolSize, Math.ceil(fileCount / MIN_FILES_PER_CHECK_WORKER)));

/** `items` dealt out to `workers` in turn: share k holds items k, k + workers, k + 2·workers… */
export function dealtOut<T>(items: readonly T[], workers: number): T[][] {
  const shares: T[][] = Array.from({ length: workers }, () => []);
  items.forEach((item, i) => shares[i % workers]!.push(item));
  return shares;
}

export interface InOrder<T> {
  /** Result `index` arrived; it and every result after it that already arrived are handed on, in order. */
  arrived(index: number, result: T): void;
  /** How many results were handed on (the files before the first one still out). */
  readonly handedOn: number;
}

/** Results handed to `handOn` in index order, whatever order they arrive in; the early ones wait here. */
export function inOrder<T>(handOn: (index: number, result: T) => void): InOrder<T> {
  const early = new Map<number, T>();
  let next = 0;
  return {
    arrived(index, result) {
      early.set(index, result);
      while (early.has(next)) {
        const waiting = early.get(next) as T; // has(next) just said it is there
        early.delete(next);
        handOn(next, waiting);
        next += 1;
      }
    },
    get handedOn() {
      return next;
    },
  };
}
