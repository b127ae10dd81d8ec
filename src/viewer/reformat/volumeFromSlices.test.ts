import { describe, expect, it } from 'vitest';
import type { DecodedSlice } from '../../inference/seriesInputs';
import { volumeFromSlices } from './volumeFromSlices';

const slice = (pixels: number[], overrides: Partial<DecodedSlice> = {}): DecodedSlice => ({
  columns: 2,
  rows: 1,
  pixels,
  slope: 1,
  intercept: -1024,
  scaled: false,
  spacing: [0.5, 0.5],
  color: false,
  ...overrides,
});

describe('volumeFromSlices', () => {
  it('turns stored values into HU per slice, keeping ones the loader already scaled', () => {
    const volume = volumeFromSlices([slice([1024, 1064]), slice([40, -1000], { scaled: true })]);
    expect(volume.rows).toBe(1);
    expect(volume.columns).toBe(2);
    expect(volume.slices.map((s) => Array.from(s))).toEqual([
      [0, 40],
      [40, -1000],
    ]);
  });

  it('packs the slices into one buffer, one after another, for Cornerstone to take without a copy', () => {
    const volume = volumeFromSlices([slice([1024, 1064]), slice([40, -1000], { scaled: true })]);
    expect(Array.from(volume.voxels)).toEqual([0, 40, 40, -1000]);
    expect(volume.slices.every((plane) => plane.buffer === volume.voxels.buffer)).toBe(true);
  });

  it('refuses a colour slice, a slice of another size and an empty series', () => {
    expect(() => volumeFromSlices([slice([0, 0]), slice([0, 0], { color: true })])).toThrow(/Slice 2/);
    expect(() => volumeFromSlices([slice([0, 0]), slice([0], { columns: 1 })])).toThrow(/Slice 2/);
    expect(() => volumeFromSlices([])).toThrow();
  });
});
