/** The reviewer's read-only overlay of readers' outlines on a slide (see readerOutlineOverlay.ts), kept for the adapter's life. */
import { useEffect, useState } from 'react';
import type { Box } from '../../../core/bounds';
import type { ViewerAdapter } from '../../adapter';
import type { ReaderLayer } from './drawReaderLayers';
import { ReaderOutlineOverlay } from './readerOutlineOverlay';

export type { ReaderLayer };

export function ReaderOutlines({ adapter, layers, focus }: { readonly adapter: ViewerAdapter; readonly layers: readonly ReaderLayer[]; readonly focus: Box | null }) {
  const [overlay, setOverlay] = useState<ReaderOutlineOverlay | null>(null);
  useEffect(() => {
    const next = new ReaderOutlineOverlay(adapter);
    setOverlay(next);
    return () => next.destroy();
  }, [adapter]);
  useEffect(() => overlay?.show(layers, focus), [overlay, layers, focus]);
  return null;
}
