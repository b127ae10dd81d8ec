import { useEffect, useMemo, useRef, type PointerEvent } from 'react';
import type { Vec3 } from '../../core/item';
import { EdgeLetters } from '../overlay/EdgeLetters';
import { edgeMarkers } from '../overlay/orientationMarkers';
import { greyForValue } from '../windowing';
import { reformat, reformatOrientation } from './reformat';
import { canvasGrey, exposeReformat, type ReformatViewProps } from './reformatView';
import { reformatPixelToVoxel, voxelToPatient, voxelToReformatPixel } from './volumeFrame';

/**
 * One reformatted plane drawn by the app on a 2D canvas (the view for Cornerstone's CPU rendering,
 * which has no volume viewport), at its true proportions, with orientation letters and the
 * acquired slice on screen as a line.
 */
export function ReformatCanvas({ source, plane, index, orientation, aspect, window, width, slicePlane, onPick }: ReformatViewProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const image = useMemo(() => reformat(source.volume, plane, index), [source, plane, index]);
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

  useEffect(() => {
    // One canvas px per reformat pixel.
    const pixelOf = (voxel: Vec3): [number, number] | null => voxelToReformatPixel(source.frame, plane, index, voxel);
    return exposeReformat(plane, {
      readGrey(voxel) {
        const at = pixelOf(voxel);
        return ref.current && at ? canvasGrey(ref.current, ...at) : null;
      },
      clientPoint(voxel) {
        const at = pixelOf(voxel);
        const box = ref.current?.getBoundingClientRect();
        return box && at ? [box.left + ((at[0] + 0.5) / image.width) * box.width, box.top + ((at[1] + 0.5) / image.height) * box.height] : null;
      },
    });
  }, [source, plane, index, image]);

  const height = Math.round((width * image.height * aspect) / image.width);
  const pick = (event: PointerEvent<HTMLCanvasElement>) => {
    if (event.type === 'pointermove' && event.buttons !== 1) return;
    const box = event.currentTarget.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * image.width - 0.5;
    const y = ((event.clientY - box.top) / box.height) * image.height - 0.5;
    onPick(voxelToPatient(source.frame, reformatPixelToVoxel(source.frame, plane, index, [x, y])));
  };
  return (
    <div className="reformat-canvas" style={{ width, height }} data-testid={`reformat-${plane}`} data-view="canvas" data-width={image.width} data-height={image.height}>
      <canvas ref={ref} width={image.width} height={image.height} style={{ width, height }} onPointerDown={pick} onPointerMove={pick} />
      <EdgeLetters markers={markers} testIdPrefix={`reformat-${plane}-marker`} />
      {slicePlane !== null && (
        // The last plane is the top row; the line runs through the middle of the slice's row.
        <div className="reformat-slice-line" style={{ top: ((image.height - 1 - slicePlane + 0.5) / image.height) * height }} data-testid={`reformat-${plane}-slice-line`} data-plane={slicePlane} />
      )}
    </div>
  );
}
