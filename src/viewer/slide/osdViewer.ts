/**
 * Makes the slide's OpenSeadragon viewer with everything that follows it from the start (adapter,
 * controls, loading tracker). Free of React, so the early boot script can make it before the app's
 * bundle is evaluated (see src/early/earlyBoot.ts) and the slide viewer adopt it (useOsdViewer).
 */
import OpenSeadragon from 'openseadragon';
import type { SlideItem } from '../../core/item';
import { addNavigatorAfterFirstScreen } from './deferredNavigator';
import type { DecodedTiles } from './decodedTiles';
import { browserDrawer } from './drawerChoice';
import { baseMagnification } from './magnification';
import { OsdAdapter } from './osdAdapter';
import { SlideControls } from './slideControls';
import { SlideDisplayTracker } from './slideDisplayTracker';
import { SlideTileSource } from './slideTileSource';
import type { LoadTile } from './tileLoadError';
import { OSD_MIN_PIXEL_RATIO } from './tilePrefetch';

/** Tile jobs in flight at once: each asks the server for one tile. */
const IMAGE_LOADER_LIMIT = 6;

export interface OsdHandle {
  readonly viewer: OpenSeadragon.Viewer;
  readonly adapter: OsdAdapter;
  readonly controls: SlideControls;
  /** Loading state, followed from before the slide was opened. */
  readonly display: SlideDisplayTracker;
  /** Stops waiting to add the navigator (deferredNavigator.ts). */
  readonly cancelNavigator: () => void;
  /** The home view's tiles decoded ahead, if any (decodedTiles.ts): closed once the first screen is drawn. */
  readonly decoded: DecodedTiles | null;
}

/**
 * A viewer laid out at a stand-in size (the window's, its stage not laid out yet) draws levels no
 * finer than the screen: the home-view levels the early script fetched for that size
 * (homeViewTiles). With OpenSeadragon's own ratio it also asked the next finer level, which the
 * stage, smaller, does not show (wsi-tiles bench, cold: 7 tiles more, once the home view's bitmaps
 * were in before the app adopted the viewer). Back to OSD_MIN_PIXEL_RATIO at the stage's size.
 */
const STAND_IN_MIN_PIXEL_RATIO = 1;

/**
 * Its own keyboard and click-to-zoom are off: keys belong to the page (useReadingKeyboard), clicks
 * to the annotation tools. `loadTile` is called when a tile is wanted and `decoded` has none ready.
 * `standIn`: laid out at a stand-in size until `atStageSize`.
 */
export function createOsdHandle(element: HTMLElement, itemId: string, slide: SlideItem, loadTile: LoadTile, decoded: DecodedTiles | null = null, standIn = false): OsdHandle {
  const source = new SlideTileSource(itemId, slide, loadTile, decoded ? (level, x, y) => decoded.take(level, x, y) : undefined);
  const drawer = browserDrawer();
  const viewer = OpenSeadragon({
    element,
    drawer,
    showNavigationControl: false,
    // Added once the first screen is drawn (deferredNavigator.ts).
    showNavigator: false,
    keyboardNavEnabled: false,
    gestureSettingsMouse: { clickToZoom: false, dblClickToZoom: false },
    gestureSettingsTouch: { clickToZoom: false, dblClickToZoom: false },
    // Up to 2 screen px per full-resolution px: a closer look than the scan, no further.
    maxZoomPixelRatio: 2,
    minPixelRatio: standIn ? STAND_IN_MIN_PIXEL_RATIO : OSD_MIN_PIXEL_RATIO,
    visibilityRatio: 0.2,
    animationTime: 0.4,
    imageLoaderLimit: IMAGE_LOADER_LIMIT,
    // OpenSeadragon starts one tile per frame by default; with software rendering a frame takes
    // 20–50 ms here, which fetched a screen of tiles one after another (wsi-tiles bench).
    maxTilesPerFrame: 6,
    // A failed tile is reported at once; "Try again" reloads what is missing.
    tileRetryMax: 0,
  });
  const adapter = new OsdAdapter(viewer, itemId);
  const controls = new SlideControls(viewer, adapter, baseMagnification(slide));
  // Before the open, in this task: the tracker must hear the open and the first fully loaded draw.
  const display = new SlideDisplayTracker(viewer);
  const cancelNavigator = addNavigatorAfterFirstScreen(viewer, display, drawer);
  if (decoded) {
    // What the first screen did not take, it never will (a guess at a level OpenSeadragon skipped).
    const stopWatching = display.subscribe(() => {
      if (!display.snapshot().ready) return;
      stopWatching();
      decoded.close();
      viewer.imageLoader.jobLimit = IMAGE_LOADER_LIMIT;
    });
  }
  viewer.open({ tileSource: source });
  return { viewer, adapter, controls, display, cancelNavigator, decoded };
}

/**
 * A job whose tile is decoded ahead sends no request, it only waits for its bitmap: counted in the
 * limit, it held the home view's other tiles back until an update frame after it ended (wsi-tiles
 * bench, cold: the last 8 of 14 jobs started 20–50 ms after the first 6 had their bitmaps, one
 * frame apart). Room for them on top of the limit, until the first screen is drawn. Only once the
 * viewer is laid out at its stage's size: hidden at the window's (larger) size, OpenSeadragon spent
 * that room on a finer level's tiles the stage does not show (20 more tiles asked, same bench).
 */
export function makeRoomForDecodedTiles({ viewer, display, decoded }: OsdHandle): void {
  if (decoded && !display.snapshot().ready) viewer.imageLoader.jobLimit = IMAGE_LOADER_LIMIT + decoded.waiting;
}

/** The viewer's option, copied into each image it opens, which reads it at every update (OpenSeadragon's typings leave it out). */
interface DrawsDownTo {
  minPixelRatio: number;
}

/**
 * The viewer, just moved into its stage, at the stage's size and home view from its next frame.
 * OpenSeadragon would notice the new size a frame later (its ResizeObserver) and keep the stand-in's
 * zoom scaled by the two diagonals, not the home view: the slide drawn 1–5 % smaller than home and
 * a finer level asked for (wsi-tiles bench, cold: 18 tiles instead of 14). Its resize
 * (`forceResize`: in its next update, before it picks tiles) ends with that zoom, after the
 * viewport's own `after-resize`; the home view replaces it there, so the tiles it picks are the
 * home view's. No reader has moved a stand-in viewer: it is hidden and takes no input.
 */
export function atStageSize({ viewer }: OsdHandle): void {
  const images = Array.from({ length: viewer.world.getItemCount() }, (_, index) => viewer.world.getItemAt(index));
  const holders = [viewer, ...images] as unknown as DrawsDownTo[];
  const standIn = holders.some((holder) => holder.minPixelRatio !== OSD_MIN_PIXEL_RATIO);
  for (const holder of holders) holder.minPixelRatio = OSD_MIN_PIXEL_RATIO;
  const was = viewer.viewport.getContainerSize();
  const resized = was.x !== viewer.container.clientWidth || was.y !== viewer.container.clientHeight;
  if (resized) {
    viewer.addOnceHandler('after-resize', () => viewer.addOnceHandler('zoom', () => viewer.viewport.goHome(true)));
    viewer.forceResize();
  }
  if (standIn || resized) viewer.forceRedraw();
}

export function destroyOsdHandle({ viewer, adapter, display, cancelNavigator, decoded }: OsdHandle): void {
  cancelNavigator();
  decoded?.close();
  display.destroy();
  adapter.destroy();
  viewer.destroy();
}
