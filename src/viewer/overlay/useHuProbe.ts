import type { StackViewport } from '@cornerstonejs/core';
import { useEffect, useState } from 'react';
import type { ViewerAdapter } from '../adapter';
import { probeSlice, type ProbeReading } from './huProbe';

/** The pixel value under the pointer on the slice shown, while the pointer is over the image. */
export function useHuProbe(adapter: ViewerAdapter | null, viewport: StackViewport | null): ProbeReading | null {
  const [reading, setReading] = useState<ProbeReading | null>(null);
  useEffect(() => {
    if (!adapter || !viewport) return;
    const element = adapter.element;
    const onMove = (event: PointerEvent) => {
      const image = viewport.getCornerstoneImage();
      if (!image || image.color || adapter.targetId() === null) return setReading(null);
      const box = element.getBoundingClientRect();
      const point = adapter.screenToImage([event.clientX - box.left, event.clientY - box.top]);
      const pixels = image.voxelManager?.getScalarData() ?? image.getPixelData();
      const rescale = { slope: image.slope, intercept: image.intercept, scaled: image.preScale?.scaled === true };
      setReading(probeSlice({ rows: image.rows, columns: image.columns, pixels, rescale }, point));
    };
    const onLeave = () => setReading(null);
    element.addEventListener('pointermove', onMove);
    element.addEventListener('pointerleave', onLeave);
    return () => {
      element.removeEventListener('pointermove', onMove);
      element.removeEventListener('pointerleave', onLeave);
    };
  }, [adapter, viewport]);
  return reading;
}
