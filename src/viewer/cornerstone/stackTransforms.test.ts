import { describe, expect, it } from 'vitest';
import type { Point } from '../../core/annotation';
import type { ImagePlane, Point3 } from '../imageGeometry';
import { stackCanvasToImage, stackImageToCanvas, type CanvasWorld } from './stackTransforms';

/** An oblique plane (tilted 18.5° as the sample CT's gantry) with anisotropic spacing. */
const tilt = (18.5 * Math.PI) / 180;
const plane: ImagePlane = {
  imagePositionPatient: [-120, -80, 40],
  rowCosines: [1, 0, 0],
  columnCosines: [0, Math.cos(tilt), Math.sin(tilt)],
  rowPixelSpacing: 0.5,
  columnPixelSpacing: 0.8,
};

/**
 * A viewport showing `plane` zoomed 1.5 CSS px per mm, rotated 90° clockwise and panned: world
 * ↔ canvas through in-plane mm (u along rows, v down columns), as Cornerstone's camera does.
 */
const viewport: CanvasWorld = {
  worldToCanvas(world: Point3) {
    const d = world.map((w, i) => w - plane.imagePositionPatient[i]!);
    const u = d[0]! * plane.rowCosines[0] + d[1]! * plane.rowCosines[1] + d[2]! * plane.rowCosines[2];
    const v = d[0]! * plane.columnCosines[0] + d[1]! * plane.columnCosines[1] + d[2]! * plane.columnCosines[2];
    return [300 - 1.5 * v, 40 + 1.5 * u];
  },
  canvasToWorld([x, y]) {
    const u = (y - 40) / 1.5;
    const v = (300 - x) / 1.5;
    const p = plane.imagePositionPatient;
    return [0, 1, 2].map((i) => p[i]! + u * plane.rowCosines[i]! + v * plane.columnCosines[i]!) as Point3;
  },
};

function close(actual: Point, expected: Point): void {
  expect(actual[0]).toBeCloseTo(expected[0], 9);
  expect(actual[1]).toBeCloseTo(expected[1], 9);
}

describe('Cornerstone stack adapter transforms', () => {
  it('put the centre of pixel (0, 0) — image px (0.5, 0.5) — where the GPU path maps its DICOM position', () => {
    close(stackImageToCanvas(viewport, plane, 'gpu', [0.5, 0.5]), [300, 40]);
    // One column right = 0.8 mm along the row = 1.2 CSS px down after the quarter turn.
    close(stackImageToCanvas(viewport, plane, 'gpu', [1.5, 0.5]), [300, 41.2]);
    // One row down = 0.5 mm down the column = 0.75 CSS px left.
    close(stackImageToCanvas(viewport, plane, 'gpu', [0.5, 1.5]), [299.25, 40]);
  });

  it('add back the CPU path\'s half pixel (canvasMapping.ts)', () => {
    // The CPU path draws pixel centres half a pixel down-right of where worldToCanvas says.
    close(stackImageToCanvas(viewport, plane, 'cpu', [0, 0]), [300, 40]);
  });

  it('invert exactly in both render modes, on an oblique plane', () => {
    for (const mode of ['cpu', 'gpu'] as const) {
      for (const point of [[0, 0], [0.5, 0.5], [511.25, 3.75], [100, 400]] as const) {
        close(stackCanvasToImage(viewport, plane, mode, stackImageToCanvas(viewport, plane, mode, point)), point);
      }
    }
  });
});
