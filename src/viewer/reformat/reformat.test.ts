import { describe, expect, it } from 'vitest';
import { edgeMarkers } from '../overlay/orientationMarkers';
import { pixelAspect, planeCount, reformat, reformatOrientation, type Volume } from './reformat';

/** 3 slices of 2 rows × 3 columns; value = 100·slice + 10·row + column. */
const volume: Volume = {
  rows: 2,
  columns: 3,
  slices: [0, 1, 2].map((s) => Float32Array.from([0, 1, 2, 10, 11, 12].map((v) => 100 * s + v))),
};

describe('reformat', () => {
  it('builds a coronal plane from one image row of every slice, the last slice on top', () => {
    const coronal = reformat(volume, 'coronal', 1);
    expect(coronal.width).toBe(3);
    expect(coronal.height).toBe(3);
    expect(Array.from(coronal.values)).toEqual([210, 211, 212, 110, 111, 112, 10, 11, 12]);
  });

  it('builds a sagittal plane from one image column of every slice', () => {
    const sagittal = reformat(volume, 'sagittal', 2);
    expect(sagittal.width).toBe(2);
    expect(Array.from(sagittal.values)).toEqual([202, 212, 102, 112, 2, 12]);
  });

  it('gives the axial plane as the slice lies, as a copy', () => {
    const axial = reformat(volume, 'axial', 1);
    expect([axial.width, axial.height]).toEqual([3, 2]);
    expect(Array.from(axial.values)).toEqual([100, 101, 102, 110, 111, 112]);
    axial.values[0] = -1;
    expect(volume.slices[1]?.[0]).toBe(100);
  });

  it('counts planes and refuses one outside the volume', () => {
    expect(planeCount(volume, 'axial')).toBe(3);
    expect(() => reformat(volume, 'axial', 3)).toThrow(RangeError);
    expect(planeCount(volume, 'coronal')).toBe(2);
    expect(planeCount(volume, 'sagittal')).toBe(3);
    expect(() => reformat(volume, 'coronal', 2)).toThrow(RangeError);
  });

  it('orients an axial series\' reformats as radiologists read them', () => {
    const axial = [1, 0, 0, 0, 1, 0] as const;
    expect(edgeMarkers(reformatOrientation(axial, 'coronal'))).toEqual({ left: 'R', right: 'L', top: 'S', bottom: 'I' });
    expect(edgeMarkers(reformatOrientation(axial, 'sagittal'))).toEqual({ left: 'A', right: 'P', top: 'S', bottom: 'I' });
    // The axial plane as the slice: viewed from the feet, the patient's right on the screen's left.
    expect(edgeMarkers(reformatOrientation(axial, 'axial'))).toEqual({ left: 'R', right: 'L', top: 'A', bottom: 'P' });
  });

  it('stretches a pixel by the slice step over the in-plane spacing', () => {
    expect(pixelAspect([0.45, 0.5], 5, 'coronal')).toBeCloseTo(10, 9);
    expect(pixelAspect([0.45, 0.5], 5, 'sagittal')).toBeCloseTo(5 / 0.45, 9);
    // In the slice's own plane: row spacing over column spacing, whatever the slice step.
    expect(pixelAspect([0.45, 0.5], 5, 'axial')).toBeCloseTo(0.9, 9);
  });
});
