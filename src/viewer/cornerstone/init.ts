import { getRenderingCapabilities, getWebWorkerManager, init as initCore } from '@cornerstonejs/core';
import { init as initDicomImageLoader } from '@cornerstonejs/dicom-image-loader';
import { decodeWorkerCount, takeDecodeWorker } from './decodeWorkers';
import { registerFileImageLoader } from './fileRegistry';
import { readTabChoice } from '../tabChoice';
import { chooseRenderMode, RENDER_MODE_CHOICE, type RenderMode } from './renderMode';

export interface CornerstoneSetup {
  readonly renderMode: RenderMode;
}

/** The name the DICOM image loader gives its decode workers in Cornerstone's worker manager. */
const DECODE_WORKER_NAME = 'dicomImageLoader';

let setup: CornerstoneSetup | null = null;

/**
 * Initialises Cornerstone core and the DICOM image loader once per page (tools load after the
 * first frame, see lazyTools). The v5 inits are synchronous; the module-level guard makes a second
 * call (React StrictMode runs effects twice, several viewers may mount) return the first result.
 */
export function initCornerstone(): CornerstoneSetup {
  if (setup) return setup;
  const renderMode = chooseRenderMode(readTabChoice(RENDER_MODE_CHOICE), getRenderingCapabilities());
  initCore({ rendering: { useCPURendering: renderMode === 'cpu' }, debug: {} });
  const maxWebWorkers = decodeWorkerCount(navigator.hardwareConcurrency);
  // Registered under the loader's name before the loader's init, which then keeps this pool (it
  // logs that the name is taken) rather than starting workers of its own: the pool hands over
  // the workers `startDecodeWorkers` started ahead of this chunk.
  getWebWorkerManager().registerWorker(DECODE_WORKER_NAME, takeDecodeWorker, { maxWorkerInstances: maxWebWorkers });
  initDicomImageLoader({ maxWebWorkers });
  registerFileImageLoader();
  setup = { renderMode };
  return setup;
}
