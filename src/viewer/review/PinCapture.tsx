/**
 * While a comment is being pinned to a point: a clear layer over the viewer that takes the click,
 * so it neither pans, zooms nor changes the window, and hands on the image px it fell on.
 */
import type { MouseEvent } from 'react';
import type { Point } from '../../core/annotation';
import type { ViewerAdapter } from '../adapter';
import './PointMarkers.css';

export function PinCapture({ adapter, onPin }: { readonly adapter: ViewerAdapter; readonly onPin: (targetId: string, point: Point) => void }) {
  const pin = (event: MouseEvent) => {
    const targetId = adapter.targetId();
    // Nothing on screen yet: no image to pin to; the reviewer clicks again once it shows.
    if (targetId === null) return;
    const box = adapter.element.getBoundingClientRect();
    onPin(targetId, adapter.screenToImage([event.clientX - box.left, event.clientY - box.top]));
  };
  return <div className="point-pin-capture" data-testid="point-pin-capture" onClick={pin} onContextMenu={(event) => event.preventDefault()} />;
}
