/**
 * Where a reformat volume's voxels lie in patient space, and the way back: the frame both views
 * share (Cornerstone's volume viewport is given it as origin, direction and spacing; the canvas
 * views use it to turn a click into a patient point). Pure, so it is checked against known geometry.
 *
 * Units: mm, patient LPS. Voxel (i, j, k) is (column, row, plane): plane 0 is the volume's first
 * slice (series order as acquired, or the grid's lowest plane), planes ascend along `direction`'s
 * third axis.
 */
import type { Orientation, Vec3 } from '../../core/item';
import type { RegularGrid } from '../../core/regularGrid';
import { sliceNormal } from '../../core/seriesRegularity';
import { reformatOrientation, type ReformatPlane } from './reformat';

export interface VolumeFrame {
  /** Columns, rows, planes. */
  readonly dimensions: readonly [number, number, number];
  /** mm between columns, rows, planes. */
  readonly spacing: readonly [number, number, number];
  /** Patient point of voxel (0, 0, 0). */
  readonly origin: Vec3;
  /** Unit axes of i (along a row), j (down a column), k (plane to plane). */
  readonly axes: readonly [Vec3, Vec3, Vec3];
}

export interface FrameSource {
  readonly orientation: Orientation;
  /** Row spacing then column spacing, mm per px. */
  readonly pixelSpacing: readonly [number, number];
  readonly rows: number;
  readonly columns: number;
  /** ImagePositionPatient of each acquired slice, in series order. */
  readonly positions: readonly Vec3[];
}

const add = (a: Vec3, b: Vec3, scale: number): Vec3 => [a[0] + b[0] * scale, a[1] + b[1] * scale, a[2] + b[2] * scale];
const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const minus = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];

function inPlaneAxes(orientation: Orientation): [Vec3, Vec3] {
  return [
    [orientation[0], orientation[1], orientation[2]],
    [orientation[3], orientation[4], orientation[5]],
  ];
}

/** The acquired slices as they are (a regular series): planes run from the first slice to the last. */
export function acquiredFrame(source: FrameSource, spacingMm: number): VolumeFrame {
  const first = source.positions[0];
  const last = source.positions[source.positions.length - 1];
  if (!first || !last) throw new Error('A volume needs at least one slice');
  const span = minus(last, first);
  const length = Math.hypot(...span);
  // A regular series runs along its normal, one way or the other (series order is kept).
  const along: Vec3 = length > 0 ? [span[0] / length, span[1] / length, span[2] / length] : sliceNormal(source.orientation);
  const [rowDir, columnDir] = inPlaneAxes(source.orientation);
  return {
    dimensions: [source.columns, source.rows, source.positions.length],
    spacing: [source.pixelSpacing[1], source.pixelSpacing[0], spacingMm],
    origin: first,
    axes: [rowDir, columnDir, along],
  };
}

/** The regular grid a tilted or unevenly spaced series is resampled onto (core/regularGrid.ts). */
export function gridFrame(source: FrameSource, grid: RegularGrid): VolumeFrame {
  const lowest = grid.slices[0];
  const position = lowest && source.positions[lowest.seriesIndex];
  if (!lowest || !position) throw new Error('The grid has no slices');
  const [rowDir, columnDir] = inPlaneAxes(source.orientation);
  const [rowSpacing, columnSpacing] = source.pixelSpacing;
  // The lowest slice lies at plane 0, its first pixel offset into the grid by the tilt's shear.
  const origin = add(add(position, rowDir, -lowest.columnOffset * columnSpacing), columnDir, -lowest.rowOffset * rowSpacing);
  return {
    dimensions: [grid.columns, grid.rows, grid.planes.length],
    spacing: [columnSpacing, rowSpacing, grid.stepMm],
    origin,
    axes: [rowDir, columnDir, sliceNormal(source.orientation)],
  };
}

/** Patient point of a (fractional) voxel (i, j, k). */
export function voxelToPatient(frame: VolumeFrame, [i, j, k]: Vec3): Vec3 {
  const [di, dj, dk] = frame.axes;
  return add(add(add(frame.origin, di, i * frame.spacing[0]), dj, j * frame.spacing[1]), dk, k * frame.spacing[2]);
}

/** Fractional voxel (i, j, k) of a patient point; the axes are orthonormal, so each is a projection. */
export function patientToVoxel(frame: VolumeFrame, point: Vec3): Vec3 {
  const offset = minus(point, frame.origin);
  return [dot(offset, frame.axes[0]) / frame.spacing[0], dot(offset, frame.axes[1]) / frame.spacing[1], dot(offset, frame.axes[2]) / frame.spacing[2]];
}

/** Cornerstone's `direction`: the three axes, row after row. */
export function directionMatrix(frame: VolumeFrame): number[] {
  return frame.axes.flatMap((axis) => [...axis]);
}

export interface PlaneCamera {
  /** Points from the plane towards the viewer. */
  readonly viewPlaneNormal: Vec3;
  /** Screen up. */
  readonly viewUp: Vec3;
  /** Centre of the plane, patient mm. */
  readonly focalPoint: Vec3;
}

/**
 * The camera that shows reformat plane `index` as the canvas views draw it: screen right and down
 * from reformatOrientation (so edge letters agree), looking at the middle of the plane. Cornerstone
 * puts screen right at viewUp × viewPlaneNormal, so the normal is down × right.
 */
export function planeCamera(frame: VolumeFrame, orientation: Orientation, plane: ReformatPlane, index: number): PlaneCamera {
  const screen = reformatOrientation(orientation, plane);
  const right: Vec3 = [screen[0], screen[1], screen[2]];
  const down: Vec3 = [screen[3], screen[4], screen[5]];
  const normal: Vec3 = [down[1] * right[2] - down[2] * right[1], down[2] * right[0] - down[0] * right[2], down[0] * right[1] - down[1] * right[0]];
  const [columns, rows, planes] = frame.dimensions;
  const middle: Vec3 = [(columns - 1) / 2, (rows - 1) / 2, (planes - 1) / 2];
  const centre: Vec3 = plane === 'axial' ? [middle[0], middle[1], index] : plane === 'coronal' ? [middle[0], index, middle[2]] : [index, middle[1], middle[2]];
  return { viewPlaneNormal: normal, viewUp: [-down[0], -down[1], -down[2]], focalPoint: voxelToPatient(frame, centre) };
}

/** Where a point picked on a reformat sends the stack and the other reformats. */
export interface CrosshairTarget extends Readonly<Record<ReformatPlane, number>> {
  /** The acquired slice nearest the point along the slice normal (series order). */
  readonly sliceIndex: number;
}

/**
 * The acquired slice nearest a patient point (measured along the slices' normal, so a tilted
 * stack's shear does not count) and the axial, coronal and sagittal planes through it, clamped
 * to the volume.
 */
export function crosshairTarget(frame: VolumeFrame, source: FrameSource, point: Vec3): CrosshairTarget {
  const normal = sliceNormal(source.orientation);
  const along = dot(point, normal);
  let sliceIndex = 0;
  source.positions.forEach((position, index) => {
    const best = source.positions[sliceIndex] ?? position;
    if (Math.abs(dot(position, normal) - along) < Math.abs(dot(best, normal) - along)) sliceIndex = index;
  });
  const [i, j, k] = patientToVoxel(frame, point);
  const clamp = (value: number, count: number) => Math.min(count - 1, Math.max(0, Math.round(value)));
  return { sliceIndex, axial: clamp(k, frame.dimensions[2]), coronal: clamp(j, frame.dimensions[1]), sagittal: clamp(i, frame.dimensions[0]) };
}

/** Voxel of a reformat image's pixel (x right, y down; the last plane is the top row of a coronal or sagittal one), see reformat.ts. */
export function reformatPixelToVoxel(frame: VolumeFrame, plane: ReformatPlane, index: number, [x, y]: readonly [number, number]): Vec3 {
  if (plane === 'axial') return [x, y, index];
  const k = frame.dimensions[2] - 1 - y;
  return plane === 'coronal' ? [x, index, k] : [index, x, k];
}

/** Width and height of a reformat image, in its pixels (axial: columns × rows; coronal: columns × planes; sagittal: rows × planes). */
export function reformatSize(frame: VolumeFrame, plane: ReformatPlane): [number, number] {
  const [columns, rows, planes] = frame.dimensions;
  return plane === 'axial' ? [columns, rows] : [plane === 'coronal' ? columns : rows, planes];
}

/** The reformat image's pixel (x, y) of a voxel, or null when the voxel is not on plane `index`: reformatPixelToVoxel's way back. */
export function voxelToReformatPixel(frame: VolumeFrame, plane: ReformatPlane, index: number, [i, j, k]: Vec3): [number, number] | null {
  const y = frame.dimensions[2] - 1 - k;
  if (plane === 'axial') return k === index ? [i, j] : null;
  if (plane === 'coronal') return j === index ? [i, y] : null;
  return i === index ? [j, y] : null;
}
