import type { DecodedSlice } from '../../inference/seriesInputs';
import { storedToModality } from '../imageGeometry';
import type { Volume } from './reformat';

/** Decoded slices (in series order) as a volume of modality values; throws on a mixed or colour series. */
export function volumeFromSlices(slices: readonly DecodedSlice[]): Volume {
  const [first] = slices;
  if (!first) throw new Error('A volume needs at least one slice');
  return {
    rows: first.rows,
    columns: first.columns,
    slices: slices.map((slice, index) => {
      if (slice.color || slice.rows !== first.rows || slice.columns !== first.columns) {
        throw new Error(`Slice ${index + 1} is not a grey ${first.columns}×${first.rows} image like the first`);
      }
      const rescale = { slope: slice.slope, intercept: slice.intercept, scaled: slice.scaled };
      return Float32Array.from(slice.pixels, (stored) => storedToModality(stored, rescale));
    }),
  };
}
