import { describe, expect, it } from 'vitest';
import { measurementFrom } from './measurement';

describe('measurementFrom', () => {
  it('reads a length in mm', () => {
    expect(measurementFrom('length', 'u1', 3, { length: 45.0004, unit: 'mm' })).toEqual({ uid: 'u1', sliceIndex: 3, tool: 'length', length: 45.0004, unit: 'mm' });
  });

  it('falls back to px for a slice without pixel spacing', () => {
    expect(measurementFrom('length', 'u1', 0, { length: 12 })).toMatchObject({ unit: 'px' });
  });

  it('reads an angle in degrees', () => {
    expect(measurementFrom('angle', 'u2', 0, { angle: 90 })).toMatchObject({ tool: 'angle', degrees: 90 });
  });

  it('reads an ROI\'s area and HU statistics', () => {
    const stats = { area: 78.5, areaUnit: 'mm²', mean: 40.2, stdDev: 3.1, min: 31, max: 49, modalityUnit: 'HU' };
    expect(measurementFrom('ellipse', 'u3', 7, stats)).toEqual({
      uid: 'u3',
      sliceIndex: 7,
      tool: 'ellipse',
      area: 78.5,
      areaUnit: 'mm²',
      mean: 40.2,
      stdDev: 3.1,
      min: 31,
      max: 49,
      valueUnit: 'HU',
    });
  });

  it('is null until the statistics exist', () => {
    expect(measurementFrom('rectangle', 'u4', 0, undefined)).toBeNull();
    expect(measurementFrom('rectangle', 'u4', 0, { area: 4, mean: null })).toBeNull();
    expect(measurementFrom('angle', 'u5', 0, { angle: Number.NaN })).toBeNull();
  });
});
