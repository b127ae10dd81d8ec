import { describe, expect, it } from 'vitest';
import { areaText, vertexCount } from './selectionFacts';

describe('selection facts', () => {
  it('gives the area in µm² from the slide’s µm per pixel, in mm² once large, in px² without it', () => {
    // CMU-1-Small-Region: 0.499 µm/px; a 1,000 × 1,000 px square is 249,001 µm².
    expect(areaText(1_000_000, [0.499, 0.499])).toEqual({ unit: 'um2', value: '249,001' });
    expect(areaText(16_000_000, [0.5, 0.5])).toEqual({ unit: 'mm2', value: '4.000' });
    expect(areaText(1234.4, null)).toEqual({ unit: 'px2', value: '1,234' });
  });

  it('counts the vertices of every ring and hole', () => {
    const ring = [[0, 0], [10, 0], [10, 10], [0, 10]] as const;
    expect(vertexCount({ type: 'polygon', points: ring, holes: [[[2, 2], [3, 2], [3, 3]]] })).toBe(7);
    expect(vertexCount({ type: 'multiPolygon', polygons: [{ points: ring }, { points: ring }] })).toBe(8);
    expect(vertexCount({ type: 'ellipse', center: [0, 0], radii: [1, 1], rotation: 0 })).toBeNull();
  });
});
