/**
 * Pins of comments pinned to a point, over any viewer: each placed with the adapter on the image
 * on screen and moved with every change of view (pan, zoom, rotation, another slice). Clicks go
 * through them to the viewer.
 */
import { useEffect, useReducer } from 'react';
import { markersOnScreen, type PointMarker } from '../../core/review/pointPins';
import type { ViewerAdapter } from '../adapter';
import './PointMarkers.css';

export function PointMarkers({ adapter, markers }: { readonly adapter: ViewerAdapter; readonly markers: readonly PointMarker[] }) {
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  useEffect(() => adapter.onViewChange(redraw), [adapter]);
  // No image on screen: the adapter has no image px to place anything with.
  const shownTarget = adapter.targetId();
  const shown = shownTarget === null ? [] : markersOnScreen(markers, shownTarget, adapter.visibleImageBox());
  return (
    <div className="point-markers" data-testid="point-markers" data-count={shown.length}>
      {shown.map((marker) => {
        const [left, top] = adapter.imageToScreen([marker.x, marker.y]);
        return (
          <span key={marker.key} className="point-marker" data-testid={`point-marker-${marker.key}`} data-state={marker.state} data-x={marker.x} data-y={marker.y} style={{ left, top }}>
            {marker.label}
          </span>
        );
      })}
    </div>
  );
}
