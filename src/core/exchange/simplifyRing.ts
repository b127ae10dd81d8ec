/**
 * Fitting a traced outline into the record limit: QuPath's tumour regions can hold tens of
 * thousands of vertices, more than one record takes (RECORD_LIMITS.maxVertices). Rather than lose
 * such an outline, it is simplified (Douglas–Peucker) with the smallest tolerance, doubling from
 * a quarter pixel, that brings it within the limit; every vertex kept is an original one.
 */
import type { Point } from '../annotation';

const START_TOLERANCE_PX = 0.25;

/** Squared distance from `p` to the segment a–b. */
function segmentDistance2(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2));
  const x = a[0] + t * dx - p[0];
  const y = a[1] + t * dy - p[1];
  return x * x + y * y;
}

/** Douglas–Peucker on a closed ring (not repeating its first vertex), without recursion. */
export function simplifyRing(points: readonly Point[], tolerance: number): Point[] {
  const n = points.length;
  if (n <= 3) return [...points];
  const first = points[0]!;
  // The ring is cut at its first vertex and the vertex farthest from it, both kept.
  let far = 1;
  let farthest = -1;
  for (let i = 1; i < n; i += 1) {
    const d = (points[i]![0] - first[0]) ** 2 + (points[i]![1] - first[1]) ** 2;
    if (d > farthest) {
      farthest = d;
      far = i;
    }
  }
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[far] = 1;
  const tolerance2 = tolerance * tolerance;
  // Segments [a, b] of vertex indices; b = n stands for vertex 0 closing the ring.
  const stack = [0, far, far, n];
  while (stack.length > 0) {
    const b = stack.pop()!;
    const a = stack.pop()!;
    const pa = points[a]!;
    const pb = points[b % n]!;
    let worst = -1;
    let index = -1;
    for (let i = a + 1; i < b; i += 1) {
      const d = segmentDistance2(points[i]!, pa, pb);
      if (d > worst) {
        worst = d;
        index = i;
      }
    }
    if (index >= 0 && worst > tolerance2) {
      keep[index] = 1;
      stack.push(a, index, index, b);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

/** The ring itself when within `maxVertices`, else its simplification that fits. */
export function fitRing(points: readonly Point[], maxVertices: number): readonly Point[] {
  if (points.length <= maxVertices) return points;
  let fitted: readonly Point[] = points;
  for (let tolerance = START_TOLERANCE_PX; fitted.length > maxVertices; tolerance *= 2) fitted = simplifyRing(points, tolerance);
  return fitted;
}
