/**
 * A still as annotators get it: the same bytes less the metadata blocks that can name a patient,
 * a place or a device owner (EXIF, XMP, IPTC, comments, PNG text). The image data is untouched, not
 * re-encoded, so a still that carries none of them is served byte for byte as imported. The
 * original stays in the blob store for admins. The one exception, a still turned by its EXIF
 * Orientation, is `servedStill`'s. This walks the container's block structure only
 * (JPEG marker segments, PNG chunks); decoding is libvips's.
 */
import sharp from 'sharp';
import type { StillFormat } from '../import/route';

/**
 * The bytes served for a still. One whose EXIF Orientation turns it (not 1) is turned upright by
 * libvips and encoded again (JPEG at quality 95, PNG losslessly), since dropping the EXIF block
 * would drop the turn with it; sharp writes no metadata but the ICC profile, kept for the colours.
 */
export async function servedStill(bytes: Buffer, format: StillFormat, orientation: number): Promise<Buffer> {
  if (orientation === 1) return withoutMetadata(bytes, format);
  const upright = sharp(bytes).rotate().keepIccProfile();
  return (format === 'jpeg' ? upright.jpeg({ quality: UPRIGHT_JPEG_QUALITY }) : upright.png()).toBuffer();
}

const UPRIGHT_JPEG_QUALITY = 95;

export function withoutMetadata(bytes: Buffer, format: StillFormat): Buffer {
  return format === 'jpeg' ? jpegWithoutMetadata(bytes) : pngWithoutMetadata(bytes);
}

/**
 * Segments kept before the scan: APP0 (JFIF), APP2 (ICC profile: the colours), APP14 (Adobe: says
 * whether the data are YCbCr) and every non-APP marker. Dropped: APP1 (EXIF, XMP), APP3–APP13
 * (APP13 is IPTC), APP15 and COM.
 */
const KEPT_APP_MARKERS = new Set([0xe0, 0xe2, 0xee]);
const SOS = 0xda;
const COM = 0xfe;

function jpegWithoutMetadata(bytes: Buffer): Buffer {
  const kept: Buffer[] = [bytes.subarray(0, 2)];
  let dropped = false;
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1] as number;
    // Fill bytes (0xFF 0xFF…) may pad between segments.
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === SOS) break;
    const end = at + 2 + bytes.readUInt16BE(at + 2);
    const isApp = marker >= 0xe0 && marker <= 0xef;
    if ((isApp && !KEPT_APP_MARKERS.has(marker)) || marker === COM) dropped = true;
    else kept.push(bytes.subarray(at, end));
    at = end;
  }
  if (!dropped) return bytes;
  kept.push(bytes.subarray(at));
  return Buffer.concat(kept);
}

/** Text (tEXt, zTXt, iTXt), EXIF (eXIf) and the last-modified time (tIME). */
const DROPPED_PNG_CHUNKS = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);
const PNG_SIGNATURE_BYTES = 8;

function pngWithoutMetadata(bytes: Buffer): Buffer {
  const kept: Buffer[] = [bytes.subarray(0, PNG_SIGNATURE_BYTES)];
  let dropped = false;
  let at = PNG_SIGNATURE_BYTES;
  // Each chunk: 4-byte length, 4-byte type, data, 4-byte CRC.
  while (at + 12 <= bytes.length) {
    const end = Math.min(bytes.length, at + 12 + bytes.readUInt32BE(at));
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (DROPPED_PNG_CHUNKS.has(type)) dropped = true;
    else kept.push(bytes.subarray(at, end));
    at = end;
  }
  if (!dropped) return bytes;
  kept.push(bytes.subarray(at));
  return Buffer.concat(kept);
}
