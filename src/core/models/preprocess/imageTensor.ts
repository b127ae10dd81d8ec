/**
 * Turning a model input (a CT slice in HU or an RGBA image) into a float NCHW tensor of a given
 * size: grey or RGB 0–255, bilinear resampling (pixel centres at half-integers, as OpenCV and
 * PyTorch's `align_corners=False`), per-channel normalisation, zero padding right and below.
 */
import type { Point } from '../../annotation';
import type { ModelManifest, PreprocessStep } from '../manifest';
import type { ModelInput } from '../modelInput';

/** An image as 0–255 samples, `channels` per pixel, row-major. */
export interface SampleImage {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
  readonly samples: Float32Array;
}

/** How pixels of the input map to the item's frame: item = origin + pixel × scale. */
export interface ItemFrame {
  readonly origin: Point;
  readonly scale: number;
}

export function itemFrameOf(input: ModelInput): ItemFrame {
  return input.kind === 'ctSlice' ? { origin: [0, 0], scale: 1 } : { origin: input.origin, scale: input.scale };
}

type Step<K extends PreprocessStep['op']> = Extract<PreprocessStep, { op: K }>;

export function stepOf<K extends PreprocessStep['op']>(manifest: ModelManifest, op: K): Step<K> | undefined {
  return manifest.preprocess.find((step): step is Step<K> => step.op === op);
}

/**
 * A CT slice becomes grey through the manifest's window (or, without one, the slice's own range,
 * so burned-in annotations at the top of the range stand out); an RGBA image drops its alpha.
 */
export function sampleImageOf(input: ModelInput, ctWindow?: Step<'ctWindow'>): SampleImage {
  const { width, height } = input;
  if (input.kind === 'rgbaImage') {
    const samples = new Float32Array(width * height * 3);
    for (let i = 0, j = 0; i < width * height; i++, j += 3) {
      samples[j] = input.rgba[i * 4]!;
      samples[j + 1] = input.rgba[i * 4 + 1]!;
      samples[j + 2] = input.rgba[i * 4 + 2]!;
    }
    return { width, height, channels: 3, samples };
  }
  let low: number;
  let high: number;
  if (ctWindow) {
    low = ctWindow.center - ctWindow.width / 2;
    high = ctWindow.center + ctWindow.width / 2;
  } else {
    low = Infinity;
    high = -Infinity;
    for (const v of input.hu) {
      if (v < low) low = v;
      if (v > high) high = v;
    }
  }
  const range = high > low ? high - low : 1;
  const samples = new Float32Array(width * height);
  for (let i = 0; i < samples.length; i++) samples[i] = Math.min(255, Math.max(0, ((input.hu[i]! - low) / range) * 255));
  return { width, height, channels: 1, samples };
}

export interface TensorLayout {
  /** The resampled image's size inside the tensor. */
  readonly width: number;
  readonly height: number;
  /** The tensor's size (≥ the image's; the rest is zero padding). */
  readonly tensorWidth: number;
  readonly tensorHeight: number;
}

/** [1, 3, tensorHeight, tensorWidth], (x / 255 − mean) / std per channel (mean 0, std 1 without a step). */
export function nchwTensor(image: SampleImage, layout: TensorLayout, normalise?: Step<'normalise'>): Float32Array {
  const { width, height, tensorWidth, tensorHeight } = layout;
  const plane = tensorWidth * tensorHeight;
  const out = new Float32Array(3 * plane);
  const sx = image.width / width;
  const sy = image.height / height;
  const pixel = new Float32Array(3);
  for (let y = 0; y < height; y++) {
    const fy = Math.min(image.height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(image.height - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(image.width - 1, Math.max(0, (x + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(image.width - 1, x0 + 1);
      const wx = fx - x0;
      bilinear(image, x0, x1, y0, y1, wx, wy, pixel);
      for (let c = 0; c < 3; c++) {
        const mean = normalise?.mean[c] ?? 0;
        const std = normalise?.std[c] ?? 1;
        out[c * plane + y * tensorWidth + x] = (pixel[c]! / 255 - mean) / std;
      }
    }
  }
  return out;
}

function bilinear(image: SampleImage, x0: number, x1: number, y0: number, y1: number, wx: number, wy: number, out: Float32Array): void {
  const { channels, samples, width } = image;
  for (let c = 0; c < channels; c++) {
    const at = (x: number, y: number) => samples[(y * width + x) * channels + c]!;
    const top = at(x0, y0) * (1 - wx) + at(x1, y0) * wx;
    const bottom = at(x0, y1) * (1 - wx) + at(x1, y1) * wx;
    out[c] = top * (1 - wy) + bottom * wy;
  }
  if (channels === 1) out.fill(out[0]!, 1, 3);
}
