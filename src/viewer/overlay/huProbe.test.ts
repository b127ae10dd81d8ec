import { describe, expect, it } from 'vitest';
import { probeSlice, type ProbedSlice } from './huProbe';

// 2 rows × 3 columns, stored values as a CT with slope 1, intercept −1024 writes them.
const slice: ProbedSlice = { rows: 2, columns: 3, pixels: Int16Array.from([0, 1024, 1064, 2024, 1000, 30]), rescale: { slope: 1, intercept: -1024, scaled: false } };

describe('probeSlice', () => {
  it('reads the pixel whose square holds the point, in HU', () => {
    expect(probeSlice(slice, [2.9, 0.1])).toEqual({ row: 0, column: 2, value: 40 });
    expect(probeSlice(slice, [0, 1])).toEqual({ row: 1, column: 0, value: 1000 });
    expect(probeSlice(slice, [0.5, 0.5])).toEqual({ row: 0, column: 0, value: -1024 });
  });

  it('takes values the loader already rescaled as they are', () => {
    expect(probeSlice({ ...slice, rescale: { ...slice.rescale, scaled: true } }, [1, 0])?.value).toBe(1024);
  });

  it('answers null off the image', () => {
    expect(probeSlice(slice, [3, 0])).toBeNull();
    expect(probeSlice(slice, [-0.01, 0])).toBeNull();
    expect(probeSlice(slice, [0, 2])).toBeNull();
    expect(probeSlice(slice, [Number.NaN, 0])).toBeNull();
  });
});
