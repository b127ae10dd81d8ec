import { describe, expect, it } from 'vitest';
import type { Orientation, Vec3 } from './item';
import { seriesRegularity, sliceNormal } from './seriesRegularity';
import { GE_ORIENTATION, GE_POSITIONS } from './testing/geHeadCtGeometry';

const AXIAL: Orientation = [1, 0, 0, 0, 1, 0];

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
