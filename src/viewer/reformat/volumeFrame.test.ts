import { describe, expect, it } from 'vitest';
import type { Orientation, Vec3 } from '../../core/item';
import { planRegularGrid } from '../../core/regularGrid';
import { edgeMarkers } from '../overlay/orientationMarkers';
import { reformat, type ReformatPlane } from './reformat';
import { acquiredFrame, crosshairTarget, directionMatrix, gridFrame, patientToVoxel, planeCamera, reformatPixelToVoxel, reformatSize, voxelToPatient, voxelToReformatPixel, type FrameSource } from './volumeFrame';
import { packedVolume } from './volumeFromSlices';

const AXIAL: Orientation = [1, 0, 0, 0, 1, 0];
/** 4 axial slices, 5 mm apart feet → head, 3 rows of 0.5 mm × 4 columns of 0.25 mm. */
const REGULAR: FrameSource = { orientation: AXIAL, pixelSpacing: [0.5, 0.25], rows: 3, columns: 4, positions: [0, 1, 2, 3].map((k): Vec3 => [-10, 20, -40 + 5 * k]) };

const TILT = (20 * Math.PI) / 180;
const TILTED_ORIENTATION: Orientation = [1, 0, 0, 0, Math.cos(TILT), -Math.sin(TILT)];
/** Tilted like a gantry (the column axis leans), uneven steps, as in resampleVolume.test.ts. */
const TILTED: FrameSource = { orientation: TILTED_ORIENTATION, pixelSpacing: [0.8, 0.7], rows: 40, columns: 36, positions: [0, 3, 6, 9, 10, 16].map((z): Vec3 => [-7, 2, z]) };

function expectPoint(actual: Vec3, expected: Vec3): void {
  actual.forEach((value, axis) => expect(value, `axis ${axis}`).toBeCloseTo(expected[axis] ?? Number.NaN, 9));
}

describe('acquiredFrame', () => {
  it('puts voxel (i, j, k) at column i, row j of slice k', () => {
    const frame = acquiredFrame(REGULAR, 5);
    expect(frame.dimensions).toEqual([4, 3, 4]);
    expect(frame.spacing).toEqual([0.25, 0.5, 5]);
    expect(directionMatrix(frame)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expectPoint(voxelToPatient(frame, [2, 1, 3]), [-10 + 2 * 0.25, 20 + 0.5, -40 + 15]);
    expectPoint(patientToVoxel(frame, [-9.5, 20.5, -30]), [2, 1, 2]);
  });

  it('keeps series order when the slices run against their normal', () => {
    const frame = acquiredFrame({ ...REGULAR, positions: [...REGULAR.positions].reverse() }, 5);
    expect(frame.axes[2]).toEqual([0, 0, -1]);
    expectPoint(voxelToPatient(frame, [0, 0, 3]), [-10, 20, -40]);
  });
});

describe('gridFrame', () => {
  it('places every acquired slice\'s first pixel on the grid voxel the resampler reads it into', () => {
    const grid = planRegularGrid(TILTED);
    const frame = gridFrame(TILTED, grid);
    expect(frame.dimensions).toEqual([grid.columns, grid.rows, grid.planes.length]);
    for (const placed of grid.slices) {
      const voxel = patientToVoxel(frame, TILTED.positions[placed.seriesIndex] ?? [0, 0, 0]);
      expect(voxel[0]).toBeCloseTo(placed.columnOffset, 9);
      expect(voxel[1]).toBeCloseTo(placed.rowOffset, 9);
      expect(voxel[2]).toBeCloseTo((placed.normalMm - grid.firstMm) / grid.stepMm, 9);
    }
  });
});

describe('planeCamera', () => {
  it('looks at an axial series\' coronal and sagittal planes as radiologists read them, letters as the canvas views', () => {
    const frame = acquiredFrame(REGULAR, 5);
    const coronal = planeCamera(frame, AXIAL, 'coronal', 1);
    // Looking from the front (anterior, −y in LPS), head up.
    expectPoint(coronal.viewPlaneNormal, [0, -1, 0]);
    expectPoint(coronal.viewUp, [0, 0, 1]);
    expectPoint(coronal.focalPoint, voxelToPatient(frame, [1.5, 1, 1.5]));
    const sagittal = planeCamera(frame, AXIAL, 'sagittal', 3);
    // Looking from the patient's left (+x), anterior on the left of the screen.
    expectPoint(sagittal.viewPlaneNormal, [1, 0, 0]);
    expectPoint(sagittal.focalPoint, voxelToPatient(frame, [3, 1, 1.5]));
  });

  it('looks at an axial series\' axial plane from the feet, as the stack shows the slice', () => {
    const frame = acquiredFrame(REGULAR, 5);
    const axial = planeCamera(frame, AXIAL, 'axial', 2);
    expectPoint(axial.viewPlaneNormal, [0, 0, -1]);
    // Screen up is anterior (−y in LPS): rows run down towards posterior.
    expectPoint(axial.viewUp, [0, -1, 0]);
    expectPoint(axial.focalPoint, voxelToPatient(frame, [1.5, 1, 2]));
  });

  it('gives the screen right that Cornerstone derives (viewUp × normal) the letters of the canvas view', () => {
    const frame = gridFrame(TILTED, planRegularGrid(TILTED));
    const screen = (plane: ReformatPlane) => {
      const { viewPlaneNormal: n, viewUp: u } = planeCamera(frame, TILTED_ORIENTATION, plane, 0);
      const right: Vec3 = [u[1] * n[2] - u[2] * n[1], u[2] * n[0] - u[0] * n[2], u[0] * n[1] - u[1] * n[0]];
      const down: Vec3 = [-u[0], -u[1], -u[2]];
      return edgeMarkers([...right, ...down]);
    };
    // Top is superior tipped posterior by the tilt, as on the canvas view of the GE series.
    expect(screen('coronal')).toEqual({ left: 'R', right: 'L', top: 'SP', bottom: 'IA' });
    // The oblique axial plane: anterior tipped superior at the top, as the tilted slice shows it.
    expect(screen('axial')).toEqual(edgeMarkers(TILTED_ORIENTATION));
    expect(screen('axial')).toEqual({ left: 'R', right: 'L', top: 'AS', bottom: 'PI' });
  });
});

describe('crosshairTarget', () => {
  it('sends the stack to the nearest acquired slice and the other plane through the point', () => {
    const frame = acquiredFrame(REGULAR, 5);
    // On the coronal plane 1, at column 3, between slices 1 and 2 but nearer 2.
    const point = voxelToPatient(frame, reformatPixelToVoxel(frame, 'coronal', 1, [3, 4 - 1 - 1.6]));
    expect(crosshairTarget(frame, REGULAR, point)).toEqual({ sliceIndex: 2, axial: 2, coronal: 1, sagittal: 3 });
    // Outside the volume: the nearest of everything.
    expect(crosshairTarget(frame, REGULAR, [100, -100, 100])).toEqual({ sliceIndex: 3, axial: 3, coronal: 0, sagittal: 3 });
  });

  it('moves every plane through a point picked on the axial plane', () => {
    const frame = acquiredFrame(REGULAR, 5);
    const point = voxelToPatient(frame, reformatPixelToVoxel(frame, 'axial', 1, [2, 2]));
    expect(crosshairTarget(frame, REGULAR, point)).toEqual({ sliceIndex: 1, axial: 1, coronal: 2, sagittal: 2 });
  });

  it('measures along the normal of a tilted stack, not along its sheared run', () => {
    const grid = planRegularGrid(TILTED);
    const frame = gridFrame(TILTED, grid);
    // The grid plane of the slice at z = 10 (series index 4), anywhere across it.
    const plane = ((grid.slices.find((s) => s.seriesIndex === 4)?.normalMm ?? 0) - grid.firstMm) / grid.stepMm;
    for (const column of [0, grid.columns - 1]) {
      const point = voxelToPatient(frame, [column, grid.rows - 1, plane]);
      expect(crosshairTarget(frame, TILTED, point).sliceIndex).toBe(4);
    }
  });
});

describe('reformat pixels and voxels', () => {
  it('finds every voxel at the pixel of the reformat image that shows it, on each plane through it, and nowhere else', () => {
    const frame = acquiredFrame(REGULAR, 5);
    const [columns, rows, planes] = frame.dimensions;
    // Value = the voxel's own flat index, so a plane's pixel names the voxel it shows.
    const volume = packedVolume(rows, columns, planes);
    volume.voxels.forEach((_, at) => (volume.voxels[at] = at));
    const voxel: Vec3 = [3, 2, 1];
    const flat = voxel[2] * rows * columns + voxel[1] * columns + voxel[0];
    for (const [plane, index] of [['axial', 1], ['coronal', 2], ['sagittal', 3]] as const) {
      const pixel = voxelToReformatPixel(frame, plane, index, voxel);
      const image = reformat(volume, plane, index);
      expect([image.width, image.height], plane).toEqual(reformatSize(frame, plane));
      if (!pixel) throw new Error(`voxel not on the ${plane} plane through it`);
      expect(image.values[pixel[1] * image.width + pixel[0]], plane).toBe(flat);
      expect(reformatPixelToVoxel(frame, plane, index, pixel), plane).toEqual(voxel);
      expect(voxelToReformatPixel(frame, plane, index - 1, voxel), plane).toBeNull();
    }
  });
});
