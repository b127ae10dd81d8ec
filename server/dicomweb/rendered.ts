/**
 * WADO-RS rendered resources (PS3.18 §8.3.5, §9.5.1.2.1): one frame as a consumer image. Grey
 * images go through the modality LUT (rescale slope and intercept), the VOI window (the query's,
 * else the file's first, else the frame's full range) and the presentation (MONOCHROME1 is
 * inverted) to 8 bits; colour images are sent as RGB. sharp encodes JPEG or PNG.
 */
import type { DataSet } from 'dicom-parser';
import sharp from 'sharp';
import type { DecodedFrame } from '../dicom/decode/pixels';
import { numbers, text } from '../dicom/values';

export type RenderedType = 'image/jpeg' | 'image/png';
export type VoiFunction = 'LINEAR' | 'LINEAR_EXACT' | 'SIGMOID';

/** A VOI window in modality units (for CT: HU). */
export interface Window {
  readonly center: number;
  readonly width: number;
  readonly voiFunction: VoiFunction;
}

export interface RenderOptions {
  readonly type: RenderedType;
  /** From the query; null: the file's first window, else the frame's full range. */
  readonly window: Window | null;
  /** JPEG quality, 1–100. */
  readonly quality: number;
  /** Output size in px (the image is scaled to fit inside, keeping its aspect); null: as stored. */
  readonly viewport: { readonly width: number; readonly height: number } | null;
}

export class BadRenderQuery extends Error {}

const DEFAULT_QUALITY = 90;

/** The rendering a request's query asks for (PS3.18 §8.3.5.1); BadRenderQuery names what is wrong. */
export function renderOptions(query: Record<string, string | string[] | undefined>, type: RenderedType): RenderOptions {
  const one = (key: string) => {
    const value = query[key];
    if (Array.isArray(value)) throw new BadRenderQuery(`${key} is given more than once`);
    return value;
  };
  return { type, window: windowOf(one('window')), quality: qualityOf(one('quality')), viewport: viewportOf(one('viewport')) };
}

function windowOf(raw: string | undefined): Window | null {
  if (raw === undefined) return null;
  const [center, width, fn = 'linear', ...rest] = raw.split(',').map((part) => part.trim());
  const voiFunction = ({ linear: 'LINEAR', 'linear-exact': 'LINEAR_EXACT', sigmoid: 'SIGMOID' } as const)[fn.toLowerCase()];
  const c = Number(center);
  const w = Number(width);
  if (rest.length > 0 || center === '' || width === '' || !Number.isFinite(c) || !Number.isFinite(w) || w <= 0 || !voiFunction) {
    throw new BadRenderQuery('window must be center,width[,linear|linear-exact|sigmoid] with a positive width');
  }
  return { center: c, width: w, voiFunction };
}

function qualityOf(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_QUALITY;
  const quality = Number(raw);
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) throw new BadRenderQuery('quality must be a whole number from 1 to 100');
  return quality;
}

function viewportOf(raw: string | undefined): RenderOptions['viewport'] {
  if (raw === undefined) return null;
  const parts = raw.split(',').map(Number);
  const [width, height] = parts;
  // The source-rectangle form (vw,vh,sx,sy,sw,sh) is not offered: only whole-image scaling.
  if (parts.length !== 2 || !Number.isInteger(width) || !Number.isInteger(height) || (width as number) < 1 || (height as number) < 1 || (width as number) > 8192 || (height as number) > 8192) {
    throw new BadRenderQuery('viewport must be width,height in pixels (1 to 8192 each)');
  }
  return { width: width as number, height: height as number };
}

/** The file's modality LUT and first VOI window, read from its header. */
export interface GreyscaleHeader {
  readonly slope: number;
  readonly intercept: number;
  readonly window: Window | null;
}

export function greyscaleHeader(dataSet: DataSet): GreyscaleHeader {
  const first = (tag: string) => {
    const raw = text(dataSet, tag).split('\\')[0] ?? '';
    return raw.trim() === '' ? null : Number(raw);
  };
  const center = first('x00281050');
  const width = first('x00281051');
  const fn = text(dataSet, 'x00281056').split('\\')[0]?.trim().toUpperCase() ?? '';
  const voiFunction: VoiFunction = fn === 'SIGMOID' || fn === 'LINEAR_EXACT' ? fn : 'LINEAR';
  const usable = center !== null && width !== null && Number.isFinite(center) && Number.isFinite(width) && width > 0;
  return {
    slope: numbers(dataSet, 'x00281053', 1)?.[0] ?? 1,
    intercept: numbers(dataSet, 'x00281052', 1)?.[0] ?? 0,
    window: usable ? { center: center as number, width: width as number, voiFunction } : null,
  };
}

/** An output grey level 0–255 for a modality value x (PS3.3 §C.11.2.1.2). */
export function voi(x: number, { center: c, width: w, voiFunction }: Window): number {
  if (voiFunction === 'SIGMOID') return 255 / (1 + Math.exp((-4 * (x - c)) / w));
  if (voiFunction === 'LINEAR_EXACT') {
    if (x <= c - w / 2) return 0;
    if (x > c + w / 2) return 255;
    return ((x - c) / w + 0.5) * 255;
  }
  if (w <= 1) return x <= c - 0.5 ? 0 : 255;
  if (x <= c - 0.5 - (w - 1) / 2) return 0;
  if (x > c - 0.5 + (w - 1) / 2) return 255;
  return ((x - (c - 0.5)) / (w - 1) + 0.5) * 255;
}

/** The frame as 8-bit grey or RGB samples, row by row from the top left. */
export function toEightBit(frame: DecodedFrame, header: GreyscaleHeader, window: Window | null): { samples: Uint8Array; channels: 1 | 3 } {
  if (frame.samplesPerPixel === 3) return { samples: rgbOf(frame), channels: 3 };
  const { pixels } = frame;
  const count = frame.rows * frame.columns;
  const modality = (i: number) => (pixels[i] as number) * header.slope + header.intercept;
  const chosen = window ?? header.window ?? fullRange(count, modality);
  const invert = frame.photometricInterpretation === 'MONOCHROME1';
  const samples = new Uint8Array(count);
  for (let i = 0; i < count; i += 1) {
    const level = Math.round(voi(modality(i), chosen));
    samples[i] = invert ? 255 - level : level;
  }
  return { samples, channels: 1 };
}

/** The window spanning every modality value of the frame (linear-exact, so its ends map to 0 and 255). */
function fullRange(count: number, modality: (i: number) => number): Window {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < count; i += 1) {
    const x = modality(i);
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const width = Math.max(max - min, 1);
  return { center: min + width / 2, width, voiFunction: 'LINEAR_EXACT' };
}

/** Interleaved colour samples as 8-bit RGB: YBR_FULL converted (PS3.3 §C.7.6.3.1.2), 16-bit samples scaled down. */
function rgbOf(frame: DecodedFrame): Uint8Array {
  const { pixels } = frame;
  const shift = pixels instanceof Uint8Array ? 0 : 8;
  const out = new Uint8Array(frame.rows * frame.columns * 3);
  const ybr = frame.photometricInterpretation === 'YBR_FULL';
  for (let i = 0; i < out.length; i += 3) {
    const a = (pixels[i] as number) >> shift;
    const b = (pixels[i + 1] as number) >> shift;
    const c = (pixels[i + 2] as number) >> shift;
    if (!ybr) {
      out[i] = a;
      out[i + 1] = b;
      out[i + 2] = c;
      continue;
    }
    out[i] = clamp(a + 1.402 * (c - 128));
    out[i + 1] = clamp(a - 0.344136 * (b - 128) - 0.714136 * (c - 128));
    out[i + 2] = clamp(a + 1.772 * (b - 128));
  }
  return out;
}

const clamp = (value: number) => Math.min(255, Math.max(0, Math.round(value)));

/** The frame encoded as the options ask. */
export async function renderFrame(frame: DecodedFrame, header: GreyscaleHeader, options: RenderOptions): Promise<Buffer> {
  const { samples, channels } = toEightBit(frame, header, options.window);
  let image = sharp(samples, { raw: { width: frame.columns, height: frame.rows, channels } });
  if (options.viewport) image = image.resize(options.viewport.width, options.viewport.height, { fit: 'inside' });
  return options.type === 'image/png' ? image.png().toBuffer() : image.jpeg({ quality: options.quality }).toBuffer();
}
