import { describe, expect, it } from 'vitest';
import type { Point } from '../annotation';
import { signedArea2 } from './geojson';
import { fitRing, simplifyRing } from './simplifyRing';

const circle = (n: number, r = 1_000): Point[] => Array.from({ length: n }, (_, i): Point => [r * Math.cos((2 * Math.PI * i) / n), r * Math.sin((2 * Math.PI * i) / n)]);

describe('fitting a ring into the vertex limit', () => {
  it('leaves a ring within the limit as it is', () => {
    const ring = circle(100);
    expect(fitRing(ring, 100)).toBe(ring);
  });

  it('keeps only original vertices, within the limit, with the area all but unchanged', () => {
    const ring = circle(50_000);
    const fitted = fitRing(ring, 10_000);
    expect(fitted.length).toBeLessThanOrEqual(10_000);
    expect(fitted.length).toBeGreaterThan(100);
    const originals = new Set(ring.map(([x, y]) => `${x},${y}`));
    expect(fitted.every(([x, y]) => originals.has(`${x},${y}`))).toBe(true);
    expect(Math.abs(signedArea2(fitted) - signedArea2(ring)) / signedArea2(ring)).toBeLessThan(0.001);
  });

  it('drops vertices within the tolerance of the outline and keeps corners', () => {
    const square: Point[] = [[0, 0], [5, 0.1], [10, 0], [10, 5], [10, 10], [5, 10], [0, 10], [0, 5]];
    expect(simplifyRing(square, 0.5)).toEqual([[0, 0], [10, 0], [10, 10], [0, 10]]);
    expect(simplifyRing(square, 0.05)).toEqual([[0, 0], [5, 0.1], [10, 0], [10, 10], [0, 10]]);
  });
});
