import type { SliceRef } from '../core/item';
import { startDecodeWorkers } from './cornerstone/decodeWorkers';
import type { LoadFile } from './cornerstone/fileRegistry';
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
 * beside Cornerstone's chunk), the viewer's chunk asked for, and Cornerstone initialised as soon
 * as its own chunk is evaluated (not once the viewer's components are too), while the page still
 * loads the item's records and mounts the reading room. Not for a list page's preload: workers
 * nobody uses yet. Each step happens once per page however often this is called (initCornerstone
 * and startDecodeWorkers are guarded).
 */
export async function startSeriesViewer(): Promise<void> {
  startDecodeWorkers();
  seriesViewerChunk.preload().catch(() => undefined);
  const { initCornerstone } = await import('./cornerstone/init');
  initCornerstone();
}

/**
 * The slice a series opens on decoded into Cornerstone's cache as soon as Cornerstone is
 * initialised, its bytes through `loadFile`: the viewport, once mounted, draws it without waiting
 * for a decode (firstSliceAhead.ts). Asked once per slice however often this is called.
 */
export async function decodeSliceAhead(slice: Pick<SliceRef, 'fileId' | 'frame'>, loadFile: LoadFile): Promise<void> {
  // Its chunk asked for beside Cornerstone's, not after its init.
  const [, { decodeFirstSliceAhead }] = await Promise.all([startSeriesViewer(), import('./cornerstone/firstSliceAhead')]);
  await decodeFirstSliceAhead(slice, loadFile);
}
