import { getRenderingCapabilities, init as initCore } from '@cornerstonejs/core';
import { initDicomImageLoaderWithEarlyWorkers } from './decodeWorkerHandOver';
import { decodeWorkerCount } from './decodeWorkers';
import { registerFileImageLoader } from './fileRegistry';
import { readTabChoice } from '../tabChoice';
import { CORNERSTONE_READY_MARK } from './readyMark';
import { chooseRenderMode, RENDER_MODE_CHOICE, type RenderMode } from './renderMode';

export interface CornerstoneSetup {
  readonly renderMode: RenderMode;
}

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
  initDicomImageLoaderWithEarlyWorkers(decodeWorkerCount(navigator.hardwareConcurrency));
  registerFileImageLoader();
  setup = { renderMode };
  performance.mark(CORNERSTONE_READY_MARK);
  return setup;
}
