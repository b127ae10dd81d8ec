import { describe, expect, it } from 'vitest';
import { metadataNumber, metadataVector, sliceLocationMm, zoomPercent, type SliceMetadata } from './sliceContext';

const demoSlice: SliceMetadata = {
  seriesDescription: 'Synthetic head CT (Mejirushi demo)',
  imagePositionPatient: [-114.975, -114.975, -35],
  imageOrientationPatient: [1, 0, 0, 0, 1, 0],
  sliceLocation: -35,
  sliceThickness: 5,
};

describe('slice context', () => {
  it('gives an axial slice\'s z as its location', () => {
    expect(sliceLocationMm(demoSlice)).toBeCloseTo(-35, 9);
  });

  it('measures a tilted slice along its normal, not along the table', () => {
    // GE head CT slice 2: z 10.056 mm on the table, tilted 18.5°.
    const location = sliceLocationMm({ ...demoSlice, imagePositionPatient: [-125, -123.5404569, 10.0560586], imageOrientationPatient: [1, 0, 0, 0, 0.9483237, -0.3173047] });
    expect(location).toBeCloseTo(-123.5404569 * 0.3173047 + 10.0560586 * 0.9483237, 4);
  });

  it('falls back to SliceLocation without geometry, and to nothing without either', () => {
    expect(sliceLocationMm({ ...demoSlice, imagePositionPatient: null, sliceLocation: 12.5 })).toBe(12.5);
    expect(sliceLocationMm({ ...demoSlice, imageOrientationPatient: null, sliceLocation: null })).toBeNull();
  });

  it('states zoom as screen px per image px', () => {
    expect(zoomPercent(1)).toBe(100);
    expect(zoomPercent(0.5)).toBe(200);
    expect(zoomPercent(512 / 700)).toBe(137);
  });

  it('reads DS numbers and vectors, refusing malformed ones', () => {
    expect(metadataNumber('5.0')).toBe(5);
    expect(metadataNumber('')).toBeNull();
    expect(metadataNumber(undefined)).toBeNull();
    expect(metadataVector([1, '0', 0], 3)).toEqual([1, 0, 0]);
    expect(metadataVector([1, 0], 3)).toBeNull();
    expect(metadataVector([1, 0, 0, 0, 1, 'x'], 6)).toBeNull();
  });
});
