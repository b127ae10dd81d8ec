/** What the reviewer's screens draw over either viewer for point pins: the pins, and while pinning the layer that takes the click. */
import type { ViewerAdapter } from '../../../viewer/adapter';
import { PinCapture } from '../../../viewer/review/PinCapture';
import { PointMarkers } from '../../../viewer/review/PointMarkers';
import type { PointPin } from './usePointPin';

export function ReviewPinLayer({ adapter, pin }: { readonly adapter: ViewerAdapter; readonly pin: PointPin }) {
  return (
    <>
      <PointMarkers adapter={adapter} markers={pin.markers} />
      {pin.pinning && <PinCapture adapter={adapter} onPin={pin.place} />}
    </>
  );
}
