/**
 * Whether a series' slices form a regular volume that a reformat (coronal, sagittal) may treat as
 * a grid: every slice has geometry, the slices are stacked along their own normal (no gantry
 * tilt), evenly spaced, none missing. Positions are ImagePositionPatient in mm (LPS), in the
 * series' slice order. Pure, so it is checked against the real GE head CT's geometry.
 */
import type { Orientation, Vec3 } from './item';

export type Irregularity =
  | { readonly kind: 'noGeometry' }
  | { readonly kind: 'tooFewSlices'; readonly count: number }
  /** The stack runs off the slice normal by this angle (gantry tilt), degrees. */
  | { readonly kind: 'tilted'; readonly degrees: number }
  /** Steps along the stack differ: the smallest and largest, mm. */
  | { readonly kind: 'unevenSpacing'; readonly minMm: number; readonly maxMm: number }
  /** Gaps of about a whole number (≥ 2) of the usual step: slices missing after these 0-based indices. */
  | { readonly kind: 'missingSlices'; readonly afterIndices: readonly number[] };

export type Regularity =
  | { readonly regular: true; readonly spacingMm: number }
  | { readonly regular: false; readonly reasons: readonly Irregularity[] };

/** A reformat needs at least this many slices to show anything across them. */
export const MIN_VOLUME_SLICES = 3;
/** Below this angle a stack is treated as orthogonal (round-off in ImagePositionPatient). */
const TILT_TOLERANCE_DEG = 0.5;
/** Steps may differ by this fraction of the usual step (DS values carry rounding). */
const SPACING_TOLERANCE = 0.01;

export function sliceNormal(orientation: Orientation): Vec3 {
  const [rx, ry, rz, cx, cy, cz] = orientation;
  return [ry * cz - rz * cy, rz * cx - rx * cz, rx * cy - ry * cx];
}

function subtract(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

function length(v: Vec3): number {
  return Math.hypot(v[0], v[1], v[2]);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function tiltDegrees(positions: readonly Vec3[], normal: Vec3): number {
  const first = positions[0];
  const last = positions[positions.length - 1];
  if (!first || !last) return 0;
  const stack = subtract(last, first);
  const along = length(stack);
  if (along === 0) return 0;
  const cosine = Math.abs(stack[0] * normal[0] + stack[1] * normal[1] + stack[2] * normal[2]) / (along * length(normal));
  return (Math.acos(Math.min(1, cosine)) * 180) / Math.PI;
}

export function seriesRegularity(positions: readonly (Vec3 | null)[], orientation: Orientation | null): Regularity {
  if (!orientation || positions.some((p) => p === null)) return { regular: false, reasons: [{ kind: 'noGeometry' }] };
  const known = positions as readonly Vec3[];
  if (known.length < MIN_VOLUME_SLICES) return { regular: false, reasons: [{ kind: 'tooFewSlices', count: known.length }] };

  const reasons: Irregularity[] = [];
  const tilt = tiltDegrees(known, sliceNormal(orientation));
  if (tilt > TILT_TOLERANCE_DEG) reasons.push({ kind: 'tilted', degrees: tilt });

  const steps = known.slice(1).map((p, i) => length(subtract(p, known[i] as Vec3)));
  const usual = median(steps);
  const tolerance = Math.max(usual * SPACING_TOLERANCE, 1e-3);
  const gaps = steps.flatMap((step, i) => {
    const multiple = Math.round(step / usual);
    return multiple >= 2 && Math.abs(step - multiple * usual) <= tolerance * multiple ? [i] : [];
  });
  if (gaps.length > 0) reasons.push({ kind: 'missingSlices', afterIndices: gaps });
  const others = steps.filter((_, i) => !gaps.includes(i));
  const minMm = Math.min(...others);
  const maxMm = Math.max(...others);
  if (usual === 0 || maxMm - minMm > tolerance) reasons.push({ kind: 'unevenSpacing', minMm, maxMm });

  return reasons.length === 0 ? { regular: true, spacingMm: usual } : { regular: false, reasons };
}
