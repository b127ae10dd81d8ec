/**
 * The segmentation benchmark's baseline: Cornerstone3D's own labelmap brush (`BrushTool`,
 * FILL_INSIDE_CIRCLE, on the primary button) on a bare stack viewport with a labelmap
 * segmentation of one segment, no React, no app code. The benchmark calls
 * `window.__bareSegmentation.start(…)` with the series' file paths, the bearer token, the slice to
 * show, the brush diameter (mm) and the viewport size, then drives the mouse as on the app.
 *
 * Every slice is loaded before the labelmaps are derived (a derived image needs its source's
 * metadata). The labelmap is drawn by vtk.js actors, so this page renders on WebGL (SwiftShader
 * here): Cornerstone has no CPU path for a stack labelmap.
 */
import { cache, Enums, eventTarget, imageLoader, init, RenderingEngine, type StackViewport, type Types } from '@cornerstonejs/core';
import { init as initDicomImageLoader } from '@cornerstonejs/dicom-image-loader';
import { addTool, BrushTool, Enums as ToolEnums, init as initTools, segmentation, ToolGroupManager, utilities as toolUtilities } from '@cornerstonejs/tools';
import { decodeWorkerCount } from '../../src/viewer/cornerstone/decodeWorkers';

export interface BareSegmentationConfig {
  /** Server paths of the series' DICOM files, in slice order. */
  readonly files: readonly string[];
  readonly token: string;
  readonly sliceIndex: number;
  /** Brush diameter in mm (Cornerstone sizes its brush in world units). */
  readonly brushSizeMm: number;
  readonly w: number;
  readonly h: number;
}

export interface BareSegmentation {
  start(config: BareSegmentationConfig): Promise<void>;
  /** CSS px in the viewport element of image pixel (column, row)'s centre. */
  imageToCanvas(column: number, row: number): [number, number];
  /** Labelmap pixels set on the shown slice. */
  paintedPixels(): number;
  /** The segmentation's labelmap bytes (every slice). */
  labelmapBytes(): number;
  /** When each labelmap render ended (performance.now()). */
  readonly renderTimes: readonly number[];
}

declare global {
  interface Window {
    __bareSegmentation?: BareSegmentation;
  }
}

const VIEWPORT_ID = 'bare-stack';
const TOOL_GROUP_ID = 'bare-segmentation';
const SEGMENTATION_ID = 'bare-labelmap';
const root = document.getElementById('root') as HTMLDivElement;
const element = document.getElementById('viewport') as HTMLDivElement;
let viewport: StackViewport | null = null;
let labelmapIds: string[] = [];
const renderTimes: number[] = [];

function shown(): StackViewport {
  if (!viewport) throw new Error('bare segmentation: not started');
  return viewport;
}

async function start(config: BareSegmentationConfig): Promise<void> {
  element.style.width = `${config.w}px`;
  element.style.height = `${config.h}px`;
  init({ rendering: { useCPURendering: false }, debug: {} });
  initDicomImageLoader({ maxWebWorkers: decodeWorkerCount(navigator.hardwareConcurrency), beforeSend: () => ({ Authorization: `Bearer ${config.token}` }) });
  initTools();
  addTool(BrushTool);
  const engine = new RenderingEngine('bare-engine');
  engine.enableElement({ viewportId: VIEWPORT_ID, type: Enums.ViewportType.STACK, element, defaultOptions: { background: [0, 0, 0] } });
  viewport = engine.getViewport(VIEWPORT_ID) as StackViewport;
  const toolGroup = ToolGroupManager.createToolGroup(TOOL_GROUP_ID);
  if (!toolGroup) throw new Error('bare segmentation: no tool group');
  toolGroup.addTool(BrushTool.toolName);
  toolGroup.addViewport(VIEWPORT_ID, engine.id);
  toolGroup.setToolActive(BrushTool.toolName, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Primary }] });

  const imageIds = config.files.map((file) => `wadouri:${new URL(file, window.location.origin).href}`);
  await Promise.all(imageIds.map((id) => imageLoader.loadAndCacheImage(id)));
  await viewport.setStack(imageIds, config.sliceIndex);
  labelmapIds = imageLoader.createAndCacheDerivedLabelmapImages(imageIds).map((image) => image.imageId);
  segmentation.addSegmentations([
    { segmentationId: SEGMENTATION_ID, representation: { type: ToolEnums.SegmentationRepresentations.Labelmap, data: { imageIds: labelmapIds } } },
  ]);
  await segmentation.addLabelmapRepresentationToViewport(VIEWPORT_ID, [{ segmentationId: SEGMENTATION_ID }]);
  segmentation.segmentIndex.setActiveSegmentIndex(SEGMENTATION_ID, 1);
  toolUtilities.segmentation.setBrushSizeForToolGroup(TOOL_GROUP_ID, config.brushSizeMm);
  eventTarget.addEventListener(ToolEnums.Events.SEGMENTATION_RENDERED, () => renderTimes.push(performance.now()));
  const rendered = new Promise<void>((resolve) => element.addEventListener(Enums.Events.IMAGE_RENDERED, () => resolve(), { once: true }));
  viewport.render();
  await rendered;
  root.dataset.ready = 'true';
}

function labelmapPixels(imageId: string): Types.PixelDataTypedArray {
  const image = cache.getImage(imageId);
  if (!image) throw new Error(`bare segmentation: no labelmap image ${imageId}`);
  return image.voxelManager?.getScalarData() ?? image.getPixelData();
}

window.__bareSegmentation = {
  start,
  imageToCanvas(column, row) {
    const view = shown();
    const image = view.getCornerstoneImage();
    const world = view.getImageData()?.imageData.indexToWorld?.([column, row, 0]) as Types.Point3 | undefined;
    if (!image || !world) throw new Error('bare segmentation: no image shown');
    return view.worldToCanvas(world) as [number, number];
  },
  paintedPixels() {
    const pixels = labelmapPixels(labelmapIds[shown().getCurrentImageIdIndex()] as string);
    let n = 0;
    for (let i = 0; i < pixels.length; i++) if (pixels[i]) n += 1;
    return n;
  },
  labelmapBytes() {
    return labelmapIds.reduce((bytes, id) => bytes + labelmapPixels(id).byteLength, 0);
  },
  renderTimes,
};
