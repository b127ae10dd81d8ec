/**
 * Image px ↔ canvas px of a Cornerstone stack viewport, pure over the viewport's world ↔ canvas
 * mapping and the slice's plane, so it is tested without Cornerstone.
 *
 * Image px follow the record convention shared with the slide viewer: pixel (col, row) covers
 * [col, col + 1) × [row, row + 1), so its centre is (col + 0.5, row + 0.5). DICOM places pixel
 * centres at integer indices (imageGeometry.ts), hence the −0.5 below; Cornerstone's CPU path
 * adds its own half pixel (see canvasMapping.ts), hence `cpuShift`.
 */
import type { Point } from '../../core/annotation';
import { imagePixelToWorld, type ImagePlane, type Point3 } from '../imageGeometry';
import type { RenderMode } from './renderMode';

/** The part of a StackViewport the transforms use. */
export interface CanvasWorld {
  worldToCanvas(world: Point3): readonly [number, number];
  canvasToWorld(canvas: readonly [number, number]): Point3;
}

function cpuShift(renderMode: RenderMode): number {
  return renderMode === 'cpu' ? 0.5 : 0;
}

export function stackImageToCanvas(viewport: CanvasWorld, plane: ImagePlane, renderMode: RenderMode, [x, y]: Point): Point {
  const shift = cpuShift(renderMode) - 0.5;
  const [cx, cy] = viewport.worldToCanvas(imagePixelToWorld(plane, y + shift, x + shift));
  return [cx, cy];
}

export function stackCanvasToImage(viewport: CanvasWorld, plane: ImagePlane, renderMode: RenderMode, canvas: Point): Point {
  const world = viewport.canvasToWorld([canvas[0], canvas[1]]);
  const origin = plane.imagePositionPatient;
  const d = [world[0] - origin[0], world[1] - origin[1], world[2] - origin[2]] as const;
  const along = (cosines: readonly [number, number, number]) => d[0] * cosines[0] + d[1] * cosines[1] + d[2] * cosines[2];
  const col = along(plane.rowCosines) / plane.columnPixelSpacing;
  const row = along(plane.columnCosines) / plane.rowPixelSpacing;
  const shift = 0.5 - cpuShift(renderMode);
  return [col + shift, row + shift];
}
