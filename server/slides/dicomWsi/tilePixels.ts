/**
 * Tile pixels for building levels: decoding with sharp (libvips; no JPEG decoding of our own),
 * cropping, halving 2 × 2 tiles into one, and encoding. Pixels are 8-bit RGB, row by row.
 */
import sharp from 'sharp';
import { JPEG_BASELINE, WsiError, type WsiInstance } from './instance';

export interface RgbPixels {
  readonly width: number;
  readonly height: number;
  /** width × height × 3 bytes. */
  readonly data: Uint8Array;
}

/** Quality of tiles the reader encodes (built levels, uncompressed sources, cropped edges). */
export const TILE_JPEG_QUALITY = 90;

export async function decodeFrame(instance: WsiInstance, frame: Uint8Array): Promise<RgbPixels> {
  if (instance.transferSyntaxUid === JPEG_BASELINE) return decodeJpeg(frame);
  const { tileColumns: width, tileRows: height, photometricInterpretation: photometric } = instance;
  if (photometric === 'RGB' && instance.samplesPerPixel === 3) return { width, height, data: frame };
  if (photometric === 'MONOCHROME2' && instance.samplesPerPixel === 1) {
    const data = new Uint8Array(width * height * 3);
    for (let i = 0; i < frame.length; i += 1) data.fill(frame[i]!, 3 * i, 3 * i + 3);
    return { width, height, data };
  }
  throw new WsiError(`its uncompressed tiles are ${photometric} with ${instance.samplesPerPixel} samples; only RGB and MONOCHROME2 can be served`);
}

export async function decodeJpeg(bytes: Uint8Array): Promise<RgbPixels> {
  const { data, info } = await sharp(bytes).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new WsiError(`a tile decoded to ${info.channels} channels, not RGB`);
  return { width: info.width, height: info.height, data };
}

export async function encodeJpeg(pixels: RgbPixels): Promise<Uint8Array> {
  return sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: 3 } }).jpeg({ quality: TILE_JPEG_QUALITY }).toBuffer();
}

export function white(width: number, height: number): RgbPixels {
  return { width, height, data: new Uint8Array(width * height * 3).fill(255) };
}

/** The top-left `width` × `height` of `pixels` (a padded edge tile cut to the level's edge). */
export function cropTopLeft(pixels: RgbPixels, width: number, height: number): RgbPixels {
  if (width === pixels.width && height === pixels.height) return pixels;
  if (width > pixels.width || height > pixels.height) throw new WsiError(`a ${pixels.width} × ${pixels.height} tile cannot cover ${width} × ${height} px`);
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y += 1) data.set(pixels.data.subarray(y * pixels.width * 3, (y * pixels.width + width) * 3), y * width * 3);
  return { width, height, data };
}

/**
 * One tile of the next coarser level from up to 2 × 2 tiles of this one (top-left, top-right,
 * bottom-left, bottom-right; null beyond the level's edge), each output pixel the mean of the
 * 2 × 2 pixels it covers (fewer on an odd edge).
 */
export function halve(quad: readonly [RgbPixels, RgbPixels | null, RgbPixels | null, RgbPixels | null]): RgbPixels {
  const [topLeft, topRight, bottomLeft] = quad;
  const sourceWidth = topLeft.width + (topRight?.width ?? 0);
  const sourceHeight = topLeft.height + (bottomLeft?.height ?? 0);
  const source = new Uint8Array(sourceWidth * sourceHeight * 3);
  quad.forEach((tile, i) => {
    if (!tile) return;
    const left = i % 2 === 1 ? topLeft.width : 0;
    const top = i >= 2 ? topLeft.height : 0;
    for (let y = 0; y < tile.height; y += 1) {
      source.set(tile.data.subarray(y * tile.width * 3, (y + 1) * tile.width * 3), ((top + y) * sourceWidth + left) * 3);
    }
  });
  const width = Math.ceil(sourceWidth / 2);
  const height = Math.ceil(sourceHeight / 2);
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    const y0 = 2 * y;
    const y1 = Math.min(y0 + 1, sourceHeight - 1);
    for (let x = 0; x < width; x += 1) {
      const x0 = 2 * x;
      const x1 = Math.min(x0 + 1, sourceWidth - 1);
      for (let c = 0; c < 3; c += 1) {
        const sum = source[(y0 * sourceWidth + x0) * 3 + c]! + source[(y0 * sourceWidth + x1) * 3 + c]! + source[(y1 * sourceWidth + x0) * 3 + c]! + source[(y1 * sourceWidth + x1) * 3 + c]!;
        data[(y * width + x) * 3 + c] = (sum + 2) >> 2;
      }
    }
  }
  return { width, height, data };
}
