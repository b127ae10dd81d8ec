/**
 * Axial, coronal and sagittal planes of a regular volume (see core/seriesRegularity.ts: only a
 * series that passes it is reformatted, so slices form a grid along their normal). Pure over
 * the slices' modality values, so each plane is checked against a known volume.
 *
 * Conventions: slices are in series order (feet → head for axial), so the last slice is the top
 * row of a reformat. Axial at plane k: the volume's slice k as it lies (x = column, y = row; for
 * a resampled volume the grid plane, in the acquired slices' orientation). Coronal at image row
 * r: x = column, y = slice from the top. Sagittal at image column c: x = row, y = slice from the top.
 */
import type { Orientation } from '../../core/item';
import { sliceNormal } from '../../core/seriesRegularity';

export type ReformatPlane = 'axial' | 'coronal' | 'sagittal';

/** Every plane, in the order a radiologist's MPR layout shows them. */
export const REFORMAT_PLANES: readonly ReformatPlane[] = ['axial', 'coronal', 'sagittal'];

export interface Volume {
  readonly rows: number;
  readonly columns: number;
  /** Row-major modality values (HU) of each slice, in series order. */
  readonly slices: readonly ArrayLike<number>[];
}

export interface ReformatImage {
  readonly width: number;
  readonly height: number;
  /** Row-major modality values. */
  readonly values: Float32Array;
}

/** How many planes of a kind the volume has (slices for axial, rows for coronal, columns for sagittal). */
export function planeCount(volume: Volume, plane: ReformatPlane): number {
  return plane === 'axial' ? volume.slices.length : plane === 'coronal' ? volume.rows : volume.columns;
}

export function reformat(volume: Volume, plane: ReformatPlane, index: number): ReformatImage {
  const count = planeCount(volume, plane);
  if (!Number.isInteger(index) || index < 0 || index >= count) throw new RangeError(`No ${plane} plane ${index} in a volume of ${count}`);
  if (plane === 'axial') return axial(volume, index);
  const width = plane === 'coronal' ? volume.columns : volume.rows;
  const height = volume.slices.length;
  const values = new Float32Array(width * height);
  volume.slices.forEach((slice, s) => {
    const y = height - 1 - s;
    for (let x = 0; x < width; x++) {
      const source = plane === 'coronal' ? index * volume.columns + x : x * volume.columns + index;
      values[y * width + x] = slice[source] ?? Number.NaN;
    }
  });
  return { width, height, values };
}

/** Slice k as a copy (a view into the volume would let a caller write into it). */
function axial(volume: Volume, index: number): ReformatImage {
  const slice = volume.slices[index];
  const values = new Float32Array(volume.rows * volume.columns);
  for (let i = 0; slice && i < values.length; i++) values[i] = slice[i] ?? Number.NaN;
  return { width: volume.columns, height: volume.rows, values };
}

/**
 * Direction cosines of a reformat's rows and columns (screen right, screen down), so its edges
 * get orientation letters like any slice: down is against the slice normal.
 */
export function reformatOrientation(orientation: Orientation, plane: ReformatPlane): Orientation {
  if (plane === 'axial') return orientation;
  const [nx, ny, nz] = sliceNormal(orientation);
  const right = plane === 'coronal' ? orientation.slice(0, 3) : orientation.slice(3, 6);
  return [right[0] ?? 0, right[1] ?? 0, right[2] ?? 0, -nx, -ny, -nz];
}

/**
 * Size of one reformat pixel on screen relative to its width: `pixelSpacing` is row then column
 * spacing (mm), `sliceSpacingMm` the step between slices. Answers height / width of a pixel.
 */
export function pixelAspect(pixelSpacing: readonly [number, number], sliceSpacingMm: number, plane: ReformatPlane): number {
  if (plane === 'axial') return pixelSpacing[0] / pixelSpacing[1];
  const across = plane === 'coronal' ? pixelSpacing[1] : pixelSpacing[0];
  return sliceSpacingMm / across;
}
