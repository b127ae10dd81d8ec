import { describe, expect, it } from 'vitest';
import type { Orientation, Vec3 } from '../../core/item';
import { planRegularGrid, type RegularGrid, type StackGeometry } from '../../core/regularGrid';
import { sliceNormal } from '../../core/seriesRegularity';
import type { DecodedSlice } from '../../inference/seriesInputs';
import { resampleVolume } from './resampleVolume';

/**
 * A synthetic stack tilted 20° (like a gantry tilt: the column axis leans, positions climb in z)
 * with uneven steps (3 mm, an overlap of 1 mm, then 6 mm), 40 × 36 px of 0.8 mm rows, 0.7 mm columns.
 */
const TILT = (20 * Math.PI) / 180;
const ORIENTATION: Orientation = [1, 0, 0, 0, Math.cos(TILT), -Math.sin(TILT)];
const Z = [0, 3, 6, 9, 10, 16, 22, 28];
const ROWS = 40;
const COLUMNS = 36;
const SPACING = [0.8, 0.7] as const;
const STACK: StackGeometry = { positions: Z.map((z): Vec3 => [-7, 2, z]), orientation: ORIENTATION, pixelSpacing: SPACING, rows: ROWS, columns: COLUMNS };
/** Stored = (HU − intercept) / slope, so the rescale is exercised too. */
const RESCALE = { slope: 0.5, intercept: -1024 };

const add = (a: Vec3, b: Vec3, scale = 1): Vec3 => [a[0] + b[0] * scale, a[1] + b[1] * scale, a[2] + b[2] * scale];
const ROW_DIR: Vec3 = [ORIENTATION[0], ORIENTATION[1], ORIENTATION[2]];
const COLUMN_DIR: Vec3 = [ORIENTATION[3], ORIENTATION[4], ORIENTATION[5]];

/** Patient point of an acquired slice's pixel (row, column), mm. */
function acquiredPoint(slice: number, row: number, column: number): Vec3 {
  return add(add(STACK.positions[slice]!, ROW_DIR, column * SPACING[1]), COLUMN_DIR, row * SPACING[0]);
}

/** Patient point of a grid voxel: from the lowest slice's frame, moved along the normal. */
function gridPoint(grid: RegularGrid, plane: number, row: number, column: number): Vec3 {
  const lowest = grid.slices[0]!;
  return add(acquiredPoint(lowest.seriesIndex, row - lowest.rowOffset, column - lowest.columnOffset), sliceNormal(ORIENTATION), plane * grid.stepMm);
}

function stackOf(field: (p: Vec3) => number): DecodedSlice[] {
  return Z.map((_, s) => {
    const pixels = new Float32Array(ROWS * COLUMNS);
    for (let r = 0; r < ROWS; r++) for (let c = 0; c < COLUMNS; c++) pixels[r * COLUMNS + c] = (field(acquiredPoint(s, r, c)) - RESCALE.intercept) / RESCALE.slope;
    return { rows: ROWS, columns: COLUMNS, pixels, ...RESCALE, scaled: false, spacing: [SPACING[1], SPACING[0]], color: false };
  });
}

function everyVoxel(grid: RegularGrid, visit: (plane: number, row: number, column: number) => void): void {
  for (let k = 0; k < grid.planes.length; k++) for (let r = 0; r < grid.rows; r++) for (let c = 0; c < grid.columns; c++) visit(k, r, c);
}

describe('resampleVolume', () => {
  it('reproduces a linear field exactly at every voxel inside the acquired slices (geometry, shear and rescale)', () => {
    const field = (p: Vec3): number => 3 * p[0] - 2 * p[1] + 5 * p[2] + 40;
    const grid = planRegularGrid(STACK);
    const volume = resampleVolume(grid, stackOf(field));
    expect(volume.slices).toHaveLength(grid.planes.length);
    let inside = 0;
    let worst = 0;
    everyVoxel(grid, (k, r, c) => {
      const value = volume.slices[k]![r * grid.columns + c]!;
      if (Number.isNaN(value)) return;
      inside += 1;
      worst = Math.max(worst, Math.abs(value - field(gridPoint(grid, k, r, c))));
    });
    // Float32 storage of values up to ~2,500: round-off only.
    expect(worst).toBeLessThan(0.01);
    // The shear shifts each slice's field of view; the grid holds every slice whole, so most voxels are read.
    expect(inside).toBeGreaterThan(grid.planes.length * ROWS * COLUMNS * 0.6);
  });

  it('puts a sphere where it is in patient space, within interpolation error', () => {
    // In the middle of the slice of z = 10 (the overlap), 10 mm across.
    const centre = acquiredPoint(4, 20, 18);
    const radiusMm = 10;
    const sphere = (p: Vec3): number => (Math.hypot(p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]) <= radiusMm ? 1000 : 0);
    const grid = planRegularGrid(STACK);
    const volume = resampleVolume(grid, stackOf(sphere));
    // A voxel is mixed from acquired pixels within one step along the normal and one px in plane of it.
    const reach = Math.max(grid.maxStepMm, SPACING[0], SPACING[1]) + 0.01;
    const checked = { inside: 0, outside: 0 };
    everyVoxel(grid, (k, r, c) => {
      const value = volume.slices[k]![r * grid.columns + c]!;
      const p = gridPoint(grid, k, r, c);
      const distance = Math.hypot(p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]);
      if (Number.isNaN(value) || Math.abs(distance - radiusMm) < reach) return;
      checked[distance < radiusMm ? 'inside' : 'outside'] += 1;
      expect(value, `voxel ${k},${r},${c} at ${distance.toFixed(2)} mm from the centre`).toBeCloseTo(distance < radiusMm ? 1000 : 0, 3);
    });
    expect(checked.inside).toBeGreaterThan(100);
    expect(checked.outside).toBeGreaterThan(1000);
  });

  it('marks voxels no acquired slice covers as NaN, and refuses a colour slice', () => {
    const grid = planRegularGrid(STACK);
    const volume = resampleVolume(grid, stackOf(() => 0));
    // Plane 0 is the lowest slice alone, moved down the grid by its shear: the rows above it are empty.
    const lowest = grid.slices[0]!;
    expect(grid.planes[0]!.weight).toBe(0);
    expect(lowest.rowOffset).toBeGreaterThan(1);
    const bottom = volume.slices[0]!;
    const firstRow = Math.ceil(lowest.rowOffset);
    expect(Number.isNaN(bottom[(firstRow - 1) * grid.columns])).toBe(true);
    expect(bottom[firstRow * grid.columns]).toBe(0);
    expect(bottom[(firstRow + ROWS - 2) * grid.columns]).toBe(0);
    const colour = stackOf(() => 0).map((slice, i) => (i === 2 ? { ...slice, color: true } : slice));
    expect(() => resampleVolume(grid, colour)).toThrow(/colour/);
  });
});
