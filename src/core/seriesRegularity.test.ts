import { describe, expect, it } from 'vitest';
import type { Orientation, Vec3 } from './item';
import { seriesRegularity, sliceNormal } from './seriesRegularity';

const AXIAL: Orientation = [1, 0, 0, 0, 1, 0];

/** ImagePositionPatient z of the 28 slices of ../shared/data/radiology/ct-head-series-ge (dcmdump; x, y are −125, −123.5404569). */
const GE_Z = [
  5.8360586, 10.0560586, 14.2760586, 18.4960586, 22.7160586, 26.9360586, 31.1560586, 35.3760586, 39.5960586, 43.8160586, 48.0360586,
  52.2560586, 56.4760586, 60.6960586, 61.8360586, 69.2160586, 76.5960586, 83.9760586, 91.3560586, 98.7360586, 106.1160586, 113.4960586,
  120.8760586, 128.2560586, 135.6360586, 143.0160586, 150.3960586, 157.7760586,
];
const GE_POSITIONS: Vec3[] = GE_Z.map((z) => [-125, -123.5404569, z]);
/** Its ImageOrientationPatient: gantry tilt +18.5°. */
const GE_ORIENTATION: Orientation = [1, 0, 0, 0, 0.9483237, -0.3173047];

const stack = (zs: readonly number[]): Vec3[] => zs.map((z) => [-100, -100, z]);

describe('seriesRegularity', () => {
  it('finds the real GE head CT tilted by 18.5° and unevenly spaced (4.22, 1.14 and 7.38 mm steps)', () => {
    const result = seriesRegularity(GE_POSITIONS, GE_ORIENTATION);
    expect(result.regular).toBe(false);
    if (result.regular) return;
    const tilt = result.reasons.find((r) => r.kind === 'tilted');
    expect(tilt?.kind === 'tilted' && tilt.degrees).toBeCloseTo(18.5, 1);
    const uneven = result.reasons.find((r) => r.kind === 'unevenSpacing');
    expect(uneven).toMatchObject({ kind: 'unevenSpacing' });
    if (uneven?.kind !== 'unevenSpacing') return;
    expect(uneven.minMm).toBeCloseTo(1.14, 2);
    expect(uneven.maxMm).toBeCloseTo(7.38, 2);
  });

  it('takes an axial stack with even 5 mm steps as a regular volume', () => {
    expect(seriesRegularity(stack([-40, -35, -30, -25, -20]), AXIAL)).toEqual({ regular: true, spacingMm: 5 });
  });

  it('allows DS round-off in the positions', () => {
    expect(seriesRegularity(stack([0, 2.5001, 4.9999, 7.5]), AXIAL).regular).toBe(true);
  });

  it('names the slices after which one is missing (a step of twice the usual)', () => {
    expect(seriesRegularity(stack([0, 5, 10, 20, 25, 30]), AXIAL)).toEqual({ regular: false, reasons: [{ kind: 'missingSlices', afterIndices: [2] }] });
  });

  it('reports a synthetic tilt of a regular axial stack', () => {
    const tilt = (10 * Math.PI) / 180;
    const positions: Vec3[] = [0, 1, 2, 3].map((i) => [0, i * 5 * Math.sin(tilt), i * 5 * Math.cos(tilt)]);
    const result = seriesRegularity(positions, AXIAL);
    expect(result.regular).toBe(false);
    if (result.regular) return;
    expect(result.reasons).toHaveLength(1);
    const [reason] = result.reasons;
    expect(reason?.kind === 'tilted' && reason.degrees).toBeCloseTo(10, 6);
  });

  it('refuses a series without geometry or with too few slices', () => {
    expect(seriesRegularity([[0, 0, 0], null, [0, 0, 2]], AXIAL)).toEqual({ regular: false, reasons: [{ kind: 'noGeometry' }] });
    expect(seriesRegularity(stack([0, 1, 2]), null)).toEqual({ regular: false, reasons: [{ kind: 'noGeometry' }] });
    expect(seriesRegularity(stack([0, 1]), AXIAL)).toEqual({ regular: false, reasons: [{ kind: 'tooFewSlices', count: 2 }] });
  });

  it('computes the slice normal as row × column', () => {
    expect(sliceNormal(AXIAL)).toEqual([0, 0, 1]);
    expect(sliceNormal([0, 1, 0, 0, 0, -1])).toEqual([-1, 0, 0]);
  });
});
