/**
 * The first-image baseline: Cornerstone3D alone (no React, no app code but the decode-worker
 * count), fetching one DICOM file from the dataset server with the user's bearer token through
 * the DICOM image loader's own `wadouri:` path and showing it in a stack viewport.
 *
 * Query: `file` (server path of the DICOM file), `token`, `render` (cpu | gpu), `w`/`h` (viewport
 * size in CSS px, the app's viewer size so both draw the same number of pixels). Sets
 * `data-ready="true"` on the root, as the app's viewer does, once the image is on screen.
 */
import { Enums, init, RenderingEngine, type StackViewport } from '@cornerstonejs/core';
import { init as initDicomImageLoader } from '@cornerstonejs/dicom-image-loader';
import { decodeWorkerCount } from '../../src/viewer/cornerstone/decodeWorkers';

function required(params: URLSearchParams, name: string): string {
  const value = params.get(name);
  if (!value) throw new Error(`bare viewer: missing ?${name}=`);
  return value;
}

const params = new URLSearchParams(window.location.search);
const file = required(params, 'file');
const token = required(params, 'token');
const render = required(params, 'render');
if (render !== 'cpu' && render !== 'gpu') throw new Error(`bare viewer: render must be cpu or gpu, got ${render}`);

const root = document.getElementById('root') as HTMLDivElement;
const element = document.getElementById('viewport') as HTMLDivElement;
element.style.width = `${Number(params.get('w') ?? 512)}px`;
element.style.height = `${Number(params.get('h') ?? 512)}px`;

// The same configuration object the app passes (the type requires `debug`).
init({ rendering: { useCPURendering: render === 'cpu' }, debug: {} });
// The same number of decode workers as the app, so the comparison is about everything else.
initDicomImageLoader({
  maxWebWorkers: decodeWorkerCount(navigator.hardwareConcurrency),
  beforeSend: () => ({ Authorization: `Bearer ${token}` }),
});

const engine = new RenderingEngine('bare-engine');
engine.enableElement({
  viewportId: 'bare-stack',
  type: Enums.ViewportType.STACK,
  element,
  defaultOptions: { background: [0, 0, 0] },
});
const viewport = engine.getViewport('bare-stack') as StackViewport;
element.addEventListener(Enums.Events.IMAGE_RENDERED, () => {
  if (viewport.getCornerstoneImage()) root.dataset.ready = 'true';
});
viewport.setStack([`wadouri:${new URL(file, window.location.origin).href}`], 0).catch((error: unknown) => {
  root.dataset.error = String(error);
});
