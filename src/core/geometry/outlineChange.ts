/**
 * How one version of an outline differs from another (what a conflict row says of it): moved as a
 * whole, or reshaped with so many vertices changed. Linear in the vertices of the two versions.
 */
import type { Geometry, Point } from '../annotation';
import { jsonEqual } from '../jsonEqual';
import { roundCoordinate } from './round';

export type OutlineChange =
  | { readonly kind: 'same' }
  /** Every vertex shifted by the same (dx, dy) image px. */
  | { readonly kind: 'moved'; readonly dx: number; readonly dy: number }
  /** Vertices that differ: position by position where both have the same rings, else added plus removed. */
  | { readonly kind: 'reshaped'; readonly vertices: number };

/** Every defining point of a geometry in order, with the ring lengths that give it structure. */
function pointsOf(geometry: Geometry): { readonly points: readonly Point[]; readonly shape: string } {
  switch (geometry.type) {
    case 'point':
      return { points: [geometry.point], shape: 'point' };
    case 'polyline':
      return { points: geometry.points, shape: `polyline:${geometry.points.length}` };
    case 'polygon':
    case 'multiPolygon': {
      const parts = geometry.type === 'polygon' ? [geometry] : geometry.polygons;
      const rings = parts.flatMap((p) => [p.points, ...(p.holes ?? [])]);
      return { points: rings.flat(), shape: `polygon:${parts.map((p) => [p.points.length, ...(p.holes ?? []).map((h) => h.length)].join(',')).join('|')}` };
    }
    case 'rectangle':
      return { points: [geometry.topLeft, geometry.bottomRight], shape: 'rectangle' };
    case 'ellipse':
      return { points: [geometry.center], shape: `ellipse:${geometry.radii.join(',')}:${geometry.rotation}` };
  }
}

/** Vertices in one list and not the other, counted as a multiset (a reshape that added or dropped some). */
function verticesApart(a: readonly Point[], b: readonly Point[]): number {
  const counts = new Map<string, number>();
  for (const [x, y] of a) counts.set(`${x},${y}`, (counts.get(`${x},${y}`) ?? 0) + 1);
  let unmatched = 0;
  for (const [x, y] of b) {
    const key = `${x},${y}`;
    const n = counts.get(key) ?? 0;
    if (n > 0) counts.set(key, n - 1);
    else unmatched += 1;
  }
  return unmatched + [...counts.values()].reduce((sum, n) => sum + n, 0);
}

/** What changed from `from` to `to`. */
export function outlineChange(from: Geometry, to: Geometry): OutlineChange {
  if (jsonEqual(from, to)) return { kind: 'same' };
  const before = pointsOf(from);
  const after = pointsOf(to);
  if (before.shape !== after.shape) return { kind: 'reshaped', vertices: Math.max(1, verticesApart(before.points, after.points)) };
  const [first, firstAfter] = [before.points[0]!, after.points[0]!];
  const dx = firstAfter[0] - first[0];
  const dy = firstAfter[1] - first[1];
  // Rounding to 0.01 px leaves a moved vertex up to that far from an exact shift.
  const shifted = before.points.every((p, i) => Math.abs(after.points[i]![0] - p[0] - dx) <= 0.011 && Math.abs(after.points[i]![1] - p[1] - dy) <= 0.011);
  if (shifted) return { kind: 'moved', dx: roundCoordinate(dx), dy: roundCoordinate(dy) };
  const vertices = before.points.reduce((n, p, i) => (p[0] === after.points[i]![0] && p[1] === after.points[i]![1] ? n : n + 1), 0);
  return { kind: 'reshaped', vertices };
}
