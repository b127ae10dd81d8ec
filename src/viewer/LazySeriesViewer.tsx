import { ChunkGate, type ChunkMessages } from './ChunkGate';
import type { SeriesViewerProps } from './SeriesViewer';
import { seriesViewerChunk } from './seriesViewerStart';

/**
 * The viewer's chunk (Cornerstone, codecs: several MB) loads only when a series is opened, so the
 * login and list screens never parse it; `preloadSeriesViewer` and `startSeriesViewer`
 * (seriesViewerStart.ts) get it earlier.
 */
const MESSAGES: ChunkMessages = { loading: 'viewer.loading', failed: 'viewer.error.chunk', retry: 'viewer.retry' };

export function LazySeriesViewer(props: SeriesViewerProps) {
  return (
    <ChunkGate chunk={seriesViewerChunk} testIdPrefix="series-viewer" messages={MESSAGES}>
      {({ SeriesViewer }) => <SeriesViewer {...props} />}
    </ChunkGate>
  );
}

export type { SeriesViewerProps };
