import { describe, expect, it } from 'vitest';
import { geometryBounds } from '../bounds';
import { geometryArea } from './measure';
import { brushDab, footprintGeometry, sweepBrush } from './stroke';

const IMAGE = { width: 1000, height: 1000 };
/** Area of a regular n-gon inscribed in a circle of radius r. */
const inscribed = (r: number, n: number) => (n / 2) * r * r * Math.sin((2 * Math.PI) / n);

describe('brush footprints', () => {
  it('a dab is the inscribed polygon of the tip', () => {
    const dab = footprintGeometry(brushDab([500, 500], 10, 32), IMAGE)!;
    expect(geometryArea(dab)).toBeCloseTo(inscribed(10, 32), 0);
    expect(geometryBounds(dab)).toEqual({ minX: 490, minY: 490, maxX: 510, maxY: 510 });
  });

  it('a sweep adds the band between two dabs; sweeping nowhere adds nothing', () => {
    const start = brushDab([100, 500], 10, 32);
    expect(sweepBrush(start, [100, 500], [100, 500], 10, 32)).toBe(start);
    const swept = footprintGeometry(sweepBrush(start, [100, 500], [300, 500], 10, 32), IMAGE)!;
    expect(swept.type).toBe('polygon');
    expect(geometryArea(swept)).toBeCloseTo(inscribed(10, 32) + 200 * 20, -1);
  });

  it('is cut to the image, and is nothing when it lies wholly outside', () => {
    const edge = footprintGeometry(brushDab([0, 0], 10, 32), IMAGE)!;
    expect(geometryBounds(edge)).toMatchObject({ minX: 0, minY: 0 });
    expect(geometryArea(edge)).toBeCloseTo(inscribed(10, 32) / 4, 0);
    expect(footprintGeometry(brushDab([-50, -50], 10, 32), IMAGE)).toBeNull();
  });
});
