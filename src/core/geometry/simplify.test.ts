import { describe, expect, it } from 'vitest';
import type { Point } from '../annotation';
import { distanceToPath } from './hitTest';
import { simplifyPath, simplifyRing } from './simplify';

/** A wobbly circle of n points, the way a hand drags a mouse around a lesion. */
function handDrawnCircle(n: number): Point[] {
  return Array.from({ length: n }, (_, i) => {
    const a = (2 * Math.PI * i) / n;
    const r = 200 + 0.3 * Math.sin(i * 1.7);
    return [500 + r * Math.cos(a), 400 + r * Math.sin(a)] as const;
  });
}

describe('Douglas–Peucker simplification', () => {
  it('keeps the ends and drops points that lie within tolerance of the line', () => {
    expect(simplifyPath([[0, 0], [1, 0.1], [2, -0.1], [3, 5], [4, 0], [5, 0]], 0.5)).toEqual([[0, 0], [2, -0.1], [3, 5], [4, 0], [5, 0]]);
    expect(simplifyPath([[0, 0], [5, 0.2], [10, 0]], 1)).toEqual([[0, 0], [10, 0]]);
    expect(simplifyPath([[1, 1]], 1)).toEqual([[1, 1]]);
  });

  it('reduces a 500-point freehand ring to far fewer vertices, every dropped one within tolerance', () => {
    const ring = handDrawnCircle(500);
    const tolerance = 1.5;
    const simple = simplifyRing(ring, tolerance);
    expect(simple.length).toBeLessThan(60);
    expect(simple.length).toBeGreaterThan(8);
    for (const p of ring) expect(distanceToPath(p, simple, true)).toBeLessThanOrEqual(tolerance + 1e-9);
    // Vertices are a subset of the input, in order.
    let from = 0;
    for (const v of simple) {
      const at = ring.indexOf(v, from);
      expect(at).toBeGreaterThanOrEqual(from);
      from = at + 1;
    }
  });

  it('handles 100,000 collinear points without recursion', () => {
    const line = Array.from({ length: 100_000 }, (_, i) => [i, 0] as const);
    expect(simplifyPath(line, 0.1)).toEqual([[0, 0], [99_999, 0]]);
  });
});
