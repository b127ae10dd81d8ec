/**
 * The pixels of a regular grid (core/regularGrid.ts) resampled from the acquired slices: each
 * grid voxel is read bilinearly from the two acquired slices either side of its plane, at each
 * slice's own in-plane offset (the tilt's shear), and the two are blended linearly along the
 * normal. Reads the decoded slices' stored values (rescaled per slice) straight into the grid,
 * so no second copy of the acquired pixels is made. Pure, so it is checked on synthetic stacks.
 *
 * A voxel outside either slice's field of view has no acquired value: NaN.
 */
import type { GridPlane, GridSlice, RegularGrid } from '../../core/regularGrid';
import type { DecodedSlice } from '../../inference/seriesInputs';
import { packedVolume, type PackedVolume } from './volumeFromSlices';

/** Offsets this close to a whole px are read without in-plane interpolation (DS round-off). */
const WHOLE_PX_TOLERANCE = 1e-3;

function snapped(offset: number): number {
  const whole = Math.round(offset);
  return Math.abs(offset - whole) < WHOLE_PX_TOLERANCE ? whole : offset;
}

/** Adds `weight` × the slice's modality values, read where the grid's pixels lie on it, into `out` (NaN where it has none). */
function addSlice(out: Float32Array, grid: RegularGrid, placed: GridSlice, slice: DecodedSlice, weight: number): void {
  const rowShift = snapped(placed.rowOffset);
  const columnShift = snapped(placed.columnOffset);
  const rowBase = Math.floor(rowShift);
  const columnBase = Math.floor(columnShift);
  // The grid's pixel (r, c) is the slice's (r − rowShift, c − columnShift): one fraction for the whole slice.
  const fy = rowShift - rowBase === 0 ? 0 : 1 - (rowShift - rowBase);
  const fx = columnShift - columnBase === 0 ? 0 : 1 - (columnShift - columnBase);
  const firstRow = fy === 0 ? -rowBase : -rowBase - 1;
  const firstColumn = fx === 0 ? -columnBase : -columnBase - 1;
  const lastRow = slice.rows - 1 - (fy === 0 ? 0 : 1);
  const lastColumn = slice.columns - 1 - (fx === 0 ? 0 : 1);
  const { pixels, columns } = slice;
  const slope = slice.scaled ? 1 : slice.slope;
  const intercept = slice.scaled ? 0 : slice.intercept;
  const w00 = (1 - fy) * (1 - fx) * weight;
  const w01 = (1 - fy) * fx * weight;
  const w10 = fy * (1 - fx) * weight;
  const w11 = fy * fx * weight;
  for (let r = 0; r < grid.rows; r++) {
    const y = r + firstRow;
    const rowInside = y >= 0 && y <= lastRow;
    for (let c = 0; c < grid.columns; c++) {
      const at = r * grid.columns + c;
      const x = c + firstColumn;
      if (!rowInside || x < 0 || x > lastColumn) {
        out[at] = Number.NaN;
        continue;
      }
      const i = y * columns + x;
      const stored =
        w00 * (pixels[i] as number) +
        (w01 === 0 ? 0 : w01 * (pixels[i + 1] as number)) +
        (w10 === 0 ? 0 : w10 * (pixels[i + columns] as number)) +
        (w11 === 0 ? 0 : w11 * (pixels[i + columns + 1] as number));
      out[at] = (out[at] as number) + stored * slope + intercept * weight;
    }
  }
}

/** One grid plane's modality values, row-major, into `out` (all zero). `slices` are the decoded slices in series order. */
export function resamplePlane(grid: RegularGrid, plane: GridPlane, slices: readonly DecodedSlice[], out: Float32Array = new Float32Array(grid.rows * grid.columns)): Float32Array {
  const parts: readonly [number, number][] = [
    [plane.below, 1 - plane.weight],
    [plane.above, plane.weight],
  ];
  for (const [index, weight] of parts) {
    const placed = grid.slices[index];
    const slice = placed && slices[placed.seriesIndex];
    if (!placed || !slice) throw new Error(`The grid names slice ${index + 1}, which was not read`);
    if (slice.color) throw new Error(`Slice ${placed.seriesIndex + 1} is a colour image, not a slice of modality values`);
    if (weight > 0) addSlice(out, grid, placed, slice, weight);
  }
  return out;
}

/** An empty volume the size of the grid, for resamplePlanes to fill. */
export function gridVolume(grid: RegularGrid): PackedVolume {
  return packedVolume(grid.rows, grid.columns, grid.planes.length);
}

/**
 * Fills `volume` (from gridVolume) plane by plane (ascending along the normal), yielding the count
 * done after each, so a caller may let the page draw between them.
 */
export function* resamplePlanes(grid: RegularGrid, slices: readonly DecodedSlice[], volume: PackedVolume): Generator<number, void, void> {
  for (const [k, plane] of grid.planes.entries()) {
    resamplePlane(grid, plane, slices, planeOf(volume, k));
    yield k + 1;
  }
}

function planeOf(volume: PackedVolume, k: number): Float32Array {
  const plane = volume.slices[k];
  if (!plane) throw new RangeError(`The volume has no plane ${k}`);
  return plane;
}

export function resampleVolume(grid: RegularGrid, slices: readonly DecodedSlice[]): PackedVolume {
  const volume = gridVolume(grid);
  grid.planes.forEach((plane, k) => resamplePlane(grid, plane, slices, planeOf(volume, k)));
  return volume;
}

