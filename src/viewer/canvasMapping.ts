import { metaData, type StackViewport } from '@cornerstonejs/core';
import type { RenderMode } from './cornerstone/renderMode';
import { imagePixelToWorld, type ImagePlane } from './imageGeometry';

type PlaneMetadata = Partial<{
  imagePositionPatient: [number, number, number] | null;
  rowCosines: [number, number, number] | null;
  columnCosines: [number, number, number] | null;
  rowPixelSpacing: number | null;
  columnPixelSpacing: number | null;
}>;

/** The plane Cornerstone renders with: files without geometry get its defaults (origin 0, 1 mm, axial). */
export function renderedPlane(imageId: string): ImagePlane {
  const plane = (metaData.get('imagePlaneModule', imageId) ?? {}) as PlaneMetadata;
  return {
    imagePositionPatient: plane.imagePositionPatient ?? [0, 0, 0],
    rowCosines: plane.rowCosines ?? [1, 0, 0],
    columnCosines: plane.columnCosines ?? [0, 1, 0],
    rowPixelSpacing: plane.rowPixelSpacing ?? 1,
    columnPixelSpacing: plane.columnPixelSpacing ?? 1,
  };
}

/**
 * Where the centre of image pixel (row, col) is drawn, in CSS px of the viewport canvas.
 * Cornerstone 5.14's CPU path converts world → canvas with the legacy pixel convention (pixel i
 * spans [i, i + 1)), so its `worldToCanvas` lands half a pixel up-left of the centre it draws;
 * measured against the GPU path, which agrees with the drawn image. The half pixel is added back
 * here for CPU rendering.
 */
export function imagePixelToCanvas(
  viewport: StackViewport,
  renderMode: RenderMode,
  imageId: string,
  row: number,
  col: number,
): [number, number] {
  const shift = renderMode === 'cpu' ? 0.5 : 0;
  const world = imagePixelToWorld(renderedPlane(imageId), row + shift, col + shift);
  const [x, y] = viewport.worldToCanvas(world);
  return [x, y];
}
