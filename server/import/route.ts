/**
 * Which importer a file belongs to. Today there is one, for series (CT/MR/… stacks); whole-slide
 * images are refused here until the slide importer (the pathology issue) takes them: this is the
 * one function it replaces. Never imports a slide as a stack of tiles.
 */
import { hasDicmPrefix, peekSopClassUid } from '../dicom/parse';

/** VL Whole Slide Microscopy Image Storage. */
export const VL_WHOLE_SLIDE_MICROSCOPY_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.77.1.6';

export type ImportRoute = { readonly importer: 'series' } | { readonly importer: 'slide'; readonly why: string };

export const SLIDE_REFUSAL = 'whole-slide image: open it as a slide';

export function routeImport(bytes: Uint8Array): ImportRoute {
  // Aperio SVS, Hamamatsu NDPI, pyramidal and OME-TIFF, Leica SCN are all (Big)TIFF. A DICOM
  // file may start like a TIFF too (a dual-personality preamble): DICM at 128 says it is DICOM.
  if (isTiff(bytes) && !hasDicmPrefix(bytes)) return { importer: 'slide', why: 'a TIFF-based slide file' };
  if (peekSopClassUid(bytes) === VL_WHOLE_SLIDE_MICROSCOPY_IMAGE_STORAGE) return { importer: 'slide', why: 'DICOM VL Whole Slide Microscopy' };
  return { importer: 'series' };
}

function isTiff(bytes: Uint8Array): boolean {
  const [a, b, c, d] = bytes;
  const little = a === 0x49 && b === 0x49 && d === 0x00 && (c === 0x2a || c === 0x2b);
  const big = a === 0x4d && b === 0x4d && c === 0x00 && (d === 0x2a || d === 0x2b);
  return little || big;
}
