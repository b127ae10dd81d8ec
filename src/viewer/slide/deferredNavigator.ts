/**
 * The navigator (OpenSeadragon's overview in a corner), added once the first full screen of tiles
 * is drawn. Made with the viewer, it is a second viewer built, laid out (a forced layout of the
 * page), opened and updated on every frame before the first screen: ~100 ms of main-thread work
 * in the early boot script's viewer and a few ms of each first frame (wsi-tiles bench profile),
 * for a picture nobody looks at before the slide is on screen. It comes a frame after the first
 * screen, or after the first failed tile (what drew is then all there is).
 */
import OpenSeadragon from 'openseadragon';
import type { SlideDisplayTracker } from './slideDisplayTracker';

const NAVIGATOR_POSITION = 'BOTTOM_RIGHT';

/**
 * Options OpenSeadragon's Viewer passes its Navigator (openseadragon.js, "Instantiate a navigator
 * if configured"); the Navigator's constructor is not in its typings, hence the local type.
 */
interface NavigatorOptions {
  readonly viewer: OpenSeadragon.Viewer;
  readonly position: string;
  readonly sizeRatio: number;
  readonly maintainSizeRatio: boolean;
  readonly autoFade: boolean;
  readonly prefixUrl: string;
  readonly navigatorRotate: boolean;
  readonly background: string;
  readonly opacity: number;
  readonly borderColor: string;
  readonly displayRegionColor: string;
  readonly crossOriginPolicy: string | boolean;
  readonly animationTime: number;
  readonly drawer: string;
}
type NavigatorConstructor = new (options: NavigatorOptions) => OpenSeadragon.Navigator;

/** The viewer's settings the navigator is made from; OpenSeadragon keeps every option on the viewer. */
interface NavigatorSettings {
  readonly navigatorSizeRatio: number;
  readonly navigatorMaintainSizeRatio: boolean;
  readonly prefixUrl: string;
  readonly navigatorRotate: boolean;
  readonly navigatorBackground: string;
  readonly navigatorOpacity: number;
  readonly navigatorBorderColor: string;
  readonly navigatorDisplayRegionColor: string;
  readonly crossOriginPolicy: string | boolean;
  readonly animationTime: number;
}

function addNavigator(viewer: OpenSeadragon.Viewer, drawer: string): void {
  const item = viewer.world.getItemAt(0);
  if (viewer.isDestroyed?.() || !item) return;
  const settings = viewer as unknown as NavigatorSettings;
  const Navigator = OpenSeadragon.Navigator as unknown as NavigatorConstructor;
  const navigator = new Navigator({
    viewer,
    position: NAVIGATOR_POSITION,
    sizeRatio: settings.navigatorSizeRatio,
    maintainSizeRatio: settings.navigatorMaintainSizeRatio,
    autoFade: false,
    prefixUrl: settings.prefixUrl,
    navigatorRotate: settings.navigatorRotate,
    background: settings.navigatorBackground,
    opacity: settings.navigatorOpacity,
    borderColor: settings.navigatorBorderColor,
    displayRegionColor: settings.navigatorDisplayRegionColor,
    crossOriginPolicy: settings.crossOriginPolicy,
    animationTime: settings.animationTime,
    drawer,
  });
  viewer.navigator = navigator;
  // What the viewer does for each item it opens while it has a navigator (Viewer.addTiledImage);
  // `originalTiledImage` ties the overview's item to the view's, and is not in the typings.
  const options: OpenSeadragon.TileSourceSpecifier & { readonly originalTiledImage: OpenSeadragon.TiledImage } = { tileSource: item.source, originalTiledImage: item };
  navigator.addTiledImage(options);
}

/** Adds the navigator a frame after `display` first says drawn (or a tile failed); returns a cancel. */
export function addNavigatorAfterFirstScreen(viewer: OpenSeadragon.Viewer, display: SlideDisplayTracker, drawer: string): () => void {
  let frame: number | undefined;
  let task: ReturnType<typeof setTimeout> | undefined;
  const due = () => {
    const { ready, failed } = display.snapshot();
    return ready || failed.offline + failed.server + failed.rebuilt > 0;
  };
  const schedule = () => {
    if (!due() || frame !== undefined) return;
    unsubscribe();
    // After the frame that shows the first screen, so nothing of the navigator's is in it.
    frame = requestAnimationFrame(() => {
      task = setTimeout(() => addNavigator(viewer, drawer), 0);
    });
  };
  const unsubscribe = display.subscribe(schedule);
  schedule();
  return () => {
    unsubscribe();
    if (frame !== undefined) cancelAnimationFrame(frame);
    clearTimeout(task);
  };
}
