/**
 * Which importer a file belongs to, from its first bytes: series (CT/MR/… stacks) or a slide of
 * one of the slide formats. A slide format is imported where a SlideReader for it is registered
 * (server/slides/readers.ts); otherwise it is refused. Never imports a slide as a stack of tiles.
 */
import { hasDicmPrefix, peekSopClassUid } from '../dicom/parse';

/** VL Whole Slide Microscopy Image Storage. */
export const VL_WHOLE_SLIDE_MICROSCOPY_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.77.1.6';

/** The slide formats told apart here; each is read by its own SlideReader. */
export type SlideFormat = 'tiff' | 'dicomWsi';

export type ImportRoute = { readonly importer: 'series' } | { readonly importer: 'slide'; readonly format: SlideFormat; readonly why: string };

/** Bytes `routeImport` needs to decide (the TIFF header, the DICOM preamble and meta group). */
export const ROUTE_HEAD_BYTES = 64 * 1024;

export const SLIDE_REFUSAL = 'whole-slide image: open it as a slide';

export function routeImport(bytes: Uint8Array): ImportRoute {
  // Aperio SVS, Hamamatsu NDPI, pyramidal and OME-TIFF, Leica SCN are all (Big)TIFF. A DICOM
  // file may start like a TIFF too (a dual-personality preamble): DICM at 128 says it is DICOM.
  if (isTiff(bytes) && !hasDicmPrefix(bytes)) return { importer: 'slide', format: 'tiff', why: 'a TIFF-based slide file' };
  if (peekSopClassUid(bytes) === VL_WHOLE_SLIDE_MICROSCOPY_IMAGE_STORAGE) return { importer: 'slide', format: 'dicomWsi', why: 'DICOM VL Whole Slide Microscopy' };
  return { importer: 'series' };
}

function isTiff(bytes: Uint8Array): boolean {
  const [a, b, c, d] = bytes;
  const little = a === 0x49 && b === 0x49 && d === 0x00 && (c === 0x2a || c === 0x2b);
  const big = a === 0x4d && b === 0x4d && c === 0x00 && (d === 0x2a || d === 0x2b);
  return little || big;
}
