/**
 * Which importer a file belongs to, from its first bytes: series (CT/MR/… stacks), a slide of
 * one of the slide formats, a still photograph (JPEG, PNG), a video (MP4, WebM), a DICOM video or
 * a DICOM endoscopy / ophthalmic photograph for a frame set. A slide format is imported where a SlideReader for it is registered
 * (server/slides/readers.ts); otherwise it is refused. Never imports a slide as a stack of tiles.
 */
import { hasDicmPrefix, peekSopClassUid, peekTransferSyntaxUid } from '../dicom/parse';
import { isVideoTransferSyntax } from '../dicom/uids';

/** VL Whole Slide Microscopy Image Storage. */
export const VL_WHOLE_SLIDE_MICROSCOPY_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.77.1.6';

/**
 * Visible-light photographs and videos of endoscopy and ophthalmology: each frame a picture to
 * grade, so they become frame sets, not series. Video Endoscopic and Video Photographic instances
 * hold a video stream (their transfer syntax says so) and go to the video importer.
 */
export const FRAME_SET_SOP_CLASSES: Readonly<Record<string, string>> = {
  '1.2.840.10008.5.1.4.1.1.77.1.1': 'VL Endoscopic Image',
  '1.2.840.10008.5.1.4.1.1.77.1.1.1': 'Video Endoscopic Image',
  '1.2.840.10008.5.1.4.1.1.77.1.4': 'VL Photographic Image',
  '1.2.840.10008.5.1.4.1.1.77.1.4.1': 'Video Photographic Image',
  '1.2.840.10008.5.1.4.1.1.77.1.5.1': 'Ophthalmic Photography 8 Bit Image',
  '1.2.840.10008.5.1.4.1.1.77.1.5.2': 'Ophthalmic Photography 16 Bit Image',
};

/** The slide formats told apart here; each is read by its own SlideReader. */
export type SlideFormat = 'tiff' | 'dicomWsi';

export type StillFormat = 'jpeg' | 'png';

export type VideoFormat = 'mp4' | 'webm';

export type ImportRoute =
  | { readonly importer: 'series' }
  | { readonly importer: 'slide'; readonly format: SlideFormat; readonly why: string }
  | { readonly importer: 'still'; readonly format: StillFormat }
  | { readonly importer: 'video'; readonly format: VideoFormat }
  /** A DICOM instance whose pixel data is a video stream (MPEG-2, H.264, HEVC), of any SOP class. */
  | { readonly importer: 'dicomVideo' }
  /** A DICOM visible-light image instance of FRAME_SET_SOP_CLASSES: its frames join its series' frame set. */
  | { readonly importer: 'dicomFrames' };

/** Bytes `routeImport` needs to decide (the TIFF header, the DICOM preamble and meta group). */
export const ROUTE_HEAD_BYTES = 64 * 1024;

export const SLIDE_REFUSAL = 'whole-slide image: open it as a slide';

export function routeImport(bytes: Uint8Array): ImportRoute {
  // Aperio SVS, Hamamatsu NDPI, pyramidal and OME-TIFF, Leica SCN are all (Big)TIFF. A DICOM
  // file may start like a TIFF too (a dual-personality preamble): DICM at 128 says it is DICOM.
  if (isTiff(bytes) && !hasDicmPrefix(bytes)) return { importer: 'slide', format: 'tiff', why: 'a TIFF-based slide file' };
  const sopClassUid = peekSopClassUid(bytes);
  if (sopClassUid === VL_WHOLE_SLIDE_MICROSCOPY_IMAGE_STORAGE) return { importer: 'slide', format: 'dicomWsi', why: 'DICOM VL Whole Slide Microscopy' };
  if (isVideoTransferSyntax(peekTransferSyntaxUid(bytes))) return { importer: 'dicomVideo' };
  if (Object.hasOwn(FRAME_SET_SOP_CLASSES, sopClassUid)) return { importer: 'dicomFrames' };
  // A DICOM file has 128 bytes of preamble (or a group 0x0008 tag) first, never these signatures.
  if (startsWith(bytes, JPEG_SIGNATURE)) return { importer: 'still', format: 'jpeg' };
  if (startsWith(bytes, PNG_SIGNATURE)) return { importer: 'still', format: 'png' };
  if (startsWith(bytes.subarray(4), MP4_FTYP)) return { importer: 'video', format: 'mp4' };
  if (startsWith(bytes, EBML_SIGNATURE)) return { importer: 'video', format: 'webm' };
  return { importer: 'series' };
}

/** SOI then the first marker's 0xFF. */
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** An ISO base media file (MP4, MOV) opens with a box whose type is `ftyp`, after its 4-byte size. */
const MP4_FTYP = [0x66, 0x74, 0x79, 0x70];
/** Matroska and WebM are EBML documents. */
const EBML_SIGNATURE = [0x1a, 0x45, 0xdf, 0xa3];

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}

function isTiff(bytes: Uint8Array): boolean {
  const [a, b, c, d] = bytes;
  const little = a === 0x49 && b === 0x49 && d === 0x00 && (c === 0x2a || c === 0x2b);
  const big = a === 0x4d && b === 0x4d && c === 0x00 && (d === 0x2a || d === 0x2b);
  return little || big;
}
