/**
 * Cornerstone 5.14's pure-JS JPEG codec (used for 12-bit and progressive JPEG, 1.2.840.10008.1.2.4.51
 * and .55) refines AC coefficients in progressive scans by adding the correction bit whatever the
 * coefficient's sign. T.81 G.1.2.3 (and libjpeg, DCMTK) increase the *magnitude*: a negative
 * coefficient moves down. The error put 12-bit progressive CT at 6.8 HU mean absolute error
 * against the lossless slice where DCMTK gives 3.8; fixed at build time.
 */
import type { Plugin } from 'vite';
import { isJpegCodecModule } from './jpeg12BitLevelShift';

const ADD_BIT = 'component.blockData[offset + z] += readBit() << successive;';
const ADD_TO_MAGNITUDE =
  'component.blockData[offset + z] += (component.blockData[offset + z] < 0 ? -1 : 1) * (readBit() << successive);';
/** decodeACSuccessive refines in three states (skipping zeros, before a new value, inside an end-of-band run). */
const EXPECTED_COUNT = 3;

/** Returns jpeg.js with sign-aware refinement; throws if the source is not the one this fix is for. */
export function patchProgressiveRefinement(code: string): string {
  const found = code.split(ADD_BIT).length - 1;
  if (found !== EXPECTED_COUNT) {
    throw new Error(
      `mejirushi:jpeg-progressive-refinement: expected "${ADD_BIT}" ${EXPECTED_COUNT}× in dicom-image-loader's ` +
        `codecs/jpeg.js, found ${found}×. Cornerstone's JPEG decoder changed: check whether its progressive ` +
        'refinement is fixed upstream and update or remove vite/jpegProgressiveRefinement.ts.',
    );
  }
  return code.replaceAll(ADD_BIT, ADD_TO_MAGNITUDE);
}

export function jpegProgressiveRefinement(): Plugin {
  return {
    name: 'mejirushi:jpeg-progressive-refinement',
    enforce: 'pre',
    transform(code, id) {
      if (!isJpegCodecModule(id)) return null;
      return { code: patchProgressiveRefinement(code), map: null };
    },
  };
}
