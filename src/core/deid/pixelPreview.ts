/**
 * An 8-bit RGBA picture of a native image, for the text detector and for the person who confirms
 * its boxes: each pixel's brightest value over every frame (a maximum projection), so text shown
 * on any frame of a cine, even on one frame only, shows here; grey levels stretched from the
 * darkest to the brightest value of that projection.
 *
 * Every frame, not a sample of them: a caption may sit on a handful of frames anywhere in a long
 * cine, and no sampling short of every frame is sure to meet text that persists for fewer frames
 * than its stride. Frames are folded in one at a time into one frame's worth of maxima, so the work
 * grows with the frame count and the memory does not.
 */
import type { PixelLayout } from './nativePixels';
import { frameBytes } from './nativePixels';

export interface PixelPreview {
  readonly width: number;
  readonly height: number;
  /** Row-major RGBA, image px, origin top-left. */
  readonly rgba: Uint8ClampedArray<ArrayBuffer>;
}

/**
 * Each sample's brightest value as shown over every frame, as a stored value (pixel-interleaved,
 * whatever the planar configuration): the highest, or for MONOCHROME1 (white is 0) the lowest.
 */
function brightestOverFrames(data: Uint8Array, layout: PixelLayout): Float64Array {
  const pixels = layout.rows * layout.columns;
  const samples = layout.samplesPerPixel;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const bytesPerSample = layout.bitsAllocated / 8;
  const read = (offset: number): number => {
    const raw = bytesPerSample === 1 ? view.getUint8(offset) : view.getUint16(offset, true);
    const masked = raw & (2 ** layout.bitsStored - 1);
    return layout.signed && masked >= 2 ** (layout.bitsStored - 1) ? masked - 2 ** layout.bitsStored : masked;
  };
  const shown = layout.photometric === 'MONOCHROME1' ? -1 : 1;
  const brightest = new Float64Array(pixels * samples).fill(-Infinity);
  for (let frame = 0; frame < layout.frames; frame++) {
    const start = frame * frameBytes(layout);
    for (let pixel = 0; pixel < pixels; pixel++) {
      for (let sample = 0; sample < samples; sample++) {
        const index = layout.planarConfiguration === 1 ? sample * pixels + pixel : pixel * samples + sample;
        const value = shown * read(start + index * bytesPerSample);
        const at = pixel * samples + sample;
        if (value > brightest[at]!) brightest[at] = value;
      }
    }
  }
  return shown === 1 ? brightest : brightest.map((value) => -value);
}

export function pixelPreview(data: Uint8Array, layout: PixelLayout): PixelPreview {
  const pixels = layout.rows * layout.columns;
  const samples = layout.samplesPerPixel;
  const brightest = brightestOverFrames(data, layout);
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
