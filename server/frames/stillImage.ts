/**
 * Reads one still (JPEG or PNG) with sharp, the libvips already in the tree, in process: a still
 * decodes in milliseconds, where starting a `vips` process per file would cost more than the
 * decode over thousands of stills. Making its thumbnail decodes every byte of the image, so it is
 * also the integrity check: a truncated or damaged file fails here with libvips's own words.
 * A camera held on its side writes the picture unturned and says so in EXIF Orientation; the
 * thumbnail and the size given are of the picture turned upright.
 */
import sharp from 'sharp';
import type { StillFormat } from '../import/route';
import { SPRITE_LAYOUT, type SpriteCell } from './spriteLayout';

export type StillRead =
  /** `width` × `height`: upright (EXIF Orientation applied), as served; `orientation` as the file says it (1 when it says nothing). */
  | { readonly ok: true; readonly width: number; readonly height: number; readonly orientation: number; readonly cell: SpriteCell }
  | { readonly ok: false; readonly reason: string };

export async function readStill(bytes: Buffer, format: StillFormat): Promise<StillRead> {
  try {
    const meta = await sharp(bytes).metadata();
    if (meta.format !== format) return { ok: false, reason: `not a ${format.toUpperCase()} image after all (libvips reads it as ${meta.format})` };
    const { cellWidth, cellHeight } = SPRITE_LAYOUT;
    // failOn 'warning': libjpeg and libpng only warn of a file that ends early, and would fill the rest grey.
    const pixels = await sharp(bytes, { failOn: 'warning' })
      .rotate()
      .resize(cellWidth, cellHeight, { fit: 'contain', background: { r: 0, g: 0, b: 0 } })
      .flatten({ background: { r: 0, g: 0, b: 0 } })
      .toColourspace('srgb')
      .raw()
      .toBuffer();
    const { width, height } = meta.autoOrient;
    return { ok: true, width, height, orientation: meta.orientation ?? 1, cell: pixels };
  } catch (error) {
    return { ok: false, reason: `the image does not decode: ${decodeFailureWords(error)}` };
  }
}

/** What sharp says when libvips failed on a warning but the warning's own words did not reach this call. */
const SHARP_FAIL_ON_WARNING = 'Warning treated as error due to failOn setting';

/**
 * libvips's words for a failed decode. Its warnings go through one queue for the whole process, so
 * with several decodes at once (worker threads, other requests) sharp may hand back only its
 * generic failOn line, with or without the warning after it: say what that means instead.
 */
export function decodeFailureWords(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split('\n').map((line) => line.trim()).filter((line) => line !== '' && line !== SHARP_FAIL_ON_WARNING);
  return lines.length > 0 ? lines.join('; ') : 'libvips warned that the file is damaged or cut short (the rest would read as grey)';
}
