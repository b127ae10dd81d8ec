import { describe, expect, it } from 'vitest';
import { ringArea } from '../../geometry/measure';
import { maskToPolygon } from './maskToPolygon';

/** A width × height map that is `inside` where `test` holds, else 0. */
function mapOf(width: number, height: number, test: (x: number, y: number) => boolean, inside = 0.9): Float32Array {
  const map = new Float32Array(width * height);
  for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) if (test(x + 0.5, y + 0.5)) map[y * width + x] = inside;
  return map;
}

const options = { threshold: 0.5, minArea: 4, simplify: 0.5 };

describe('maskToPolygon', () => {
  it('outlines a disc with a few vertices, its area, score and bounds', () => {
    const map = mapOf(40, 40, (x, y) => Math.hypot(x - 20, y - 15) < 8);
    const [disc, ...rest] = maskToPolygon(map, 40, 40, options);
    expect(rest).toEqual([]);
    expect(disc!.score).toBeCloseTo(0.9, 5);
    expect(disc!.area).toBeGreaterThan(190);
    expect(disc!.area).toBeLessThan(212);
    expect(Math.abs(ringArea(disc!.polygon.points) / (Math.PI * 64) - 1)).toBeLessThan(0.05);
    expect(disc!.polygon.points.length).toBeLessThan(30);
    expect(disc!.bounds).toEqual({ minX: 12, minY: 7, maxX: 28, maxY: 23 });
    for (const [x, y] of disc!.polygon.points) expect(Math.abs(Math.hypot(x - 20, y - 15) - 8)).toBeLessThan(1.5);
  });

  it('keeps a ring-shaped region with its hole, and drops holes and specks under minArea', () => {
    const map = mapOf(30, 30, (x, y) => {
      const r = Math.hypot(x - 15, y - 15);
      return (r < 12 && r > 5) || (x > 1 && x < 2 && y > 1 && y < 2) || (r < 12 && Math.hypot(x - 15, y - 24) < 1);
    });
    const regions = maskToPolygon(map, 30, 30, options);
    expect(regions).toHaveLength(1);
    const [annulus] = regions;
    // The 1 px pinhole near the bottom is dropped, the 5 px hole in the middle kept.
    expect(annulus!.polygon.holes).toHaveLength(1);
    expect(ringArea(annulus!.polygon.holes![0]!)).toBeCloseTo(Math.PI * 25, -1);
  });

  it('thresholds the map: values below it are outside', () => {
    const map = mapOf(10, 10, (x) => x < 5, 0.4);
    expect(maskToPolygon(map, 10, 10, options)).toEqual([]);
    expect(maskToPolygon(map, 10, 10, { ...options, threshold: 0.3 })).toHaveLength(1);
  });

  it('keeps every traced corner when simplify is 0', () => {
    const map = mapOf(10, 10, (x, y) => x < 3 || y < 3);
    const [region] = maskToPolygon(map, 10, 10, { ...options, simplify: 0 });
    expect(region!.polygon.points).toEqual([[0, 0], [10, 0], [10, 3], [3, 3], [3, 10], [0, 10]]);
  });
});
