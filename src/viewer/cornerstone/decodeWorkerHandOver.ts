import { getWebWorkerManager, utilities } from '@cornerstonejs/core';
import { init as initDicomImageLoader } from '@cornerstonejs/dicom-image-loader';
import { takeDecodeWorker } from './decodeWorkers';

/** The name the DICOM image loader gives its decode workers in Cornerstone's worker manager. */
export const DECODE_WORKER_NAME = 'dicomImageLoader';

/**
 * Cornerstone's loggers are loglevel loggers. Their published type leaves out `setLevel`'s
 * `persist`, without which loglevel would store the level in localStorage on every page.
 */
interface LoglevelLogger {
  getLevel(): number;
  setLevel(level: number | 'error', persist: boolean): void;
}

/** Runs `run` with the worker manager's registration warnings held back (errors still show). */
function withRegistrationWarningsHeld(run: () => void): void {
  // The very logger the manager writes to: loglevel hands out one logger per name.
  const log = utilities.logger.coreLog.getLogger('webWorkerManager', 'webWorkerManager') as unknown as LoglevelLogger;
  const level = log.getLevel();
  log.setLevel('error', false);
  try {
    run();
  } finally {
    log.setLevel(level, false);
  }
}

/**
 * Initialises the DICOM image loader with the decode workers `startDecodeWorkers` started ahead of
 * Cornerstone's chunk; returns whether the loader kept them.
 *
 * The loader (5.14) has no option to bring one's own workers: its `init` always registers its own
 * factory under DECODE_WORKER_NAME, and the worker manager keeps the first registration under a
 * name (warning about the second) unless told to overwrite. So ours is registered first and the
 * loader's is the one dropped; registering ours after it with `overwrite` would start the loader's
 * workers first and leave them running. That expected warning is held back for this one call, and
 * what the loader did is checked rather than assumed: should an upgrade make it replace our pool,
 * our workers are ended, the loader's serve, and the page says the head start is lost.
 *
 * `takeWorker` is Cornerstone's worker factory; a test passes its own (Node has no Web Worker).
 */
export function initDicomImageLoaderWithEarlyWorkers(
  maxWebWorkers: number,
  takeWorker: () => Worker = takeDecodeWorker,
): boolean {
  const manager = getWebWorkerManager();
  manager.registerWorker(DECODE_WORKER_NAME, takeWorker, { maxWorkerInstances: maxWebWorkers });
  const ours = manager.workerRegistry[DECODE_WORKER_NAME];
  withRegistrationWarningsHeld(() => initDicomImageLoader({ maxWebWorkers }));
  const kept = manager.workerRegistry[DECODE_WORKER_NAME]?.workerFn === takeWorker;
  if (!kept) {
    if (ours?.workerFn === takeWorker) for (const worker of ours.nativeWorkers) worker.terminate();
    console.warn('The DICOM image loader did not keep the decode workers started ahead; it started its own.');
  }
  return kept;
}
