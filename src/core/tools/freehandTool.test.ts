import { describe, expect, it } from 'vitest';
import type { Point } from '../annotation';
import { geometryFault } from '../geometry/crossings';
import { distanceToPath } from '../geometry/hitTest';
import { geometryArea } from '../geometry/measure';
import { ToolHarness } from '../testing/toolHarness';
import { freehandTool } from './freehandTool';

/** A hand tracing round a lesion: 500 mouse events with a slight tremor. */
function tracedLesion(n = 500, zoom = 1): Point[] {
  return Array.from({ length: n }, (_, i) => {
    const a = (2 * Math.PI * i) / n;
    const r = (300 + 40 * Math.sin(3 * a) + 0.4 * Math.sin(i * 2.3)) * zoom;
    return [2000 + r * Math.cos(a), 2000 + r * Math.sin(a)] as const;
  });
}

describe('the freehand tool', () => {
  it('simplifies a 500-point trace to far fewer vertices, each traced point within tolerance of the outline', () => {
    const h = new ToolHarness(freehandTool);
    const path = tracedLesion();
    h.drag(path);
    expect(h.commands).toHaveLength(1);
    const geometry = h.shapes[0]!.geometry;
    if (geometry.type !== 'polygon') throw new Error(`expected a polygon, got ${geometry.type}`);
    expect(geometry.points.length).toBeLessThan(100);
    expect(geometry.points.length).toBeGreaterThan(12);
    // 1.5 screen px of simplification plus 0.01 px of rounding.
    for (const p of path) expect(distanceToPath(p, geometry.points, true)).toBeLessThanOrEqual(1.52);
  });

  it('scales the tolerance with the zoom: the same trace on screen keeps about as many vertices', () => {
    const near = new ToolHarness(freehandTool);
    near.drag(tracedLesion());
    const far = new ToolHarness(freehandTool, { imagePxPerScreenPx: 4, imageSize: { width: 40_000, height: 40_000 } });
    far.drag(tracedLesion(500, 4));
    const count = (h: ToolHarness<unknown>) => (h.shapes[0]!.geometry as { points: readonly Point[] }).points.length;
    expect(Math.abs(count(far) - count(near))).toBeLessThan(count(near) / 3);
  });

  it('repairs a trace that crosses itself (a figure eight) into parts that do not', () => {
    const h = new ToolHarness(freehandTool);
    const eight: Point[] = [];
    for (let i = 0; i <= 200; i += 1) {
      const a = (2 * Math.PI * i) / 200;
      eight.push([500 + 300 * Math.sin(a), 500 + 150 * Math.sin(2 * a)]);
    }
    h.drag(eight);
    expect(h.commands).toHaveLength(1);
    const geometry = h.shapes[0]!.geometry;
    expect(geometry.type).toBe('multiPolygon');
    expect(geometryFault(geometry)).toBeNull();
    // Both lobes are kept: the curve encloses 8/3 · 300 · 150 px² in all.
    const lobes = (8 / 3) * 300 * 150;
    expect(Math.abs(geometryArea(geometry) - lobes) / lobes).toBeLessThan(0.05);
  });

  /** A figure eight whose right lobe is 300 × 150 px and whose left is `left` times as wide and high. */
  function lopsidedEight(left: number): Point[] {
    const path: Point[] = [];
    for (let i = 0; i <= 400; i += 1) {
      const a = (2 * Math.PI * i) / 400;
      const scale = Math.sin(a) >= 0 ? 1 : left;
      path.push([500 + 300 * scale * Math.sin(a), 500 + 150 * scale * Math.sin(2 * a)]);
    }
    return path;
  }

  it('drops the tiny loop a wavering hand curls where the trace crosses itself, keeping the region as one polygon', () => {
    const h = new ToolHarness(freehandTool);
    // The curl: 12 × 6 px, under 0.2 % of the lobe traced.
    h.drag(lopsidedEight(0.04));
    const geometry = h.shapes[0]!.geometry;
    expect(geometry.type).toBe('polygon');
    expect(geometryFault(geometry)).toBeNull();
    const lobe = (4 / 3) * 300 * 150;
    expect(Math.abs(geometryArea(geometry) - lobe) / lobe).toBeLessThan(0.05);
  });

  it('keeps a second part a tenth the size of the first: a region, not a slip', () => {
    const h = new ToolHarness(freehandTool);
    h.drag(lopsidedEight(0.33));
    const geometry = h.shapes[0]!.geometry;
    if (geometry.type !== 'multiPolygon') throw new Error(`expected two parts, got a ${geometry.type}`);
    expect(geometry.polygons).toHaveLength(2);
    const lobes = (4 / 3) * 300 * 150 * (1 + 0.33 ** 2);
    expect(Math.abs(geometryArea(geometry) - lobes) / lobes).toBeLessThan(0.05);
  });

  it('makes nothing of a click or a straight stroke, and Escape drops a trace', () => {
    const h = new ToolHarness(freehandTool);
    h.click([10, 10]);
    h.drag([[10, 10], [20, 10], [30, 10], [40, 10]]);
    h.down([0, 0]);
    for (const p of tracedLesion(50)) h.move(p, {}, true);
    expect(h.preview?.geometry?.type).toBe('polyline');
    h.key('Escape');
    h.up([0, 0]);
    expect(h.commands).toEqual([]);
  });

  it('ignores moves with the button up', () => {
    const h = new ToolHarness(freehandTool);
    for (const p of tracedLesion(20)) h.move(p);
    expect(h.preview).toBeNull();
  });
});
