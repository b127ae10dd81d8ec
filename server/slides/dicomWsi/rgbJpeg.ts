/**
 * JPEG frames of instances whose Photometric Interpretation is RGB hold red, green and blue
 * samples untransformed. A decoder only knows that from an Adobe APP14 marker (transform 0) or
 * component ids 'R', 'G', 'B'; lacking both (or given a JFIF marker, which implies YCbCr) libjpeg,
 * and so every browser and sharp, converts from YCbCr and shows wrong colours. The header is
 * rewritten without touching the compressed data: an APP14 marker with transform 0 goes right
 * after SOI, and a JFIF APP0 marker is dropped (libjpeg lets JFIF override APP14).
 */
import { WsiError } from './wsiError';

const SOI = 0xd8;
const SOS = 0xda;
const EOI = 0xd9;
const APP0 = 0xe0;
const APP14 = 0xee;
const START_OF_FRAME = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** Adobe APP14, version 100, no flags, transform 0: "the samples are RGB as stored". */
export const ADOBE_RGB_MARKER = Uint8Array.from([0xff, APP14, 0x00, 0x0e, 0x41, 0x64, 0x6f, 0x62, 0x65, 0x00, 0x64, 0x00, 0x00, 0x00, 0x00, 0x00]);

interface Segment {
  readonly marker: number;
  /** Offset of the segment's 0xFF. */
  readonly start: number;
  /** Offset just past the segment. */
  readonly end: number;
}

/** The marker segments before the first scan; throws WsiError when the header is not a JPEG's. */
function headerSegments(jpeg: Uint8Array): Segment[] {
  if (jpeg[0] !== 0xff || jpeg[1] !== SOI) throw new WsiError('a tile stored as JPEG does not start with a JPEG start-of-image marker');
  const segments: Segment[] = [];
  let at = 2;
  while (at + 4 <= jpeg.length) {
    if (jpeg[at] !== 0xff) throw new WsiError(`a JPEG tile's header is damaged at byte ${at}`);
    const marker = jpeg[at + 1]!;
    if (marker === 0xff) {
      at += 1; // Fill byte before a marker.
      continue;
    }
    if (marker === SOS || marker === EOI) return segments;
    const end = at + 2 + ((jpeg[at + 2]! << 8) | jpeg[at + 3]!);
    if (end > jpeg.length) throw new WsiError(`a JPEG tile's header runs past its end at byte ${at}`);
    segments.push({ marker, start: at, end });
    at = end;
  }
  throw new WsiError('a JPEG tile has no image data after its header');
}

const isAdobe = (jpeg: Uint8Array, s: Segment): boolean => s.marker === APP14 && s.end - s.start >= 9 && String.fromCharCode(...jpeg.subarray(s.start + 4, s.start + 9)) === 'Adobe';
const isJfif = (jpeg: Uint8Array, s: Segment): boolean => s.marker === APP0 && s.end - s.start >= 9 && String.fromCharCode(...jpeg.subarray(s.start + 4, s.start + 8)) === 'JFIF';

/** Component ids of a three-component frame header are 'R', 'G', 'B'. */
function idsSayRgb(jpeg: Uint8Array, segments: readonly Segment[]): boolean {
  const frame = segments.find((s) => START_OF_FRAME.has(s.marker));
  if (!frame || jpeg[frame.start + 9] !== 3) return false;
  const ids = [0, 1, 2].map((c) => jpeg[frame.start + 10 + 3 * c]);
  return ids[0] === 0x52 && ids[1] === 0x47 && ids[2] === 0x42;
}

/** The frame as decoders will read as RGB: unchanged when it already says so, else with its header rewritten. */
export function asRgbJpeg(jpeg: Uint8Array): Uint8Array {
  const segments = headerSegments(jpeg);
  // An Adobe marker states the transform the encoder applied: believed as it is.
  if (segments.some((s) => isAdobe(jpeg, s))) return jpeg;
  const jfif = segments.find((s) => isJfif(jpeg, s));
  if (!jfif && idsSayRgb(jpeg, segments)) return jpeg;
  const rest = jfif ? [jpeg.subarray(2, jfif.start), jpeg.subarray(jfif.end)] : [jpeg.subarray(2)];
  const out = new Uint8Array(2 + ADOBE_RGB_MARKER.length + rest.reduce((sum, part) => sum + part.length, 0));
  out.set(jpeg.subarray(0, 2), 0);
  out.set(ADOBE_RGB_MARKER, 2);
  let at = 2 + ADOBE_RGB_MARKER.length;
  for (const part of rest) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
