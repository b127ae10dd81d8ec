import { ChunkGate, type ChunkMessages } from '../../viewer/ChunkGate';
import { lazyChunk } from '../../viewer/lazyChunk';
import type { FrameSetViewProps } from './FrameSetView';

/**
 * The frame-set workspace loads when a frame set is opened: the entry script every page parses
 * cold (a slide's first screen waits on it) stays without its grid, player and region tools.
 */
const frameSetViewChunk = lazyChunk(() => import('./FrameSetView'));

const MESSAGES: ChunkMessages = { loading: 'common.loading', failed: 'screen.chunkError', retry: 'screen.retry' };

export function LazyFrameSetView(props: FrameSetViewProps) {
  return (
    <ChunkGate chunk={frameSetViewChunk} testIdPrefix="frame-set" messages={MESSAGES}>
      {({ FrameSetView }) => <FrameSetView {...props} />}
    </ChunkGate>
  );
}
