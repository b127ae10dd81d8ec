/**
 * Per-pixel features a region grower compares: HU for CT, OKLab × 100 for colour (a perceptual
 * space in which a distance of ~2 is just noticeable, so one tolerance suits pale and dark stains
 * alike). Read pixel by pixel as growth reaches them, so a click costs what it outlines, not the
 * whole image. Pixels are compared raw, so edges stay where they are; a clicked value is a local
 * mean, so a click lands on a tissue's value rather than on one noisy pixel.
 */
import type { ModelInput } from '../modelInput';

export interface FeatureReader {
  readonly channels: 1 | 3;
  /** Writes the features of input pixel (x, y) into `out` from `at`. */
  read(x: number, y: number, out: Float32Array, at: number): void;
}

export function similarityFeatures(input: ModelInput): FeatureReader {
  if (input.kind === 'ctSlice') {
    return { channels: 1, read: (x, y, out, at) => void (out[at] = input.hu[y * input.width + x]!) };
  }
  return {
    channels: 3,
    read: (x, y, out, at) => {
      const i = (y * input.width + x) * 4;
      oklab(input.rgba[i]!, input.rgba[i + 1]!, input.rgba[i + 2]!, out, at);
    },
  };
}

/** The mean feature over the (2·radius + 1)² pixels around (x, y) that lie on the image. */
export function localMean(reader: FeatureReader, width: number, height: number, x: number, y: number, radius: number): Float32Array {
  const { channels } = reader;
  const sum = new Float32Array(channels);
  const one = new Float32Array(channels);
  let count = 0;
  for (let ny = Math.max(0, y - radius); ny <= Math.min(height - 1, y + radius); ny++) {
    for (let nx = Math.max(0, x - radius); nx <= Math.min(width - 1, x + radius); nx++) {
      reader.read(nx, ny, one, 0);
      for (let c = 0; c < channels; c++) sum[c]! += one[c]!;
      count++;
    }
  }
  return sum.map((v) => v / count);
}

const LINEAR = Float32Array.from({ length: 256 }, (_, v) => {
  const s = v / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
});

/** sRGB → OKLab (Björn Ottosson, 2020), scaled by 100. */
function oklab(r: number, g: number, b: number, out: Float32Array, at: number): void {
  const lr = LINEAR[r]!;
  const lg = LINEAR[g]!;
  const lb = LINEAR[b]!;
  const l = Math.cbrt(0.4122214708 * lr + 0.5363325363 * lg + 0.0514459929 * lb);
  const m = Math.cbrt(0.2119034982 * lr + 0.6806995451 * lg + 0.1073969566 * lb);
  const s = Math.cbrt(0.0883024619 * lr + 0.2817188376 * lg + 0.6299787005 * lb);
  out[at] = 100 * (0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s);
  out[at + 1] = 100 * (1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s);
  out[at + 2] = 100 * (0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s);
}
