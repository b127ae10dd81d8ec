/**
 * The regular grid a tilted or unevenly spaced stack is resampled onto before it is reformatted,
 * as 3D Slicer and dcm2niix do. The grid keeps the slices' own in-plane axes (ImageOrientationPatient)
 * and steps along their normal at one constant spacing, so every acquired slice lies in a grid
 * plane's orientation:
 *
 * - a gantry tilt shifts consecutive slice origins within the slice plane (the stack is sheared);
 *   each slice is placed at its own in-plane offset, and the grid grows to hold every slice whole;
 * - uneven spacing: each grid plane is interpolated linearly along the normal between the two
 *   acquired slices either side of it.
 *
 * The step is the finest spacing of the stack's regular runs: the smallest step along the normal
 * that is at least half the median step. A thin run keeps its detail; a lone short step where
 * two runs overlap (the GE head CT's 1.08 mm between its 4 mm and 7 mm runs) is no finer
 * acquisition, and taking it would multiply the planes (and memory) without adding information.
 *
 * Units: positions mm (LPS); offsets in image px of the acquired slices (row, column); grid
 * voxel (plane k, row r, column c) lies at patient point
 *   (originColumn + c)·columnSpacing·rowDir + (originRow + r)·rowSpacing·columnDir + (firstMm + k·stepMm)·normal.
 * Pure, so it is checked against known geometry.
 */
import type { Orientation, SeriesItem, Vec3 } from './item';
import { median, seriesRegularity, sliceNormal, type Irregularity } from './seriesRegularity';

/** Where one acquired slice lies in the grid's frame. */
export interface GridSlice {
  /** Index of the slice in the series' order. */
  readonly seriesIndex: number;
  /** Distance along the normal, mm. */
  readonly normalMm: number;
  /** In-plane offset of the slice's first pixel from the grid's, image px (rows, columns). */
  readonly rowOffset: number;
  readonly columnOffset: number;
}

/** One grid plane: the acquired slices either side (indices into `slices`) and the weight of the upper one. */
export interface GridPlane {
  readonly below: number;
  readonly above: number;
  /** 0 at `below`, 1 at `above`. */
  readonly weight: number;
}

export interface RegularGrid {
  readonly rows: number;
  readonly columns: number;
  readonly stepMm: number;
  /** Distance along the normal of plane 0, mm. */
  readonly firstMm: number;
  /** The acquired slices in ascending order along the normal. */
  readonly slices: readonly GridSlice[];
  /** Planes in ascending order along the normal (the last is the top row of a reformat). */
  readonly planes: readonly GridPlane[];
  /** Angle between the stack and the slice normal, degrees. */
  readonly tiltDegrees: number;
  /** Smallest and largest acquired step along the normal, mm. */
  readonly minStepMm: number;
  readonly maxStepMm: number;
}

export interface StackGeometry {
  /** ImagePositionPatient of each slice, in series order. */
  readonly positions: readonly Vec3[];
  readonly orientation: Orientation;
  /** Row spacing then column spacing, mm per px. */
  readonly pixelSpacing: readonly [number, number];
  readonly rows: number;
  readonly columns: number;
}

/** Offsets closer than this to a whole px are taken as whole (DS round-off). */
const WHOLE_PX_TOLERANCE = 1e-3;

function dot(a: Vec3, b: readonly number[]): number {
  return a[0] * (b[0] ?? 0) + a[1] * (b[1] ?? 0) + a[2] * (b[2] ?? 0);
}

/** The finest step of the stack's regular runs (see the file's comment). */
export function regularStepMm(steps: readonly number[]): number {
  const usual = median(steps);
  return Math.min(...steps.filter((step) => step >= usual / 2));
}

function extent(offsets: readonly number[]): number {
  const span = Math.max(...offsets) - Math.min(...offsets);
  return Math.ceil(span - WHOLE_PX_TOLERANCE);
}

/** Throws where the stack has no extent along its normal (two slices at one place cannot be interpolated between). */
export function planRegularGrid(stack: StackGeometry): RegularGrid {
  const { positions, orientation, pixelSpacing } = stack;
  const normal = sliceNormal(orientation);
  const rowDir = orientation.slice(0, 3);
  const columnDir = orientation.slice(3, 6);
  const [rowSpacing, columnSpacing] = pixelSpacing;
  const placed = positions
    .map((position, seriesIndex) => ({
      seriesIndex,
      normalMm: dot(position, normal),
      row: dot(position, columnDir) / rowSpacing,
      column: dot(position, rowDir) / columnSpacing,
    }))
    .sort((a, b) => a.normalMm - b.normalMm);
  const steps = placed.slice(1).map((slice, i) => slice.normalMm - (placed[i]?.normalMm ?? 0));
  if (steps.length === 0 || steps.some((step) => !(step > 0))) throw new Error('Two slices lie at one place along the normal: the stack cannot be resampled');

  const originRow = Math.min(...placed.map((slice) => slice.row));
  const originColumn = Math.min(...placed.map((slice) => slice.column));
  const slices: GridSlice[] = placed.map(({ seriesIndex, normalMm, row, column }) => ({ seriesIndex, normalMm, rowOffset: row - originRow, columnOffset: column - originColumn }));

  const stepMm = regularStepMm(steps);
  const firstMm = placed[0]?.normalMm ?? 0;
  const spanMm = (placed[placed.length - 1]?.normalMm ?? 0) - firstMm;
  const count = Math.floor(spanMm / stepMm + WHOLE_PX_TOLERANCE) + 1;
  const planes: GridPlane[] = [];
  let below = 0;
  for (let k = 0; k < count; k++) {
    const at = firstMm + k * stepMm;
    while (below < slices.length - 2 && (slices[below + 1]?.normalMm ?? Infinity) <= at) below++;
    const low = slices[below]?.normalMm ?? at;
    const high = slices[below + 1]?.normalMm ?? at;
    planes.push({ below, above: below + 1, weight: Math.min(1, Math.max(0, (at - low) / (high - low))) });
  }

  const lowest = positions[placed[0]?.seriesIndex ?? 0] ?? [0, 0, 0];
  const highest = positions[placed[placed.length - 1]?.seriesIndex ?? 0] ?? [0, 0, 0];
  const stackLength = Math.hypot(highest[0] - lowest[0], highest[1] - lowest[1], highest[2] - lowest[2]);
  const tiltDegrees = (Math.acos(Math.min(1, spanMm / stackLength)) * 180) / Math.PI;

  return {
    rows: stack.rows + extent(slices.map((slice) => slice.rowOffset)),
    columns: stack.columns + extent(slices.map((slice) => slice.columnOffset)),
    stepMm,
    firstMm,
    slices,
    planes,
    tiltDegrees,
    minStepMm: Math.min(...steps),
    maxStepMm: Math.max(...steps),
  };
}

/** What a reformat of a series draws from: its slices as they are, a resampled grid, or nothing (and why). */
export type ReformatSource =
  | { readonly kind: 'asAcquired'; readonly spacingMm: number }
  | { readonly kind: 'resampled'; readonly grid: RegularGrid }
  | { readonly kind: 'refused'; readonly reasons: readonly Irregularity[] };

/**
 * Tilt and uneven spacing are resampled away; slices missing, no geometry or too few slices are
 * refused: interpolating across a missing slice would invent the anatomy that was never acquired.
 */
export function reformatSource(series: Pick<SeriesItem, 'slices' | 'orientation' | 'pixelSpacing' | 'rows' | 'columns'>): ReformatSource {
  const positions = series.slices.map((slice) => slice.position);
  const regularity = seriesRegularity(positions, series.orientation);
  if (regularity.regular) return { kind: 'asAcquired', spacingMm: regularity.spacingMm };
  const { orientation, pixelSpacing } = series;
  const resamplable = regularity.reasons.every((reason) => reason.kind === 'tilted' || reason.kind === 'unevenSpacing');
  if (!resamplable || !orientation || !pixelSpacing) return { kind: 'refused', reasons: resamplable ? [{ kind: 'noGeometry' }] : regularity.reasons };
  try {
    return { kind: 'resampled', grid: planRegularGrid({ positions: positions as readonly Vec3[], orientation, pixelSpacing, rows: series.rows, columns: series.columns }) };
  } catch {
    // Two slices at one place along the normal: nothing to interpolate between; the reasons say it is irregular.
    return { kind: 'refused', reasons: regularity.reasons };
  }
}

/** Where an acquired slice (by its index in the series) lies among the grid's planes: a fractional plane index. */
export function planeOfSlice(grid: RegularGrid, seriesIndex: number): number | null {
  const placed = grid.slices.find((slice) => slice.seriesIndex === seriesIndex);
  return placed ? (placed.normalMm - grid.firstMm) / grid.stepMm : null;
}
