/**
 * The smallest rotated rectangle around a set of points (text lines are often slanted), by
 * trying each convex-hull edge as a side: O(h²) for a hull of h vertices, a few dozen for a word.
 */
import type { Point } from '../../annotation';

export interface RotatedRect {
  readonly center: Point;
  /** Along `angle`, and across it. */
  readonly width: number;
  readonly height: number;
  /** Radians, direction of the `width` side, y down. */
  readonly angle: number;
}

/** Andrew's monotone chain; clockwise on screen, no repeated last vertex. */
export function convexHull(points: readonly Point[]): Point[] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (sorted.length < 3) return sorted;
  const cross = (o: Point, a: Point, b: Point) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = (list: readonly Point[]) => {
    const chain: Point[] = [];
    for (const p of list) {
      while (chain.length >= 2 && cross(chain[chain.length - 2]!, chain[chain.length - 1]!, p) <= 0) chain.pop();
      chain.push(p);
    }
    chain.pop();
    return chain;
  };
  return [...half(sorted), ...half([...sorted].reverse())];
}

export function minAreaRect(points: readonly Point[]): RotatedRect {
  const hull = convexHull(points);
  let best: RotatedRect = { center: hull[0] ?? [0, 0], width: 0, height: 0, angle: 0 };
  let bestArea = Infinity;
  for (let i = 0; i < hull.length; i++) {
    const [x1, y1] = hull[i]!;
    const [x2, y2] = hull[(i + 1) % hull.length]!;
    const angle = Math.atan2(y2 - y1, x2 - x1);
    const ux = Math.cos(angle);
    const uy = Math.sin(angle);
    let minU = Infinity;
    let maxU = -Infinity;
    let minV = Infinity;
    let maxV = -Infinity;
    for (const [x, y] of hull) {
      const u = x * ux + y * uy;
      const v = -x * uy + y * ux;
      minU = Math.min(minU, u);
      maxU = Math.max(maxU, u);
      minV = Math.min(minV, v);
      maxV = Math.max(maxV, v);
    }
    const area = (maxU - minU) * (maxV - minV);
    if (area < bestArea) {
      bestArea = area;
      const cu = (minU + maxU) / 2;
      const cv = (minV + maxV) / 2;
      best = { center: [cu * ux - cv * uy, cu * uy + cv * ux], width: maxU - minU, height: maxV - minV, angle };
    }
  }
  return best;
}

/** The rectangle's corners, clockwise on screen from the one at (−width/2, −height/2). */
export function rectCorners({ center, width, height, angle }: RotatedRect): Point[] {
  const ux = Math.cos(angle);
  const uy = Math.sin(angle);
  const corner = (su: number, sv: number): Point => [
    center[0] + (su * width * ux) / 2 - (sv * height * uy) / 2,
    center[1] + (su * width * uy) / 2 + (sv * height * ux) / 2,
  ];
  return [corner(-1, -1), corner(1, -1), corner(1, 1), corner(-1, 1)];
}
