import { useEffect, useMemo, useRef } from 'react';
import type { Orientation } from '../../core/item';
import { EdgeLetters } from '../overlay/EdgeLetters';
import { edgeMarkers } from '../overlay/orientationMarkers';
import { greyForValue, type WindowLevel } from '../windowing';
import { reformat, reformatOrientation, type ReformatPlane, type Volume } from './reformat';

interface ReformatCanvasProps {
  readonly volume: Volume;
  readonly plane: ReformatPlane;
  readonly index: number;
  readonly orientation: Orientation;
  /** Height / width of one reformat pixel (slice step over in-plane spacing). */
  readonly aspect: number;
  readonly window: WindowLevel;
  /** CSS px. */
  readonly width: number;
  /** Where the acquired slice on screen lies in the volume: a fractional plane index (0 the lowest), null for none. */
  readonly slicePlane: number | null;
}

/** One reformatted plane drawn in the reading window, at its true proportions, with orientation letters and the acquired slice on screen as a line. */
export function ReformatCanvas({ volume, plane, index, orientation, aspect, window, width, slicePlane }: ReformatCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const image = useMemo(() => reformat(volume, plane, index), [volume, plane, index]);
  const markers = edgeMarkers(reformatOrientation(orientation, plane));

  useEffect(() => {
    const context = ref.current?.getContext('2d');
    if (!context) return;
    const pixels = context.createImageData(image.width, image.height);
    image.values.forEach((value, i) => {
      const grey = greyForValue(value, window);
      pixels.data.set([grey, grey, grey, 255], i * 4);
    });
    context.putImageData(pixels, 0, 0);
  }, [image, window]);

  const height = Math.round((width * image.height * aspect) / image.width);
  return (
    <div className="reformat-canvas" style={{ width, height }} data-testid={`reformat-${plane}`} data-width={image.width} data-height={image.height}>
      <canvas ref={ref} width={image.width} height={image.height} style={{ width, height }} />
      <EdgeLetters markers={markers} testIdPrefix={`reformat-${plane}-marker`} />
      {slicePlane !== null && (
        // The last plane is the top row; the line runs through the middle of the slice's row.
        <div className="reformat-slice-line" style={{ top: ((image.height - 1 - slicePlane + 0.5) / image.height) * height }} data-testid={`reformat-${plane}-slice-line`} data-plane={slicePlane} />
      )}
    </div>
  );
}
