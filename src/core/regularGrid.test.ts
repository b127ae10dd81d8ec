import { describe, expect, it } from 'vitest';
import type { Orientation, Vec3 } from './item';
import { planeOfSlice, planRegularGrid, reformatSource, regularStepMm } from './regularGrid';
import { GE_ORIENTATION, GE_PIXEL_SPACING, GE_POSITIONS, GE_Z } from './testing/geHeadCtGeometry';

const GE = { positions: GE_POSITIONS, orientation: GE_ORIENTATION, pixelSpacing: [GE_PIXEL_SPACING, GE_PIXEL_SPACING] as const, rows: 512, columns: 512 };

describe('planRegularGrid', () => {
  it('puts the real GE head CT on a 4.0 mm grid along its normal, 37 planes, grown by the tilt’s shear', () => {
    const grid = planRegularGrid(GE);
    expect(grid.tiltDegrees).toBeCloseTo(18.5, 1);
    // 4.22 mm between positions is 4.0 mm along the tilted normal; 7.38 is 7.0; the overlap 1.14 is 1.08.
    expect(grid.stepMm).toBeCloseTo(4.22 * 0.9483237, 4);
    expect(grid.minStepMm).toBeCloseTo(1.14 * 0.9483237, 4);
    expect(grid.maxStepMm).toBeCloseTo(7.38 * 0.9483237, 4);
    const spanMm = (GE_Z[27]! - GE_Z[0]!) * 0.9483237;
    expect(grid.planes).toHaveLength(Math.floor(spanMm / grid.stepMm) + 1);
    expect(grid.planes).toHaveLength(37);
    // Each slice's origin moves −0.3173 mm along the column axis per mm of z: 98.7 rows over the stack.
    const shearRows = ((GE_Z[27]! - GE_Z[0]!) * 0.3173047) / GE_PIXEL_SPACING;
    expect(grid.rows).toBe(512 + Math.ceil(shearRows));
    expect(grid.columns).toBe(512);
    expect(grid.slices[0]!.rowOffset).toBeCloseTo(shearRows, 6);
    expect(grid.slices[27]!.rowOffset).toBeCloseTo(0, 6);
    expect(grid.slices.every((slice) => slice.columnOffset === 0)).toBe(true);
  });

  it('interpolates each plane between the acquired slices either side of it', () => {
    const grid = planRegularGrid(GE);
    // The 4 mm run lies on the grid: plane k is slice k (13 steps of 4.0 mm).
    for (let k = 0; k <= 13; k++) expect(grid.planes[k]!.weight === 0 ? grid.planes[k]!.below : grid.planes[k]!.above).toBe(k);
    // Plane 14 (56.0 mm above slice 1) lies between slice 15 (53.1) and slice 16 (60.1).
    const plane = grid.planes[14]!;
    expect([plane.below, plane.above]).toEqual([14, 15]);
    const at = grid.firstMm + 14 * grid.stepMm;
    const [low, high] = [grid.slices[14]!.normalMm, grid.slices[15]!.normalMm];
    expect(plane.weight).toBeCloseTo((at - low) / (high - low), 9);
    for (const p of grid.planes) {
      expect(p.weight).toBeGreaterThanOrEqual(0);
      expect(p.weight).toBeLessThanOrEqual(1);
      expect(grid.slices[p.below]!.normalMm).toBeLessThanOrEqual(grid.firstMm + grid.planes.indexOf(p) * grid.stepMm + 1e-9);
    }
  });

  it('orders a series stored head → feet ascending along the normal, naming each slice’s place in the series', () => {
    const grid = planRegularGrid({ ...GE, positions: [...GE.positions].reverse() });
    expect(grid.slices[0]!.seriesIndex).toBe(27);
    expect(grid.slices[27]!.seriesIndex).toBe(0);
    expect(grid.planes).toHaveLength(37);
  });

  it('leaves a regular axial stack as it is', () => {
    const grid = planRegularGrid({ positions: [0, 5, 10, 15].map((z): Vec3 => [-10, -20, z]), orientation: [1, 0, 0, 0, 1, 0], pixelSpacing: [0.5, 0.5], rows: 8, columns: 6 });
    expect(grid).toMatchObject({ rows: 8, columns: 6, stepMm: 5, firstMm: 0, tiltDegrees: 0, minStepMm: 5, maxStepMm: 5 });
    expect(grid.planes.map((p) => (p.weight === 0 ? p.below : p.above))).toEqual([0, 1, 2, 3]);
    expect(grid.planes.every((p) => p.weight === 0 || p.weight === 1)).toBe(true);
  });

  it('refuses two slices at one place along the normal', () => {
    expect(() => planRegularGrid({ positions: [[0, 0, 0], [0, 0, 0], [0, 0, 5]], orientation: [1, 0, 0, 0, 1, 0], pixelSpacing: [1, 1], rows: 2, columns: 2 })).toThrow(/one place/);
  });
});

describe('regularStepMm', () => {
  it('takes the finest step of a regular run, not a lone overlap', () => {
    expect(regularStepMm([4, 4, 4, 1.08, 7, 7, 7])).toBe(4);
    expect(regularStepMm([5, 5, 5])).toBe(5);
    expect(regularStepMm([2.5, 2.5, 5, 5, 5, 5])).toBe(2.5);
  });
});

describe('reformatSource', () => {
  const series = (positions: readonly Vec3[], orientation: Orientation = [1, 0, 0, 0, 1, 0]) => ({
    slices: positions.map((position, i) => ({ targetId: `s${i}`, fileId: `f${i}`, sopInstanceUid: `s${i}`, instanceNumber: i + 1, position })),
    orientation,
    pixelSpacing: [0.5, 0.5] as const,
    rows: 4,
    columns: 4,
  });
  const axial = (zs: readonly number[]): Vec3[] => zs.map((z) => [0, 0, z]);

  it('reformats a regular series as acquired', () => {
    expect(reformatSource(series(axial([0, 5, 10, 15])))).toEqual({ kind: 'asAcquired', spacingMm: 5 });
  });

  it('resamples the tilted, unevenly spaced GE head CT', () => {
    const source = reformatSource({ ...series(GE.positions, GE_ORIENTATION), pixelSpacing: GE.pixelSpacing, rows: 512, columns: 512 });
    expect(source.kind).toBe('resampled');
    expect(source.kind === 'resampled' && source.grid.planes.length).toBe(37);
  });

  it('refuses a series with a slice missing, even when it is also tilted', () => {
    expect(reformatSource(series(axial([0, 5, 10, 20, 25])))).toEqual({ kind: 'refused', reasons: [{ kind: 'missingSlices', afterIndices: [2] }] });
    const tilted = [0, 5, 10, 20, 25].map((z): Vec3 => [0, z * 0.3, z]);
    const source = reformatSource(series(tilted));
    expect(source.kind === 'refused' && source.reasons.map((r) => r.kind)).toEqual(['tilted', 'missingSlices']);
  });

  it('refuses without pixel spacing or with two slices at one place', () => {
    expect(reformatSource({ ...series(GE.positions, GE_ORIENTATION), pixelSpacing: null })).toEqual({ kind: 'refused', reasons: [{ kind: 'noGeometry' }] });
    expect(reformatSource(series(axial([0, 0, 5, 10]))).kind).toBe('refused');
  });
});

describe('planeOfSlice', () => {
  it('places each acquired slice among the planes by its distance along the normal', () => {
    const grid = planRegularGrid(GE);
    expect(planeOfSlice(grid, 0)).toBe(0);
    expect(planeOfSlice(grid, 13)).toBeCloseTo(13, 6);
    // Slice 15 is 1.08 mm above slice 14; slice 28 lies just above the last plane (36).
    expect(planeOfSlice(grid, 14)).toBeCloseTo(13 + 1.14 / 4.22, 4);
    expect(planeOfSlice(grid, 27)).toBeCloseTo((GE_Z[27]! - GE_Z[0]!) / 4.22, 4);
    expect(planeOfSlice(grid, 28)).toBeNull();
  });
});
