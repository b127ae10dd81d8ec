import OpenSeadragon from 'openseadragon';
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { SlideItem } from '../../core/item';
import { browserDrawer } from './drawerChoice';
import { baseMagnification } from './magnification';
import { OsdAdapter } from './osdAdapter';
import { SlideDisplayTracker } from './slideDisplayTracker';
import { SlideControls } from './slideControls';
import { SlideTileSource } from './slideTileSource';
import type { LoadTile } from './tileLoadError';

export interface OsdHandle {
  readonly viewer: OpenSeadragon.Viewer;
  readonly adapter: OsdAdapter;
  readonly controls: SlideControls;
  /** Loading state, followed from before the slide was opened. */
  readonly display: SlideDisplayTracker;
}

/**
 * One OpenSeadragon viewer per mounted element and slide, destroyed on unmount. Its own keyboard
 * and click-to-zoom are off: keys belong to the page (useReadingKeyboard), clicks to the
 * annotation tools. `loadTile` is read when a tile is wanted, so a new function does not reopen the slide.
 */
export function useOsdViewer(
  elementRef: RefObject<HTMLDivElement | null>,
  itemId: string,
  slide: SlideItem,
  loadTileRef: RefObject<LoadTile>,
): OsdHandle | null {
  const [handle, setHandle] = useState<OsdHandle | null>(null);
  // By content: a page that rebuilds an equal item (a refreshed detail) must not reopen the slide.
  const slideKey = JSON.stringify(slide);
  const slideRef = useRef(slide);
  slideRef.current = slide;

  // In the commit that mounts the element, not an effect after the page's paint: the slide's
  // first tiles are on that path, the page's paint is not.
  useLayoutEffect(() => {
    const slide = slideRef.current;
    const element = elementRef.current;
    if (!element) return;
    const source = new SlideTileSource(itemId, slide, (level, x, y) => loadTileRef.current(level, x, y));
    const viewer = OpenSeadragon({
      element,
      drawer: browserDrawer(),
      showNavigationControl: false,
      showNavigator: true,
      navigatorPosition: 'BOTTOM_RIGHT',
      navigatorAutoFade: false,
      keyboardNavEnabled: false,
      gestureSettingsMouse: { clickToZoom: false, dblClickToZoom: false },
      gestureSettingsTouch: { clickToZoom: false, dblClickToZoom: false },
      // Up to 2 screen px per full-resolution px: a closer look than the scan, no further.
      maxZoomPixelRatio: 2,
      visibilityRatio: 0.2,
      animationTime: 0.4,
      imageLoaderLimit: 6,
      // OpenSeadragon starts one tile per frame by default; with software rendering a frame takes
      // 20–50 ms here, which fetched a screen of tiles one after another (wsi-tiles bench).
      maxTilesPerFrame: 6,
      // A failed tile is reported at once; "Try again" reloads what is missing.
      tileRetryMax: 0,
    });
    const adapter = new OsdAdapter(viewer, itemId);
    const controls = new SlideControls(viewer, adapter, baseMagnification(slide));
    const display = new SlideDisplayTracker(viewer);
    // In this task, not after the render the new handle causes: the tracker already listens.
    viewer.open({ tileSource: source });
    setHandle({ viewer, adapter, controls, display });
    return () => {
      setHandle(null);
      display.destroy();
      adapter.destroy();
      viewer.destroy();
    };
  }, [elementRef, itemId, slideKey, loadTileRef]);

  return handle;
}
