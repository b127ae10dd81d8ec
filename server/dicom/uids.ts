/**
 * DICOM UIDs the importer reasons about: which transfer syntaxes the viewer can decode and which
 * SOP classes are not images. Names are for refusal messages a person reads.
 */

export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
export const EXPLICIT_VR_BIG_ENDIAN = '1.2.840.10008.1.2.2';
export const DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1.99';

export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
export const SEGMENTATION_STORAGE = '1.2.840.10008.5.1.4.1.1.66.4';

/** Transfer syntaxes whose pixel data is stored raw (not encapsulated), so its length is checkable. */
export const NATIVE_TRANSFER_SYNTAXES: ReadonlySet<string> = new Set([
  IMPLICIT_VR_LITTLE_ENDIAN,
  EXPLICIT_VR_LITTLE_ENDIAN,
  EXPLICIT_VR_BIG_ENDIAN,
  DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
]);

/**
 * Every transfer syntax @cornerstonejs/dicom-image-loader 5.14 has a decoder for
 * (decodeImageFrameWorker.js). A file in any other syntax would import but never render.
 */
const DECODABLE: Readonly<Record<string, string>> = {
  [IMPLICIT_VR_LITTLE_ENDIAN]: 'Implicit VR Little Endian',
  [EXPLICIT_VR_LITTLE_ENDIAN]: 'Explicit VR Little Endian',
  [EXPLICIT_VR_BIG_ENDIAN]: 'Explicit VR Big Endian',
  [DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN]: 'Deflated Explicit VR Little Endian',
  '1.2.840.10008.1.2.1.98': 'Encapsulated Uncompressed Explicit VR Little Endian',
  '1.2.840.10008.1.2.8.1': 'Deflated Image Frame Compression',
  '1.2.840.10008.1.2.5': 'RLE Lossless',
  '1.2.840.10008.1.2.4.50': 'JPEG Baseline (Process 1)',
  '1.2.840.10008.1.2.4.51': 'JPEG Extended (Process 2 & 4)',
  '1.2.840.10008.1.2.4.53': 'JPEG Spectral Selection (Process 6 & 8)',
  '1.2.840.10008.1.2.4.55': 'JPEG Full Progression (Process 10 & 12)',
  '1.2.840.10008.1.2.4.57': 'JPEG Lossless (Process 14)',
  '1.2.840.10008.1.2.4.70': 'JPEG Lossless SV1',
  '1.2.840.10008.1.2.4.80': 'JPEG-LS Lossless',
  '1.2.840.10008.1.2.4.81': 'JPEG-LS Near-Lossless',
  '1.2.840.10008.1.2.4.90': 'JPEG 2000 Lossless',
  '1.2.840.10008.1.2.4.91': 'JPEG 2000',
  '1.2.840.10008.1.2.4.201': 'HTJ2K Lossless',
  '1.2.840.10008.1.2.4.202': 'HTJ2K Lossless RPCL',
  '1.2.840.10008.1.2.4.203': 'HTJ2K',
  '1.2.840.10008.1.2.4.110': 'JPEG XL Lossless',
  '1.2.840.10008.1.2.4.111': 'JPEG XL JPEG Recompression',
  '1.2.840.10008.1.2.4.112': 'JPEG XL',
};

/** Syntaxes the viewer cannot decode, named so a refusal says what the file is. */
const UNDECODABLE_NAMES: Readonly<Record<string, string>> = {
  '1.2.840.10008.1.2.4.52': 'JPEG Extended (Process 3 & 5, retired)',
  '1.2.840.10008.1.2.4.54': 'JPEG Spectral Selection (Process 7 & 9, retired)',
  '1.2.840.10008.1.2.4.56': 'JPEG Full Progression (Process 11 & 13, retired)',
  '1.2.840.10008.1.2.4.58': 'JPEG Lossless (Process 15, retired)',
  '1.2.840.10008.1.2.4.92': 'JPEG 2000 Part 2 Multi-component Lossless',
  '1.2.840.10008.1.2.4.93': 'JPEG 2000 Part 2 Multi-component',
  '1.2.840.10008.1.2.4.94': 'JPIP Referenced',
  '1.2.840.10008.1.2.4.95': 'JPIP Referenced Deflate',
  '1.2.840.10008.1.2.4.100': 'MPEG2 Main Profile',
  '1.2.840.10008.1.2.4.101': 'MPEG2 High Profile',
  '1.2.840.10008.1.2.4.102': 'MPEG-4 AVC/H.264 High Profile',
  '1.2.840.10008.1.2.4.103': 'MPEG-4 AVC/H.264 BD-compatible',
  '1.2.840.10008.1.2.4.104': 'MPEG-4 AVC/H.264 for 2D Video',
  '1.2.840.10008.1.2.4.105': 'MPEG-4 AVC/H.264 for 3D Video',
  '1.2.840.10008.1.2.4.106': 'MPEG-4 AVC/H.264 Stereo',
  '1.2.840.10008.1.2.4.107': 'HEVC/H.265 Main Profile',
  '1.2.840.10008.1.2.4.108': 'HEVC/H.265 Main 10 Profile',
  '1.2.840.10008.1.2.6.1': 'RFC 2557 MIME Encapsulation',
  '1.2.840.10008.1.2.6.2': 'XML Encoding',
};

/**
 * Transfer syntaxes whose pixel data is one video stream in fragments (PS3.5 §8.2.5–8.2.8), by the
 * elementary stream ffmpeg reads: MPEG-2 video, H.264 (Annex B) or HEVC.
 */
export const VIDEO_TRANSFER_SYNTAXES: Readonly<Record<string, 'mpeg2video' | 'h264' | 'hevc'>> = {
  '1.2.840.10008.1.2.4.100': 'mpeg2video',
  '1.2.840.10008.1.2.4.101': 'mpeg2video',
  '1.2.840.10008.1.2.4.102': 'h264',
  '1.2.840.10008.1.2.4.103': 'h264',
  '1.2.840.10008.1.2.4.104': 'h264',
  '1.2.840.10008.1.2.4.105': 'h264',
  '1.2.840.10008.1.2.4.106': 'h264',
  '1.2.840.10008.1.2.4.107': 'hevc',
  '1.2.840.10008.1.2.4.108': 'hevc',
};

export function isVideoTransferSyntax(uid: string): boolean {
  return Object.hasOwn(VIDEO_TRANSFER_SYNTAXES, uid);
}

export function isDecodableTransferSyntax(uid: string): boolean {
  return Object.hasOwn(DECODABLE, uid);
}

export function transferSyntaxName(uid: string): string | null {
  return DECODABLE[uid] ?? UNDECODABLE_NAMES[uid] ?? null;
}

/** SOP classes that carry no image to label; their refusal names the class. */
const NON_IMAGE_SOP_CLASSES: Readonly<Record<string, string>> = {
  '1.2.840.10008.5.1.4.1.1.481.3': 'RT Structure Set',
  '1.2.840.10008.5.1.4.1.1.481.5': 'RT Plan',
  '1.2.840.10008.5.1.4.1.1.481.4': 'RT Beams Treatment Record',
  '1.2.840.10008.5.1.4.1.1.481.8': 'RT Ion Plan',
  [SEGMENTATION_STORAGE]: 'Segmentation',
  '1.2.840.10008.5.1.4.1.1.66.5': 'Surface Segmentation',
  '1.2.840.10008.5.1.4.1.1.66': 'Raw Data',
  '1.2.840.10008.5.1.4.1.1.66.1': 'Spatial Registration',
  '1.2.840.10008.5.1.4.1.1.66.3': 'Deformable Spatial Registration',
  '1.2.840.10008.5.1.4.1.1.88.11': 'Basic Text SR',
  '1.2.840.10008.5.1.4.1.1.88.22': 'Enhanced SR',
  '1.2.840.10008.5.1.4.1.1.88.33': 'Comprehensive SR',
  '1.2.840.10008.5.1.4.1.1.88.34': 'Comprehensive 3D SR',
  '1.2.840.10008.5.1.4.1.1.88.59': 'Key Object Selection',
  '1.2.840.10008.5.1.4.1.1.88.67': 'X-Ray Radiation Dose SR',
  '1.2.840.10008.5.1.4.1.1.11.1': 'Grayscale Softcopy Presentation State',
  '1.2.840.10008.5.1.4.1.1.104.1': 'Encapsulated PDF',
  '1.2.840.10008.5.1.4.1.1.9.1.1': '12-lead ECG Waveform',
};

export function nonImageSopClassName(uid: string): string | null {
  return NON_IMAGE_SOP_CLASSES[uid] ?? null;
}
