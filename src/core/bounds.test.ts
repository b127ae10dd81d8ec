import { describe, expect, it } from 'vitest';
import type { Mask } from './annotation';
import { geometryBounds, intersects, recordBounds } from './bounds';
import { encodeRuns } from './mask';
import { humanProvenance, labelRecord, shapeRecord } from './testing/records';

describe('geometryBounds', () => {
  it('bounds points, rectangles and outlines by their extremes', () => {
    expect(geometryBounds({ type: 'point', point: [3, 4] })).toEqual({ minX: 3, minY: 4, maxX: 3, maxY: 4 });
    expect(geometryBounds({ type: 'rectangle', topLeft: [1, 2], bottomRight: [5, 9] })).toEqual({ minX: 1, minY: 2, maxX: 5, maxY: 9 });
    expect(geometryBounds({ type: 'polygon', points: [[4, 1], [9, 7], [2, 5]] })).toEqual({ minX: 2, minY: 1, maxX: 9, maxY: 7 });
    const parts = [{ points: [[4, 1], [9, 7], [2, 5]] as const }, { points: [[20, 30], [21, 30], [21, 31]] as const, holes: [] }];
    expect(geometryBounds({ type: 'multiPolygon', polygons: parts })).toEqual({ minX: 2, minY: 1, maxX: 21, maxY: 31 });
  });

  it('bounds a rotated ellipse exactly', () => {
    const upright = geometryBounds({ type: 'ellipse', center: [10, 10], radii: [4, 2], rotation: 0 });
    expect(upright).toEqual({ minX: 6, minY: 8, maxX: 14, maxY: 12 });
    const turned = geometryBounds({ type: 'ellipse', center: [10, 10], radii: [4, 2], rotation: Math.PI / 2 });
    expect(turned.minX).toBeCloseTo(8);
    expect(turned.maxX).toBeCloseTo(12);
    expect(turned.minY).toBeCloseTo(6);
    expect(turned.maxY).toBeCloseTo(14);
  });
});

describe('recordBounds', () => {
  it('has no box for a label', () => {
    expect(recordBounds(labelRecord('slice-1', ['sah.present']))).toBeNull();
  });

  it('bounds a mask by its set pixels’ whole squares, across rows too', () => {
    const width = 8;
    const pixels = new Uint8Array(width * 6);
    pixels[2 * width + 3] = 1;
    pixels[2 * width + 5] = 1;
    const mask: Mask = {
      type: 'mask', id: 'm', questionId: 'lesion', targetId: 's', classCode: 'c', width, height: 6, runs: encodeRuns(pixels), provenance: humanProvenance(),
    };
    expect(recordBounds(mask)).toEqual({ minX: 3, minY: 2, maxX: 6, maxY: 3 });
    pixels[4 * width + 7] = 1;
    pixels[4 * width] = 1;
    expect(recordBounds({ ...mask, runs: encodeRuns(pixels) })).toEqual({ minX: 0, minY: 2, maxX: 8, maxY: 5 });
    expect(recordBounds({ ...mask, runs: [width * 6] })).toBeNull();
    // One run wrapping from the end of a row into the next spans the full width.
    const wrap = new Uint8Array(width * 6);
    wrap[width - 1] = 1;
    wrap[width] = 1;
    expect(recordBounds({ ...mask, runs: encodeRuns(wrap) })).toEqual({ minX: 0, minY: 0, maxX: 8, maxY: 2 });
  });

  it('bounds a shape by its geometry', () => {
    expect(recordBounds(shapeRecord('s', 't', { type: 'polyline', points: [[0, 0], [2, 3]] }))).toEqual({ minX: 0, minY: 0, maxX: 2, maxY: 3 });
  });
});

describe('intersects', () => {
  it('counts touching edges as meeting', () => {
    const a = { minX: 0, minY: 0, maxX: 2, maxY: 2 };
    expect(intersects(a, { minX: 2, minY: 2, maxX: 3, maxY: 3 })).toBe(true);
    expect(intersects(a, { minX: 2.1, minY: 0, maxX: 3, maxY: 3 })).toBe(false);
  });
});
