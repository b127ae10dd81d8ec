import { describe, expect, it } from 'vitest';
import type { ModelInput } from '../modelInput';
import { localMean, similarityFeatures } from './similarityFeatures';

describe('similarityFeatures', () => {
  it('reads colour as OKLab × 100: white is L 100 without hue, black 0, red is positive a', () => {
    const rgba = Uint8ClampedArray.of(255, 255, 255, 255, 0, 0, 0, 255, 255, 0, 0, 255);
    const image: ModelInput = { kind: 'rgbaImage', targetId: 't', width: 3, height: 1, rgba, origin: [0, 0], scale: 1 };
    const reader = similarityFeatures(image);
    const out = new Float32Array(9);
    for (let x = 0; x < 3; x++) reader.read(x, 0, out, x * 3);
    expect(out[0]).toBeCloseTo(100, 3);
    expect(Math.hypot(out[1]!, out[2]!)).toBeLessThan(0.01);
    expect(Array.from(out.slice(3, 6)).map((v) => Math.abs(v))).toEqual([0, 0, 0]);
    expect(out[6]).toBeCloseTo(62.8, 1);
    expect(out[7]).toBeCloseTo(22.5, 1);
  });

  it('averages HU around a click, the square cut at the image edge', () => {
    const slice: ModelInput = { kind: 'ctSlice', targetId: 's', width: 3, height: 2, hu: Float32Array.of(0, 10, 20, 30, 40, 50), spacing: [1, 1] };
    const reader = similarityFeatures(slice);
    expect(Array.from(localMean(reader, 3, 2, 0, 0, 1))).toEqual([20]);
    expect(Array.from(localMean(reader, 3, 2, 1, 1, 2))).toEqual([25]);
  });
});
