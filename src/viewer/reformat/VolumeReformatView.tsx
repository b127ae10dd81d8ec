import { Enums, type Types, type VolumeViewport } from '@cornerstonejs/core';
import { useEffect, useRef, useState, type PointerEvent } from 'react';
import type { Vec3 } from '../../core/item';
import { EdgeLetters } from '../overlay/EdgeLetters';
import { edgeMarkers } from '../overlay/orientationMarkers';
import { windowToRange } from '../windowing';
import { REFORMAT_ENGINE, reformatEngines, reformatVolumes } from './cornerstoneVolume';
import { reformatOrientation } from './reformat';
import { canvasGrey, exposeReformat, type ReformatViewProps } from './reformatView';
import { planeCamera, reformatPixelToVoxel, reformatSize, voxelToPatient, voxelToReformatPixel } from './volumeFrame';

let instances = 0;

const point3 = (v: Vec3): Types.Point3 => [v[0], v[1], v[2]];

/**
 * One reformatted plane in Cornerstone's volume viewport (ORTHOGRAPHIC, drawn with WebGL): the
 * view for GPU rendering. The camera looks at the plane with the canvas view's screen axes (see
 * planeCamera), so the edge letters, the slice line and a pick mean the same in both views.
 * The views share one rendering engine and one Cornerstone volume over the buffer of voxels
 * (see reformatVolumes), freed when the last view unmounts.
 */
export function VolumeReformatView({ source, plane, index, orientation, aspect, window, width, slicePlane, onPick }: ReformatViewProps) {
  const elementRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState<VolumeViewport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  /** The plane index last drawn (null before the first frame): the test's ready signal. */
  const [shownIndex, setShownIndex] = useState<number | null>(null);
  const [lineTop, setLineTop] = useState<number | null>(null);
  const [imageWidth, imageHeight] = reformatSize(source.frame, plane);
  const height = Math.round((width * imageHeight * aspect) / imageWidth);

  useEffect(() => {
    const element = elementRef.current;
    if (!element) return;
    let live = true;
    const n = ++instances;
    const engine = reformatEngines.acquire(REFORMAT_ENGINE);
    const viewportId = `mejirushi-reformat-${plane}-${n}`;
    const { viewPlaneNormal, viewUp } = planeCamera(source.frame, orientation, plane, 0);
    engine.enableElement({
      viewportId,
      type: Enums.ViewportType.ORTHOGRAPHIC,
      element,
      defaultOptions: { orientation: { viewPlaneNormal: point3(viewPlaneNormal), viewUp: point3(viewUp) }, background: [0, 0, 0] },
    });
    // As for the stack (useStackViewport): a focused element would swallow the page's keys.
    element.removeAttribute('tabindex');
    const created = engine.getViewport(viewportId) as VolumeViewport;
    const volumeId = reformatVolumes.acquire(source);
    created.setVolumes([{ volumeId }]).then(
      () => live && setViewport(created),
      (error: unknown) => live && setFailure(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
      setViewport(null);
      setShownIndex(null);
      // The viewport first: its actor holds the volume's image data, which freeing the volume deletes.
      engine.disableElement(viewportId);
      reformatEngines.release(REFORMAT_ENGINE);
      reformatVolumes.release(source);
    };
  }, [source, plane, orientation]);

  // The index moves the camera along its normal only, so the fit setVolumes made is kept.
  useEffect(() => {
    const element = elementRef.current;
    if (!viewport || !element) return;
    const target = planeCamera(source.frame, orientation, plane, index).focalPoint;
    const { focalPoint, position, viewPlaneNormal: n } = viewport.getCamera();
    if (!focalPoint || !position || !n) return;
    const shift = (target[0] - focalPoint[0]) * n[0] + (target[1] - focalPoint[1]) * n[1] + (target[2] - focalPoint[2]) * n[2];
    const moved = (p: Types.Point3): Types.Point3 => [p[0] + n[0] * shift, p[1] + n[1] * shift, p[2] + n[2] * shift];
    const onRendered = () => setShownIndex(index);
    element.addEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
    viewport.setCamera({ focalPoint: moved(focalPoint), position: moved(position) });
    viewport.setProperties({ voiRange: windowToRange(window) });
    viewport.render();
    return () => element.removeEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
  }, [viewport, source, orientation, plane, index, window]);

  useEffect(() => {
    if (!viewport || shownIndex === null || slicePlane === null) return setLineTop(null);
    // Reformat rows count from the top plane down.
    const middle = reformatPixelToVoxel(source.frame, plane, shownIndex, [(imageWidth - 1) / 2, source.frame.dimensions[2] - 1 - slicePlane]);
    setLineTop(viewport.worldToCanvas(point3(voxelToPatient(source.frame, middle)))[1]);
  }, [viewport, shownIndex, slicePlane, source, plane, imageWidth]);

  useEffect(() => {
    if (!viewport || shownIndex === null) return;
    const canvas = viewport.getCanvas();
    const canvasPoint = (voxel: Vec3): [number, number] | null => {
      if (!voxelToReformatPixel(source.frame, plane, shownIndex, voxel)) return null;
      const [x, y] = viewport.worldToCanvas(point3(voxelToPatient(source.frame, voxel)));
      return [x, y];
    };
    return exposeReformat(plane, {
      readGrey(voxel) {
        const at = canvasPoint(voxel);
        // Canvas px are CSS px × the device pixel ratio.
        const scale = canvas.clientWidth > 0 ? canvas.width / canvas.clientWidth : 0;
        return at && scale > 0 ? canvasGrey(canvas, at[0] * scale, at[1] * scale) : null;
      },
      clientPoint(voxel) {
        const at = canvasPoint(voxel);
        const box = canvas.getBoundingClientRect();
        return at ? [box.left + at[0], box.top + at[1]] : null;
      },
    });
  }, [viewport, shownIndex, plane, source]);

  const pick = (event: PointerEvent<HTMLDivElement>) => {
    if (!viewport || (event.type === 'pointermove' && event.buttons !== 1)) return;
    const box = event.currentTarget.getBoundingClientRect();
    const [x, y, z] = viewport.canvasToWorld([event.clientX - box.left, event.clientY - box.top]);
    onPick([x, y, z]);
  };
  return (
    <div className="reformat-canvas" style={{ width, height }} data-testid={`reformat-${plane}`} data-view="volume-viewport" data-shown-index={shownIndex ?? undefined} data-width={imageWidth} data-height={imageHeight}>
      <div ref={elementRef} className="reformat-volume-viewport" style={{ width, height }} onPointerDown={pick} onPointerMove={pick} />
      <EdgeLetters markers={edgeMarkers(reformatOrientation(orientation, plane))} testIdPrefix={`reformat-${plane}-marker`} />
      {failure !== null && (
        <p role="alert" className="reformat-failure">
          {failure}
        </p>
      )}
      {lineTop !== null && <div className="reformat-slice-line" style={{ top: lineTop }} data-testid={`reformat-${plane}-slice-line`} data-plane={slicePlane ?? undefined} />}
    </div>
  );
}
