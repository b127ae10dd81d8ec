import { describe, expect, it } from 'vitest';
import type { ModelInput } from '../modelInput';
import { itemFrameOf, nchwTensor, sampleImageOf } from './imageTensor';

const rgba = (width: number, height: number, pixel: (x: number, y: number) => readonly number[]): ModelInput => {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([...pixel(x, y), 255], (y * width + x) * 4);
  return { kind: 'rgbaImage', targetId: 't', width, height, rgba: data, origin: [100, 50], scale: 4 };
};

describe('imageTensor', () => {
  it('keeps RGB planes apart and normalises each channel', () => {
    const image = sampleImageOf(rgba(2, 1, () => [255, 0, 51]));
    const tensor = nchwTensor(image, { width: 2, height: 1, tensorWidth: 2, tensorHeight: 1 }, { op: 'normalise', mean: [0.5, 0, 0.1], std: [0.5, 1, 0.5] });
    expect(Array.from(tensor).map((v) => Number(v.toFixed(5)))).toEqual([1, 1, 0, 0, 0.2, 0.2]);
  });

  it('resamples with half-pixel centres and pads with zeros', () => {
    const image = sampleImageOf(rgba(4, 1, (x) => [x * 85, 0, 0]));
    const tensor = nchwTensor(image, { width: 2, height: 1, tensorWidth: 3, tensorHeight: 2 });
    // Pixel 0 of the half-size image samples between source pixels 0 and 1: (0 + 85) / 2.
    expect(tensor[0]).toBeCloseTo(42.5 / 255, 6);
    expect(tensor[1]).toBeCloseTo(212.5 / 255, 6);
    expect([tensor[2], tensor[3], tensor[4], tensor[5]]).toEqual([0, 0, 0, 0]);
  });

  it('windows a CT slice to grey on every channel', () => {
    const slice: ModelInput = { kind: 'ctSlice', targetId: 's', width: 3, height: 1, hu: Float32Array.from([-1000, 40, 1000]), spacing: [0.5, 0.5] };
    const image = sampleImageOf(slice, { op: 'ctWindow', center: 40, width: 80 });
    expect(Array.from(image.samples)).toEqual([0, 127.5, 255]);
    const tensor = nchwTensor(image, { width: 3, height: 1, tensorWidth: 3, tensorHeight: 1 });
    expect(Array.from(tensor.slice(3, 6))).toEqual(Array.from(tensor.slice(0, 3)));
    expect(Array.from(sampleImageOf(slice).samples)).toEqual(Array.from(Float32Array.from([0, (1040 / 2000) * 255, 255])));
    expect(itemFrameOf(slice)).toEqual({ origin: [0, 0], scale: 1 });
  });
});
