import type { StackViewport } from '@cornerstonejs/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useT } from '../../i18n';
import type { ViewerAdapter } from '../adapter';
import { oneDecimal } from '../oneDecimal';
import type { WindowLevel } from '../windowing';
import { EdgeLetters } from './EdgeLetters';
import { edgeMarkers } from './orientationMarkers';
import { readSliceMetadata } from './readSliceMetadata';
import { sliceLocationMm, zoomPercent, type SliceMetadata } from './sliceContext';
import { useHuProbe } from './useHuProbe';
import './ViewportContext.css';

interface ViewportContextProps {
  readonly adapter: ViewerAdapter | null;
  readonly viewport: StackViewport | null;
  /** The slice drawn now (null while the next one loads: the last one's text stays meanwhile). */
  readonly imageId: string | null;
  readonly sliceIndex: number;
  readonly sliceCount: number;
  readonly voi: WindowLevel | null;
  readonly modality: string | null;
}

/** Current zoom, re-read whenever the view changes while a slice is on screen. */
function useZoom(adapter: ViewerAdapter | null): number | null {
  const [zoom, setZoom] = useState<number | null>(null);
  useEffect(() => {
    if (!adapter) return;
    const read = () => {
      if (adapter.targetId() !== null) setZoom(zoomPercent(adapter.imagePxPerScreenPx()));
    };
    read();
    return adapter.onViewChange(read);
  }, [adapter]);
  return zoom;
}

/**
 * Corner text of the viewport: the series and where the slice lies (top right), slice and HU
 * under the pointer (bottom left), zoom and window (bottom right), orientation letters at the
 * edges. Read from the slice's own metadata; no patient identity is ever read here.
 */
export function ViewportContext({ adapter, viewport, imageId, sliceIndex, sliceCount, voi, modality }: ViewportContextProps) {
  const t = useT();
  const lastRef = useRef<SliceMetadata | null>(null);
  const metadata = useMemo(() => (imageId ? readSliceMetadata(imageId) : lastRef.current), [imageId]);
  lastRef.current = metadata;
  const location = metadata ? sliceLocationMm(metadata) : null;
  const markers = metadata?.imageOrientationPatient ? edgeMarkers(metadata.imageOrientationPatient) : null;
  const zoom = useZoom(adapter);
  const probe = useHuProbe(adapter, viewport);
  const unit = modality === 'CT' ? 'HU' : '';

  return (
    <div className="sv-context" data-testid="viewer-context" data-location={location ?? ''} data-thickness={metadata?.sliceThickness ?? ''}>
      {metadata && (
        <div className="sv-corner sv-corner-top-right">
          {metadata.seriesDescription && <div>{metadata.seriesDescription}</div>}
          {location !== null && <div data-testid="viewer-location">{t('viewer.context.location', { mm: oneDecimal(location) })}</div>}
          {metadata.sliceThickness !== null && <div data-testid="viewer-thickness">{t('viewer.context.thickness', { mm: oneDecimal(metadata.sliceThickness) })}</div>}
        </div>
      )}
      {sliceCount > 0 && (
        <div className="sv-corner sv-corner-bottom-left">
          {probe && (
            <div data-testid="viewer-probe" data-value={probe.value} data-row={probe.row} data-column={probe.column}>
              {t('viewer.context.probe', { value: Math.round(probe.value * 10) / 10, unit, x: probe.column, y: probe.row })}
            </div>
          )}
          <div>{t('viewer.slice', { n: sliceIndex + 1, total: sliceCount })}</div>
        </div>
      )}
      <div className="sv-corner sv-corner-bottom-right">
        {zoom !== null && <div data-testid="viewer-zoom">{t('viewer.context.zoom', { percent: zoom })}</div>}
        {voi && <div>{t('viewer.windowLevel', { width: Math.round(voi.width), center: Math.round(voi.center) })}</div>}
      </div>
      {markers && <EdgeLetters markers={markers} testIdPrefix="viewer-marker" />}
    </div>
  );
}
