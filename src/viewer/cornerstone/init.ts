import { getRenderingCapabilities, init as initCore } from '@cornerstonejs/core';
import { init as initDicomImageLoader } from '@cornerstonejs/dicom-image-loader';
import { decodeWorkerCount } from './decodeWorkers';
import { registerFileImageLoader } from './fileRegistry';
import { chooseRenderMode, parseRenderMode, RENDER_MODE_KEY, type RenderMode } from './renderMode';

export interface CornerstoneSetup {
  readonly renderMode: RenderMode;
}

function requestedRenderMode(): RenderMode | null {
  const fromUrl = parseRenderMode(new URLSearchParams(window.location.search).get('render'));
  try {
    if (fromUrl) sessionStorage.setItem(RENDER_MODE_KEY, fromUrl);
    return fromUrl ?? parseRenderMode(sessionStorage.getItem(RENDER_MODE_KEY));
  } catch {
    return fromUrl;
  }
}

let setup: CornerstoneSetup | null = null;

/**
 * Initialises Cornerstone core and the DICOM image loader once per page (tools load after the
 * first frame, see lazyTools). The v5 inits are synchronous; the module-level guard makes a second
 * call (React StrictMode runs effects twice, several viewers may mount) return the first result.
 */
export function initCornerstone(): CornerstoneSetup {
  if (setup) return setup;
  const renderMode = chooseRenderMode(requestedRenderMode(), getRenderingCapabilities());
  initCore({ rendering: { useCPURendering: renderMode === 'cpu' }, debug: {} });
  initDicomImageLoader({ maxWebWorkers: decodeWorkerCount(navigator.hardwareConcurrency) });
  registerFileImageLoader();
  setup = { renderMode };
  return setup;
}
