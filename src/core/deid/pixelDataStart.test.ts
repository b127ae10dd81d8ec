import dcmjs from 'dcmjs';
import { describe, expect, it } from 'vitest';
import { readPart10 } from './deidentify';
import { encapsulatedEnd, pixelDataStart } from './pixelDataStart';
import { IMPLICIT_VR_LITTLE_ENDIAN } from './nativePixels';
import { JPEG_BASELINE, pixelDicom } from './testing/pixelDicom';

const PIXELS = new Uint8Array(6 * 4 * 3).map((_, i) => i);
const tagAt = (bytes: Uint8Array, at: number) => Array.from(bytes.subarray(at, at + 4));
const PIXEL_DATA_TAG = [0xe0, 0x7f, 0x10, 0x00];

/** A three-frame image whose header holds an icon image sequence (with a Pixel Data of its own) of undefined length. */
function withIcon(transferSyntax?: string): Uint8Array {
  const file = readPart10(pixelDicom({ rows: 4, columns: 6, frames: 3, pixels: PIXELS, transferSyntax }));
  file.dict['00880200'] = { vr: 'SQ', Value: [{ '00280010': { vr: 'US', Value: [1] }, '7FE00010': { vr: 'OB', Value: [new Uint8Array([9, 9]).buffer] } }] };
  return new Uint8Array(file.write());
}

describe('finding Pixel Data by element headers', () => {
  it('finds the top-level Pixel Data past a nested one, explicit and implicit VR', () => {
    for (const syntax of [undefined, IMPLICIT_VR_LITTLE_ENDIAN]) {
      const bytes = withIcon(syntax);
      const found = pixelDataStart(bytes, true);
      if (found.kind !== 'found') throw new Error(JSON.stringify(found));
      expect(tagAt(bytes, found.offset)).toEqual(PIXEL_DATA_TAG);
      expect(found.length).toBe(PIXELS.byteLength);
      expect(found.valueOffset + PIXELS.byteLength).toBe(bytes.byteLength);
      expect(Array.from(bytes.subarray(found.valueOffset))).toEqual(Array.from(PIXELS));
      // The icon's Pixel Data came first in the file, inside the sequence.
      const first = bytes.findIndex((_, at) => tagAt(bytes, at).every((byte, i) => byte === PIXEL_DATA_TAG[i]));
      expect(first).toBeLessThan(found.offset);
    }
  });

  it('asks for more of a head that ends before Pixel Data; says when the whole file has none', () => {
    const bytes = withIcon();
    const found = pixelDataStart(bytes, true);
    if (found.kind !== 'found') throw new Error('not found');
    expect(pixelDataStart(bytes.subarray(0, found.offset + 4), false)).toEqual({ kind: 'needMore' });
    expect(pixelDataStart(bytes.subarray(0, 100), false)).toEqual({ kind: 'needMore' });
    const noPixels = readPart10(bytes);
    delete noPixels.dict['7FE00010'];
    expect(pixelDataStart(new Uint8Array(noPixels.write()), true)).toEqual({ kind: 'none' });
  });

  it('leaves a deflated data set and a file without a meta group length to be read whole', () => {
    const deflated = pixelDicom({ rows: 2, columns: 2, pixels: new Uint8Array(4), transferSyntax: '1.2.840.10008.1.2.1.99' });
    expect(pixelDataStart(deflated, true)).toMatchObject({ kind: 'notWalked', reason: 'transfer syntax 1.2.840.10008.1.2.1.99' });
    const noGroupLength = new Uint8Array(200);
    noGroupLength.set([0x44, 0x49, 0x43, 0x4d], 128);
    expect(pixelDataStart(noGroupLength, true)).toMatchObject({ kind: 'notWalked' });
  });

  it('walks encapsulated frames to their end by item headers only', async () => {
    const file = readPart10(pixelDicom({ rows: 2, columns: 2, transferSyntax: JPEG_BASELINE, pixels: new Uint8Array(4) }));
    file.dict['7FE00010'] = { vr: 'OB', Value: [new Uint8Array([1, 2, 3, 4]).buffer, new Uint8Array([5, 6]).buffer] };
    file.dict['00280008'] = { vr: 'IS', Value: [2] };
    const bytes = new Uint8Array(file.write());
    const found = pixelDataStart(bytes, true);
    if (found.kind !== 'found') throw new Error(JSON.stringify(found));
    expect(found.length).toBeNull();
    const reads: number[] = [];
    const end = await encapsulatedEnd(found.valueOffset, async (at, length) => (reads.push(length), bytes.subarray(at, at + length)));
    expect(end).toBe(bytes.byteLength);
    expect(reads.every((length) => length === 8)).toBe(true);
    expect(dcmjs.data.DicomMessage.readFile(bytes.slice().buffer).dict['7FE00010']?.Value).toHaveLength(2);
  });
});
