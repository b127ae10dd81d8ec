/**
 * Cornerstone 5.14 reads JPEG 2000 and HTJ2K samples as signed or unsigned by what the codestream
 * says (SIZ Ssiz), not by the data set's PixelRepresentation; encoders that were told "unsigned"
 * for signed CT values make such files, and they display ~65,000 HU too bright. GDCM and pydicom
 * reinterpret the decoded bits by PixelRepresentation (then sign-extend from BitsStored, which
 * the loader already does); this build-time patch passes PixelRepresentation as the signedness
 * override `getPixelData` already takes, as the loader's JPEG-LS decoder does.
 */
import type { Plugin } from 'vite';

const DECODER_ID = /dicom-image-loader\/dist\/esm\/shared\/decoders\/(decodeJPEG2000|decodeHTJ2K)\.js$/;
const CALL = 'getPixelData(frameInfo, decodedBufferInWASM)';
const BY_PIXEL_REPRESENTATION = 'getPixelData(frameInfo, decodedBufferInWASM, imageInfo.pixelRepresentation === 1)';

export function isJ2kDecoderModule(id: string): boolean {
  return DECODER_ID.test(id.split('?')[0]!.replaceAll('\\', '/'));
}

/** Returns the decoder with the override passed; throws if the source is not the one this is for. */
export function patchJ2kSignedness(code: string): string {
  const found = code.split(CALL).length - 1;
  if (found !== 1 || !code.includes('async function decodeAsync(compressedImageFrame, imageInfo)')) {
    throw new Error(
      `mejirushi:j2k-signedness: expected "${CALL}" once in decodeAsync(compressedImageFrame, imageInfo) of ` +
        `dicom-image-loader's JPEG 2000 / HTJ2K decoder, found it ${found}×. Cornerstone's decoder changed: ` +
        'check whether it now follows PixelRepresentation and update or remove vite/j2kSignedness.ts.',
    );
  }
  return code.replace(CALL, BY_PIXEL_REPRESENTATION);
}

export function j2kSignedness(): Plugin {
  return {
    name: 'mejirushi:j2k-signedness',
    enforce: 'pre',
    transform(code, id) {
      if (!isJ2kDecoderModule(id)) return null;
      return { code: patchJ2kSignedness(code), map: null };
    },
  };
}
