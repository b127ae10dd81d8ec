import { ChunkGate, type ChunkMessages } from '../ChunkGate';
import { lazyChunk } from '../lazyChunk';
import type { SlideViewerHandle, SlideViewerProps } from './SlideViewer';

/**
 * OpenSeadragon loads only when a slide is opened: its chunk stays out of the CT reader and the
 * list screens, as Cornerstone stays out of this one.
 */
const slideViewerChunk = lazyChunk(() => import('./SlideViewer'));

export const preloadSlideViewer = () => slideViewerChunk.preload();

const MESSAGES: ChunkMessages = { loading: 'slide.loading', failed: 'slide.chunkError', retry: 'slide.retry' };

export function LazySlideViewer(props: SlideViewerProps) {
  return (
    <ChunkGate chunk={slideViewerChunk} testIdPrefix="slide-viewer" messages={MESSAGES}>
      {({ SlideViewer }) => <SlideViewer {...props} />}
    </ChunkGate>
  );
}

export type { SlideViewerHandle, SlideViewerProps };
