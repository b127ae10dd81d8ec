import type { Orientation, Vec3 } from './item';

/**
 * Slice order for CT/MR series from geometry, never from file names or an assumed constant
 * spacing: with a gantry tilt positions move along z while the slice normal is tilted, and
 * spacing may change inside a series.
 */

export interface Positioned {
  /** ImagePositionPatient (mm, LPS) or null. */
  readonly position: Vec3 | null;
  readonly instanceNumber: number | null;
}

/** Unit normal of the slice plane: row direction × column direction (feet → head for axial). */
export function sliceNormal(orientation: Orientation): Vec3 {
  const [rx, ry, rz, cx, cy, cz] = orientation;
  const n: [number, number, number] = [ry * cz - rz * cy, rz * cx - rx * cz, rx * cy - ry * cx];
  const length = Math.hypot(...n);
  if (!(length > 1e-6)) throw new RangeError('orientation has parallel or zero row and column directions');
  return [n[0] / length, n[1] / length, n[2] / length];
}

function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

function usableOrientation(orientation: Orientation | null): Vec3 | null {
  if (!orientation || !orientation.every(Number.isFinite)) return null;
  try {
    return sliceNormal(orientation);
  } catch {
    return null;
  }
}

/**
 * Slices sorted along the slice normal by the projection of their position. Without a usable
 * orientation, or if any slice lacks a position, by instance number; ties and missing numbers
 * keep input order (the sort is stable).
 */
export function orderSlices<T extends Positioned>(slices: readonly T[], orientation: Orientation | null): T[] {
  const normal = usableOrientation(orientation);
  const byPosition = normal !== null && slices.every((s) => s.position !== null && s.position.every(Number.isFinite));
  const keyed = slices.map((slice, index) => ({
    slice,
    index,
    depth: byPosition ? dot(slice.position!, normal) : 0,
  }));
  keyed.sort((a, b) => compareDepth(a.depth, b.depth) || compareInstance(a.slice.instanceNumber, b.slice.instanceNumber) || a.index - b.index);
  return keyed.map((k) => k.slice);
}

/** Positions closer than this (mm) are the same plane, whatever the rounding of DS values. */
const SAME_PLANE_MM = 1e-3;

function compareDepth(a: number, b: number): number {
  return Math.abs(a - b) < SAME_PLANE_MM ? 0 : a - b;
}

/** Numbered slices first, ascending; unnumbered ones after, in input order. */
function compareInstance(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === null ? (b === null ? 0 : 1) : -1;
  return a - b;
}

/**
 * Distances (mm) along the slice normal between neighbours of already ordered slices: one fewer
 * than the slices. Null when the geometry is missing. Uneven values show uneven spacing.
 */
export function sliceSpacings(ordered: readonly Positioned[], orientation: Orientation | null): number[] | null {
  const normal = usableOrientation(orientation);
  if (!normal || !ordered.every((s) => s.position !== null)) return null;
  const depths = ordered.map((s) => dot(s.position!, normal));
  return depths.slice(1).map((d, i) => d - depths[i]!);
}
