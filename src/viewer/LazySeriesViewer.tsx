import { ChunkGate, type ChunkMessages } from './ChunkGate';
import { startDecodeWorkers } from './cornerstone/decodeWorkers';
import { lazyChunk } from './lazyChunk';
import type { SeriesViewerProps } from './SeriesViewer';

/**
 * The viewer's chunk (Cornerstone, codecs: several MB) loads only when a series is opened, so the
 * login and list screens never parse it. Call `preloadSeriesViewer()` early (e.g. when a list
 * shows an item) to have it ready by the time the user opens one.
 */
const seriesViewerChunk = lazyChunk(() => import('./SeriesViewer'));

export const preloadSeriesViewer = () => seriesViewerChunk.preload();

/**
 * For a series about to be shown: its decode workers started now (their script loads and compiles
 * beside Cornerstone's chunk), the chunk, then Cornerstone initialised at once with those workers,
 * while the page still loads the item's records and mounts the reading room, rather than when the
 * viewport mounts. Not for a list page's preload: workers nobody uses yet.
 */
export async function startSeriesViewer(): Promise<void> {
  startDecodeWorkers();
  const [, { initCornerstone }] = await Promise.all([seriesViewerChunk.preload(), import('./cornerstone/init')]);
  initCornerstone();
}

const MESSAGES: ChunkMessages = { loading: 'viewer.loading', failed: 'viewer.error.chunk', retry: 'viewer.retry' };

export function LazySeriesViewer(props: SeriesViewerProps) {
  return (
    <ChunkGate chunk={seriesViewerChunk} testIdPrefix="series-viewer" messages={MESSAGES}>
      {({ SeriesViewer }) => <SeriesViewer {...props} />}
    </ChunkGate>
  );
}

export type { SeriesViewerProps };
