import type { Point } from '../annotation';
import { distanceToSegment } from './hitTest';

/**
 * Douglas–Peucker: the fewest of `points` (first and last always kept) such that no dropped point
 * lies farther than `tolerance` from the simplified path. Iterative, so a long freehand stroke
 * cannot overflow the stack; O(n log n) typical.
 */
export function simplifyPath(points: readonly Point[], tolerance: number): Point[] {
  if (points.length <= 2) return [...points];
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let farthest = -1;
    let farthestDistance = tolerance;
    for (let i = first + 1; i < last; i += 1) {
      const d = distanceToSegment(points[i]!, points[first]!, points[last]!);
      if (d > farthestDistance) {
        farthest = i;
        farthestDistance = d;
      }
    }
    if (farthest < 0) continue;
    keep[farthest] = 1;
    stack.push([first, farthest], [farthest, last]);
  }
  return points.filter((_, i) => keep[i] === 1);
}

/**
 * A closed ring simplified: split at the vertex farthest from the first so both halves keep
 * their extremes, then each half as a path.
 */
export function simplifyRing(ring: readonly Point[], tolerance: number): Point[] {
  if (ring.length <= 3) return [...ring];
  const [x0, y0] = ring[0]!;
  let split = 1;
  for (let i = 1; i < ring.length; i += 1) {
    if (Math.hypot(ring[i]![0] - x0, ring[i]![1] - y0) > Math.hypot(ring[split]![0] - x0, ring[split]![1] - y0)) split = i;
  }
  const first = simplifyPath(ring.slice(0, split + 1), tolerance);
  const second = simplifyPath([...ring.slice(split), ring[0]!], tolerance);
  return [...first, ...second.slice(1, -1)];
}
