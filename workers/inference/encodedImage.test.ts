import { describe, expect, it } from 'vitest';
import type { ModelInput } from '../../src/core/models/modelInput';
import { decodedInput } from './encodedImage';
import { decodeRawImage, rawImageFile } from './testing/rawImageFile';

describe('an image file sent to run', () => {
  const rgba = Uint8ClampedArray.from({ length: 4 * 3 * 4 }, (_, i) => i);

  it('is decoded into the RGBA image the pipelines read, scaled back to the frame’s recorded width', async () => {
    const input = await decodedInput({ kind: 'encodedImage', targetId: 'f2', image: rawImageFile(4, 3, rgba), recordedWidth: 8 }, decodeRawImage);
    expect(input).toEqual({ kind: 'rgbaImage', targetId: 'f2', width: 4, height: 3, rgba, origin: [0, 0], scale: 2 });
  });

  it('is taken as served when the frame’s width is unknown', async () => {
    const input = await decodedInput({ kind: 'encodedImage', targetId: 'f0', image: rawImageFile(4, 3, rgba), recordedWidth: 0 }, decodeRawImage);
    expect(input).toMatchObject({ kind: 'rgbaImage', width: 4, height: 3, scale: 1 });
  });

  it('leaves pixels already read as they are, without decoding', async () => {
    const slice: ModelInput = { kind: 'ctSlice', targetId: 's', width: 1, height: 1, hu: new Float32Array([40]), spacing: [1, 1] };
    const refuse = () => Promise.reject(new Error('nothing to decode'));
    expect(await decodedInput(slice, refuse)).toBe(slice);
  });
});
