import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { UNMARKED_RED } from '../../testing/unmarkedRgbJpeg';
import { virtualWsi } from '../../testing/virtualWsi';
import type { PyramidWriter } from '../pyramidWriter';
import { WsiError } from './instance';
import { openDicomWsiSlides } from './reader';
import { ADOBE_RGB_MARKER, asRgbJpeg } from './rgbJpeg';

/** The same JPEG with a JFIF APP0 segment after SOI, as some encoders write even for RGB. */
const JFIF_APP0 = Uint8Array.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
const jfifRed = () => Buffer.concat([UNMARKED_RED.subarray(0, 2), JFIF_APP0, UNMARKED_RED.subarray(2)]);

/** Mean colour of a decoded JPEG. */
async function meanColour(jpeg: Uint8Array): Promise<number[]> {
  const { data, info } = await sharp(jpeg).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const sums = [0, 0, 0];
  for (let i = 0; i < data.length; i += 3) for (let c = 0; c < 3; c += 1) sums[c]! += data[i + c]!;
  return sums.map((sum) => Math.round(sum / (info.width * info.height)));
}

describe('asRgbJpeg', () => {
  it('makes libjpeg decode an unmarked RGB frame as red, where it read it as YCbCr before', async () => {
    const [r, g] = await meanColour(UNMARKED_RED);
    // Read as YCbCr, Y 255 with Cb, Cr 0 comes out green-ish: the wrong colour the fix is for.
    expect(g).toBeGreaterThan(200);
    expect(r).toBeLessThan(120);
    const fixed = asRgbJpeg(UNMARKED_RED);
    expect(Buffer.from(fixed.subarray(2, 2 + ADOBE_RGB_MARKER.length)).equals(Buffer.from(ADOBE_RGB_MARKER))).toBe(true);
    const [fr, fg, fb] = await meanColour(fixed);
    expect(fr).toBeGreaterThan(245);
    expect(fg).toBeLessThan(10);
    expect(fb).toBeLessThan(10);
  });

  it('leaves the compressed data untouched: only the header grows by the marker', () => {
    const fixed = asRgbJpeg(UNMARKED_RED);
    expect(fixed.length).toBe(UNMARKED_RED.length + ADOBE_RGB_MARKER.length);
    expect(Buffer.from(fixed.subarray(2 + ADOBE_RGB_MARKER.length)).equals(UNMARKED_RED.subarray(2))).toBe(true);
  });

  it('drops a JFIF marker, which would make libjpeg ignore the Adobe one', async () => {
    const fixed = asRgbJpeg(jfifRed());
    expect(fixed.length).toBe(UNMARKED_RED.length + ADOBE_RGB_MARKER.length);
    const [r, g] = await meanColour(fixed);
    expect(r).toBeGreaterThan(245);
    expect(g).toBeLessThan(10);
  });

  it('returns a frame that already says RGB as it is', () => {
    const marked = asRgbJpeg(UNMARKED_RED);
    expect(asRgbJpeg(marked)).toBe(marked);
    const ids = Buffer.from(UNMARKED_RED);
    const sof = ids.indexOf(Buffer.from([0xff, 0xc0]));
    [0x52, 0x47, 0x42].forEach((id, c) => (ids[sof + 10 + 3 * c] = id));
    expect(asRgbJpeg(ids)).toBe(ids);
  });

  it('refuses bytes that are not a JPEG, saying so', () => {
    expect(() => asRgbJpeg(Uint8Array.from([1, 2, 3, 4]))).toThrow(WsiError);
    expect(() => asRgbJpeg(UNMARKED_RED.subarray(0, 30))).toThrow(/header runs past its end/);
  });
});

describe('a slide whose JPEG tiles are RGB', () => {
  it('serves its stored tiles with the RGB marker and builds coarser levels in the right colour', async () => {
    const source = virtualWsi({ tilesAcross: 2, tilesDown: 2, tileSize: 16, frame: UNMARKED_RED, offsetTable: 'basic', photometricInterpretation: 'RGB' });
    const { slides, refused } = await openDicomWsiSlides([source]);
    expect(refused).toEqual([]);
    const tiles = new Map<string, Uint8Array>();
    const writer: PyramidWriter = { put: async (level, x, y, bytes) => void tiles.set(`${level}/${x}/${y}`, bytes) };
    await slides[0]!.writePyramid(writer);
    expect([...tiles.keys()].sort()).toEqual(['0/0/0', '0/0/1', '0/1/0', '0/1/1', '1/0/0']);
    expect(Buffer.from(tiles.get('0/1/1')!).equals(Buffer.from(asRgbJpeg(UNMARKED_RED)))).toBe(true);
    for (const key of ['0/1/1', '1/0/0']) {
      const [r, g, b] = await meanColour(tiles.get(key)!);
      expect(r, key).toBeGreaterThan(240);
      expect(g! + b!, key).toBeLessThan(20);
    }
  });
});
