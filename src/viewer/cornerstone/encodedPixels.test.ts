import { describe, expect, it } from 'vitest';
import { frameCount, releaseEncodedPixels, type NaturalizedInstance } from './encodedPixels';

describe('frameCount', () => {
  it('reads NumberOfFrames, whether a number or the string a file carries', () => {
    expect(frameCount({ NumberOfFrames: 12 })).toBe(12);
    expect(frameCount({ NumberOfFrames: '3' })).toBe(3);
  });

  it('is 1 for a single-frame file and for a value that is not a count', () => {
    expect(frameCount({})).toBe(1);
    expect(frameCount({ NumberOfFrames: '' })).toBe(1);
    expect(frameCount({ NumberOfFrames: 'many' })).toBe(1);
    expect(frameCount({ NumberOfFrames: 0 })).toBe(1);
  });
});

describe('releaseEncodedPixels', () => {
  it('drops every kind of pixel data and keeps the other attributes', () => {
    const natural: NaturalizedInstance = {
      Rows: 512,
      SeriesDescription: 'Head',
      PixelData: [new ArrayBuffer(8)],
      FloatPixelData: [new ArrayBuffer(8)],
      DoubleFloatPixelData: [new ArrayBuffer(8)],
    };
    releaseEncodedPixels(natural);
    expect(natural).toEqual({ Rows: 512, SeriesDescription: 'Head' });
  });

  it("drops them from the enhanced multi-frame instance's hidden parent copy too", () => {
    const natural: NaturalizedInstance = { NumberOfFrames: 2, PixelData: [new ArrayBuffer(8), new ArrayBuffer(8)] };
    Object.defineProperty(natural, '_parentInstance', { value: { ...natural } });
    releaseEncodedPixels(natural);
    expect(natural.PixelData).toBeUndefined();
    expect((natural._parentInstance as NaturalizedInstance).PixelData).toBeUndefined();
    expect((natural._parentInstance as NaturalizedInstance).NumberOfFrames).toBe(2);
  });
});
