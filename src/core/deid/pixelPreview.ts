/**
 * An 8-bit RGBA picture of a native image, for the text detector and for the person who confirms
 * its boxes: over every frame, each pixel's brightest value, so text shown in any frame of a cine
 * shows here; grey levels stretched from the darkest to the brightest stored value.
 */
import type { PixelLayout } from './nativePixels';
import { frameBytes } from './nativePixels';

export interface PixelPreview {
  readonly width: number;
  readonly height: number;
  /** Row-major RGBA, image px, origin top-left. */
  readonly rgba: Uint8ClampedArray<ArrayBuffer>;
}

/** Frames looked at: enough for any overlay, bounded for a long cine. */
const MAX_FRAMES = 64;

export function pixelPreview(data: Uint8Array, layout: PixelLayout): PixelPreview {
  const pixels = layout.rows * layout.columns;
  const samples = layout.samplesPerPixel;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const read = (offset: number): number => {
    const raw = layout.bitsAllocated === 8 ? view.getUint8(offset) : view.getUint16(offset, true);
    const masked = raw & (2 ** layout.bitsStored - 1);
    return layout.signed && masked >= 2 ** (layout.bitsStored - 1) ? masked - 2 ** layout.bitsStored : masked;
  };
  const step = Math.max(1, Math.ceil(layout.frames / MAX_FRAMES));
  const brightest = new Float64Array(pixels * samples).fill(-Infinity);
  const bytesPerSample = layout.bitsAllocated / 8;
  for (let frame = 0; frame < layout.frames; frame += step) {
    const start = frame * frameBytes(layout);
    for (let pixel = 0; pixel < pixels; pixel++) {
      for (let sample = 0; sample < samples; sample++) {
        const index = layout.planarConfiguration === 1 ? sample * pixels + pixel : pixel * samples + sample;
        const value = read(start + index * bytesPerSample);
        const at = pixel * samples + sample;
        if (value > brightest[at]!) brightest[at] = value;
      }
    }
  }
  let low = Infinity;
  let high = -Infinity;
  for (const value of brightest) {
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  const range = Math.max(1, high - low);
  const grey = (value: number) => ((value - low) / range) * 255;
  const rgba = new Uint8ClampedArray(pixels * 4);
  for (let pixel = 0; pixel < pixels; pixel++) {
    const at = pixel * samples;
    let rgb: [number, number, number];
    if (samples === 1) {
      const level = layout.photometric === 'MONOCHROME1' ? 255 - grey(brightest[at]!) : grey(brightest[at]!);
      rgb = [level, level, level];
    } else if (layout.photometric === 'YBR_FULL') {
      const mid = 2 ** (layout.bitsStored - 1);
      const [y, cb, cr] = [brightest[at]!, brightest[at + 1]! - mid, brightest[at + 2]! - mid];
      rgb = [grey(y + 1.402 * cr), grey(y - 0.344136 * cb - 0.714136 * cr), grey(y + 1.772 * cb)];
    } else {
      rgb = [grey(brightest[at]!), grey(brightest[at + 1]!), grey(brightest[at + 2]!)];
    }
    rgba.set([rgb[0], rgb[1], rgb[2], 255], pixel * 4);
  }
  return { width: layout.columns, height: layout.rows, rgba };
}
