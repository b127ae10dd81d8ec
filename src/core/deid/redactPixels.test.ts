import { describe, expect, it } from 'vitest';
import type { PixelLayout } from './nativePixels';
import { blackSamples, clampBox, redactPixels } from './redactPixels';

const layout = (change: Partial<PixelLayout>): PixelLayout => ({
  rows: 3,
  columns: 4,
  frames: 1,
  samplesPerPixel: 1,
  planarConfiguration: 0,
  bitsAllocated: 8,
  bitsStored: 8,
  signed: false,
  photometric: 'MONOCHROME2',
  ...change,
});

/** Which samples of `before` changed in `after`, as indices. */
const changed = (before: ArrayLike<number>, after: ArrayLike<number>) => Array.from(before).flatMap((value, i) => (after[i] !== value ? [i] : []));

describe('redactPixels', () => {
  it('blacks out the box in 8-bit MONOCHROME2 and nothing else', () => {
    const data = new Uint8Array(12).fill(200);
    redactPixels(data, layout({}), [{ x: 1, y: 1, width: 2, height: 2 }]);
    expect(changed(new Uint8Array(12).fill(200), data)).toEqual([5, 6, 9, 10]);
    expect(data[5]).toBe(0);
  });

  it('writes 16-bit samples little endian, the lowest signed value for signed data', () => {
    const data = new Uint8Array(24).fill(0x11);
    redactPixels(data, layout({ bitsAllocated: 16, bitsStored: 12, signed: true }), [{ x: 0, y: 0, width: 1, height: 1 }]);
    expect(new DataView(data.buffer).getInt16(0, true)).toBe(-2048);
    expect(changed(new Uint8Array(24).fill(0x11), data)).toEqual([0, 1]);
  });

  it('makes MONOCHROME1 black with its highest value, YBR_FULL with neutral chroma', () => {
    expect(blackSamples(layout({ photometric: 'MONOCHROME1', bitsAllocated: 16, bitsStored: 12 }))).toEqual([4095]);
    expect(blackSamples(layout({ photometric: 'YBR_FULL', samplesPerPixel: 3 }))).toEqual([0, 128, 128]);
  });

  it('blacks out every sample of interleaved RGB', () => {
    const data = new Uint8Array(3 * 12).fill(90);
    redactPixels(data, layout({ samplesPerPixel: 3, photometric: 'RGB' }), [{ x: 3, y: 2, width: 5, height: 5 }]);
    // Pixel (3, 2) is the last: samples 33, 34, 35; the box is cut at the image's edge.
    expect(changed(new Uint8Array(36).fill(90), data)).toEqual([33, 34, 35]);
  });

  it('finds each plane of planar RGB', () => {
    const data = new Uint8Array(3 * 12).fill(90);
    redactPixels(data, layout({ samplesPerPixel: 3, photometric: 'RGB', planarConfiguration: 1 }), [{ x: 0, y: 0, width: 1, height: 1 }]);
    expect(changed(new Uint8Array(36).fill(90), data)).toEqual([0, 12, 24]);
  });

  it('blacks out every frame and leaves the padding byte of an odd length alone', () => {
    // 3 × 3, 8 bits, 3 frames: 27 bytes, padded to 28.
    const data = new Uint8Array(28).fill(50);
    redactPixels(data, layout({ rows: 3, columns: 3, frames: 3 }), [{ x: 2, y: 2, width: 1, height: 1 }]);
    expect(changed(new Uint8Array(28).fill(50), data)).toEqual([8, 17, 26]);
  });

  it('cuts boxes to the image and drops those outside it', () => {
    expect(clampBox({ x: -2.5, y: 1.2, width: 4, height: 10 }, { rows: 3, columns: 4 })).toEqual({ x: 0, y: 1, width: 2, height: 2 });
    expect(clampBox({ x: 5, y: 0, width: 2, height: 2 }, { rows: 3, columns: 4 })).toBeNull();
    expect(redactPixels(new Uint8Array(12), layout({}), [{ x: 9, y: 9, width: 1, height: 1 }])).toEqual([]);
  });
});
