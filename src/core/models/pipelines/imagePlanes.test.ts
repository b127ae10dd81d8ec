import { describe, expect, it } from 'vitest';
import { ctWindow, normalise, resize, rgbPlanes } from './imagePlanes';

const grey = (width: number, height: number, values: readonly number[]) => ({ width, height, channels: [Float32Array.from(values)] });

describe('image planes', () => {
  it('windows HU to [0, 1]: brain window 80/40 maps ≤ 0 HU to 0, 40 HU to 0.5, ≥ 80 HU to 1', () => {
    const out = ctWindow(grey(5, 1, [-1000, 0, 40, 80, 3000]), 40, 80);
    expect(Array.from(out.channels[0]!)).toEqual([0, 0, 0.5, 1, 1]);
  });

  it('splits RGBA into R, G, B in [0, 1] and drops alpha', () => {
    const planes = rgbPlanes(2, 1, Uint8ClampedArray.from([255, 0, 51, 7, 0, 255, 102, 9]));
    expect(planes.channels.map((c) => Array.from(c))).toEqual([
      [1, 0],
      [0, 1],
      [0.2, 0.4].map((v) => Math.fround(v)),
    ]);
  });

  it('normalises each channel with its own mean and std, or one pair for all', () => {
    const planes = { width: 1, height: 1, channels: [Float32Array.of(0.5), Float32Array.of(0.5)] };
    expect(normalise(planes, [0.25, 0.5], [0.5, 0.25]).channels.map((c) => c[0])).toEqual([0.5, 0]);
    expect(normalise(planes, [0.5], [2]).channels.map((c) => c[0])).toEqual([0, 0]);
  });

  it('stretches bilinearly with pixel centres aligned: 2 px → 4 px interpolates between them', () => {
    const { planes, placement } = resize(grey(2, 1, [0, 1]), 4, 1, 'stretch');
    expect(Array.from(planes.channels[0]!)).toEqual([0, 0.25, 0.75, 1]);
    expect(placement).toEqual({ scaleX: 2, scaleY: 1, padX: 0, padY: 0 });
  });

  it('halves a 4×4 image by averaging each 2×2 block', () => {
    const { planes } = resize(grey(4, 4, [0, 2, 4, 6, 2, 4, 6, 8, 8, 8, 0, 0, 8, 8, 0, 0]), 2, 2, 'stretch');
    expect(Array.from(planes.channels[0]!)).toEqual([2, 6, 8, 0]);
  });

  it('letterboxes a wide image: aspect kept, centred, padded with 0', () => {
    const { planes, placement } = resize(grey(4, 2, [1, 1, 1, 1, 1, 1, 1, 1]), 4, 4, 'letterbox');
    expect(placement).toEqual({ scaleX: 1, scaleY: 1, padX: 0, padY: 1 });
    expect(Array.from(planes.channels[0]!)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0]);
  });
});
