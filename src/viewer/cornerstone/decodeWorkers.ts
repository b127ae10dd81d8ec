/**
 * Decode workers: one core stays with the page (rendering, input), at most four decode. A
 * two-core machine gets one worker.
 */
export function decodeWorkerCount(hardwareConcurrency: number | undefined): number {
  const cores = hardwareConcurrency && hardwareConcurrency > 0 ? hardwareConcurrency : 2;
  return Math.min(4, Math.max(1, cores - 1));
}

/**
 * The DICOM image loader's own decode worker (not in the package's exports, hence the path). This
 * module imports nothing of Cornerstone, so the page can start the workers as soon as it knows a
 * series will be shown: their script loads and compiles while Cornerstone's chunk (2.5 MB) is
 * still parsed and evaluated, instead of after it.
 */
function spawnDecodeWorker(): Worker {
  return new Worker(
    new URL('../../../node_modules/@cornerstonejs/dicom-image-loader/dist/esm/decodeImageFrameWorker.js', import.meta.url),
    { type: 'module' },
  );
}

/** Workers started ahead of Cornerstone, handed over once (see `takeDecodeWorker`). */
const started: Worker[] = [];
let startedAhead = false;

/** Starts the page's decode workers, once; the DICOM image loader takes them when it initialises (decodeWorkerHandOver). */
export function startDecodeWorkers(): void {
  if (startedAhead) return;
  startedAhead = true;
  for (let n = decodeWorkerCount(navigator.hardwareConcurrency); n > 0; n -= 1) started.push(spawnDecodeWorker());
}

/**
 * Cornerstone's worker factory: a worker started ahead, else a new one (no head start, or
 * Cornerstone replaces a worker it ended when idle).
 */
export function takeDecodeWorker(): Worker {
  return started.shift() ?? spawnDecodeWorker();
}
