/**
 * Cornerstone 5.14's pure-JS JPEG codec (12-bit JPEG Extended, 1.2.840.10008.1.2.4.51) scales the 8-bit
 * level shift to 12 bits wrongly, so every sample decodes 15 stored units (~30 HU) high: fixed at build time.
 */
import type { Plugin } from 'vite';

const JPEG_CODEC_ID = /dicom-image-loader\/dist\/esm\/codecs\/jpeg\.js$/;

/** The IDCT output is 16 × (sample − 2^(P−1)); 255 / bitConversion is maxSample = 2^P − 1 (exact for P = 8, 12). */
const MAX_SAMPLE = '255 / component.bitConversion';

/** Each wrong expression, how often it must appear, and its replacement for any precision P. */
const REPLACEMENTS = [
  // Level shift plus rounding: 2^(P−1)·16 + 8 = maxSample·8 + 16.
  { text: '2056 / component.bitConversion', count: 2, by: `(${MAX_SAMPLE} * 8 + 16)` },
  // Upper clamp: (maxSample − 2^(P−1))·16 − 8 = maxSample·8 − 16.
  { text: '2024 / component.bitConversion', count: 1, by: `(${MAX_SAMPLE} * 8 - 16)` },
] as const;

export function isJpegCodecModule(id: string): boolean {
  return JPEG_CODEC_ID.test(id.split('?')[0]!.replaceAll('\\', '/'));
}

/** Returns jpeg.js with the level shift fixed; throws if the source is not the one this fix is for. */
export function patchJpegLevelShift(code: string): string {
  let patched = code;
  for (const { text, count, by } of REPLACEMENTS) {
    const found = patched.split(text).length - 1;
    if (found !== count) {
      throw new Error(
        `mejirushi:jpeg-12bit-level-shift: expected "${text}" ${count}× in dicom-image-loader's ` +
          `codecs/jpeg.js, found ${found}×. Cornerstone's JPEG decoder changed: check whether its ` +
          `12-bit level shift is fixed upstream and update or remove vite/jpeg12BitLevelShift.ts.`,
      );
    }
    patched = patched.replaceAll(text, by);
  }
  return patched;
}

export function jpeg12BitLevelShift(): Plugin {
  return {
    name: 'mejirushi:jpeg-12bit-level-shift',
    // See the original text, before any other plugin touches it.
    enforce: 'pre',
    transform(code, id) {
      if (!isJpegCodecModule(id)) return null;
      return { code: patchJpegLevelShift(code), map: null };
    },
  };
}
