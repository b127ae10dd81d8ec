import { cache } from '@cornerstonejs/core';
import { useEffect, useRef } from 'react';
import { imagePixelToCanvas } from './canvasMapping';
import { pixelIndex, storedToModality } from './imageGeometry';
import type { ViewportHandle } from './useStackViewport';
import type { PresetName, WindowLevel } from './windowing';

/**
 * `window.__mejirushiViewer`: what end-to-end tests need to check that the right image is shown
 * (pixel values read back from the rendered canvas). Present while a viewer is mounted.
 * Units: row/col are image px of the current slice (origin top-left); canvas px are CSS px.
 */
export interface ViewerTestHook {
  imageToCanvas(row: number, col: number): [number, number];
  /** Grey 0–255 drawn on the canvas at that image pixel (mean of R, G, B). */
  readDisplayedGrey(row: number, col: number): number;
  /** Stored value with the modality LUT applied (HU for CT); NaN for colour images. */
  storedHu(row: number, col: number): number;
  /** Decoded red, green, blue (0–255) of a colour image; null for grey images. */
  storedRgb(row: number, col: number): [number, number, number] | null;
  /** Bytes of the decoded images Cornerstone's cache holds (all viewers'), as it counts them. */
  cachedImageBytes(): number;
  readonly sliceIndex: number;
  readonly voi: WindowLevel | null;
  setPreset(name: PresetName): void;
}

declare global {
  interface Window {
    __mejirushiViewer?: ViewerTestHook;
  }
}

interface HookState {
  readonly handle: ViewportHandle | null;
  /** The current slice is drawn on a canvas of the current size (`data-ready`). */
  readonly ready: boolean;
  readonly sliceIndex: number;
  readonly voi: WindowLevel | null;
  readonly setPreset: (name: PresetName) => void;
}

function shownImage(handle: ViewportHandle | null) {
  const image = handle?.viewport.getCornerstoneImage();
  if (!handle || !image) throw new Error('No slice is displayed yet');
  return { handle, image };
}

/** Reading the canvas while a slice loads or after a resize would read a stale or blank frame. */
function renderedImage(state: HookState) {
  if (!state.ready) throw new Error('The viewer is not ready (wait for data-ready="true")');
  return shownImage(state.handle);
}

function imageToCanvas(state: HookState, row: number, col: number): [number, number] {
  const shown = renderedImage(state);
  pixelIndex(row, col, shown.image.rows, shown.image.columns);
  const { viewport, renderMode } = shown.handle;
  return imagePixelToCanvas(viewport, renderMode, shown.image.imageId, row, col);
}

function readDisplayedGrey(state: HookState, row: number, col: number): number {
  const [x, y] = imageToCanvas(state, row, col);
  const canvas = renderedImage(state).handle.viewport.getCanvas();
  const scale = canvas.width / canvas.getBoundingClientRect().width;
  const px = Math.floor(x * scale);
  const py = Math.floor(y * scale);
  if (px < 0 || py < 0 || px >= canvas.width || py >= canvas.height) {
    throw new RangeError(`Pixel (row ${row}, col ${col}) is off the canvas (zoomed or panned away)`);
  }
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('The viewport canvas has no 2D context to read');
  const [r, g, b] = context.getImageData(px, py, 1, 1).data;
  return Math.round(((r ?? 0) + (g ?? 0) + (b ?? 0)) / 3);
}

function storedHu(handle: ViewportHandle | null, row: number, col: number): number {
  const { image } = shownImage(handle);
  if (image.color) return Number.NaN;
  const pixels = image.voxelManager?.getScalarData() ?? image.getPixelData();
  const value = pixels[pixelIndex(row, col, image.rows, image.columns)];
  if (value === undefined) throw new Error(`No stored value at (row ${row}, col ${col})`);
  return storedToModality(value, {
    slope: image.slope,
    intercept: image.intercept,
    scaled: image.preScale?.scaled === true,
  });
}

function storedRgb(handle: ViewportHandle | null, row: number, col: number): [number, number, number] | null {
  const { image } = shownImage(handle);
  if (!image.color) return null;
  const pixels = image.voxelManager?.getScalarData() ?? image.getPixelData();
  const components = pixels.length / (image.rows * image.columns);
  const start = pixelIndex(row, col, image.rows, image.columns) * components;
  return [pixels[start] ?? Number.NaN, pixels[start + 1] ?? Number.NaN, pixels[start + 2] ?? Number.NaN];
}

/** Installs the hook while mounted; the latest state is read at call time. */
export function useViewerTestHook(state: HookState): void {
  const stateRef = useRef(state);
  stateRef.current = state;

  useEffect(() => {
    const hook: ViewerTestHook = {
      imageToCanvas: (row, col) => imageToCanvas(stateRef.current, row, col),
      readDisplayedGrey: (row, col) => readDisplayedGrey(stateRef.current, row, col),
      storedHu: (row, col) => storedHu(stateRef.current.handle, row, col),
      storedRgb: (row, col) => storedRgb(stateRef.current.handle, row, col),
      cachedImageBytes: () => cache.getCacheSize(),
      get sliceIndex() {
        return stateRef.current.sliceIndex;
      },
      get voi() {
        return stateRef.current.voi;
      },
      setPreset: (name) => stateRef.current.setPreset(name),
    };
    window.__mejirushiViewer = hook;
    return () => {
      if (window.__mejirushiViewer === hook) delete window.__mejirushiViewer;
    };
  }, []);
}
