import { startDecodeWorkers } from './cornerstone/decodeWorkers';
import { lazyChunk } from './lazyChunk';

/**
 * The series viewer's chunk (Cornerstone, codecs: several MB) and Cornerstone's start, without
 * React or Cornerstone itself: the early boot script (src/early/earlyBoot.ts) imports this before
 * the app's bundle has run, and the app imports the same module (one shared chunk), so whichever
 * starts first, the other finds the chunk loading and Cornerstone initialised once.
 */
export const seriesViewerChunk = lazyChunk(() => import('./SeriesViewer'));

/** The chunk alone, e.g. when a list shows an item, so it is ready by the time one is opened. */
export const preloadSeriesViewer = () => seriesViewerChunk.preload();

/**
 * For a series about to be shown: its decode workers started now (their script loads and compiles
 * beside Cornerstone's chunk), the chunk, then Cornerstone initialised at once with those workers,
 * while the page still loads the item's records and mounts the reading room, rather than when the
 * viewport mounts. Not for a list page's preload: workers nobody uses yet. Each step happens once
 * per page however often this is called (initCornerstone and startDecodeWorkers are guarded).
 */
export async function startSeriesViewer(): Promise<void> {
  startDecodeWorkers();
  const [, { initCornerstone }] = await Promise.all([seriesViewerChunk.preload(), import('./cornerstone/init')]);
  initCornerstone();
}
