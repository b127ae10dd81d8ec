import type { DecodedSlice } from '../../inference/seriesInputs';
import { storedToModality } from '../imageGeometry';
import type { Volume } from './reformat';

/** A volume whose slices are views into one buffer, so Cornerstone's volume viewport can take it whole without a copy. */
export interface PackedVolume extends Volume {
  readonly slices: readonly Float32Array[];
  /** Every slice's modality values, one after another. */
  readonly voxels: Float32Array;
}

/** An all-zero volume of `planes` slices of rows × columns. */
export function packedVolume(rows: number, columns: number, planes: number): PackedVolume {
  const size = rows * columns;
  const voxels = new Float32Array(size * planes);
  return { rows, columns, voxels, slices: Array.from({ length: planes }, (_, k) => voxels.subarray(k * size, (k + 1) * size)) };
}

/** Decoded slices (in series order) as a volume of modality values; throws on a mixed or colour series. */
export function volumeFromSlices(slices: readonly DecodedSlice[]): PackedVolume {
  const [first] = slices;
  if (!first) throw new Error('A volume needs at least one slice');
  const volume = packedVolume(first.rows, first.columns, slices.length);
  slices.forEach((slice, index) => {
    if (slice.color || slice.rows !== first.rows || slice.columns !== first.columns) {
      throw new Error(`Slice ${index + 1} is not a grey ${first.columns}×${first.rows} image like the first`);
    }
    const rescale = { slope: slice.slope, intercept: slice.intercept, scaled: slice.scaled };
    const out = volume.slices[index];
    for (let i = 0; out && i < slice.pixels.length; i++) out[i] = storedToModality(slice.pixels[i] as number, rescale);
  });
  return volume;
}
