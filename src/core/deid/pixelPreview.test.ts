/**
 * The burned-in text preview of a long cine: a caption drawn on frames 100–110 only of a generated
 * 880-frame DICOM shows in the preview. 880 frames is where 64 evenly spaced frames (a stride of
 * 14) step from frame 98 to 112 and never see it; every frame is looked at here.
 */
import { describe, expect, it } from 'vitest';
import { firstText } from './dataSet';
import { readPart10 } from './deidentify';
import { nativePixelsOf } from './nativePixels';
import { pixelPreview } from './pixelPreview';
import { pixelDicom, US_MULTIFRAME_STORAGE } from './testing/pixelDicom';

const ROWS = 24;
const COLUMNS = 40;
const FRAMES = 880;
const CAPTIONED = { first: 100, last: 110 };
/** The caption's pixels: rows 2–5, columns 3–20. */
const inCaption = (row: number, column: number) => row >= 2 && row <= 5 && column >= 3 && column <= 20;

/** Speckle up to `dim` everywhere, and on the captioned frames the caption at `ink` (stored values). */
function cineDicom(photometric: 'MONOCHROME2' | 'MONOCHROME1'): Uint8Array {
  const [dim, ink] = photometric === 'MONOCHROME2' ? [90, 250] : [255 - 90, 5];
  const pixels = new Uint8Array(ROWS * COLUMNS * FRAMES);
  for (let frame = 0; frame < FRAMES; frame++) {
    const captioned = frame >= CAPTIONED.first && frame <= CAPTIONED.last;
    for (let row = 0; row < ROWS; row++) {
      for (let column = 0; column < COLUMNS; column++) {
        const speckle = ((frame * 31 + row * 7 + column * 13) % 90) | 0;
        const value = photometric === 'MONOCHROME2' ? Math.min(dim, speckle) : 255 - Math.min(90, speckle);
        pixels[(frame * ROWS + row) * COLUMNS + column] = captioned && inCaption(row, column) ? ink : value;
      }
    }
  }
  return pixelDicom({ rows: ROWS, columns: COLUMNS, frames: FRAMES, photometric, sopClass: US_MULTIFRAME_STORAGE, pixels });
}

function previewOf(bytes: Uint8Array) {
  const file = readPart10(bytes);
  const native = nativePixelsOf(file.dict, firstText(file.meta, '00020010'));
  if (!native.ok) throw new Error(native.reason);
  expect(native.layout.frames).toBe(FRAMES);
  return pixelPreview(native.data, native.layout);
}

/** The pixels where the preview is not white on the caption, or not dim off it (none when it shows). */
const captionShown = (rgba: Uint8ClampedArray) => {
  const wrong: string[] = [];
  for (let row = 0; row < ROWS; row++) {
    for (let column = 0; column < COLUMNS; column++) {
      const level = rgba[(row * COLUMNS + column) * 4]!;
      if (inCaption(row, column) ? level !== 255 : level > 100) wrong.push(`(${column}, ${row}) ${level}`);
    }
  }
  return wrong;
};

describe('pixelPreview of a cine', () => {
  it('shows a caption that is on frames 100–110 of 880 only, white over a dim background', () => {
    const preview = previewOf(cineDicom('MONOCHROME2'));
    expect([preview.width, preview.height]).toEqual([COLUMNS, ROWS]);
    expect(captionShown(preview.rgba)).toEqual([]);
  });

  it('shows it as well in MONOCHROME1, where the text is the lowest stored value', () => {
    expect(captionShown(previewOf(cineDicom('MONOCHROME1')).rgba)).toEqual([]);
  });
});
