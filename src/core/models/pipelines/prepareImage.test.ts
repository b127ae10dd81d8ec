import { describe, expect, it } from 'vitest';
import { testManifest } from '../../testing/modelManifest';
import type { ModelInput } from '../modelInput';
import { modelToItem, prepareImage } from './prepareImage';
import { PipelineError } from './pipelineError';

const slice = (width: number, height: number, hu: number): ModelInput => ({
  kind: 'ctSlice',
  targetId: 'slice-1',
  width,
  height,
  hu: new Float32Array(width * height).fill(hu),
  spacing: [0.5, 0.5],
});

const rgba = (width: number, height: number): ModelInput => ({
  kind: 'rgbaImage',
  targetId: 'tile-1',
  width,
  height,
  rgba: new Uint8ClampedArray(width * height * 4).fill(255),
  origin: [1000, 2000],
  scale: 4,
});

describe('prepareImage', () => {
  it('windows a CT slice and lays it out 1×1×H×W, resolving the named height and width', () => {
    const { feeds, context } = prepareImage(testManifest(), slice(6, 4, 60));
    expect(feeds.x?.dims).toEqual([1, 1, 4, 6]);
    expect(Array.from(feeds.x!.data as Float32Array).every((v) => v === 0.75)).toBe(true);
    expect(context.targetId).toBe('slice-1');
  });

  it('resizes to fixed model dims and fills three channels from a grey slice', () => {
    const manifest = testManifest({
      inputs: [{ name: 'image', dtype: 'float32', shape: ['batch', 3, 8, 8] }],
      preprocess: [{ op: 'ctWindow', center: 40, width: 80 }, { op: 'resize', width: 8, height: 8, mode: 'stretch' }],
    });
    const { feeds } = prepareImage(manifest, slice(16, 16, 40));
    expect(feeds.image?.dims).toEqual([1, 3, 8, 8]);
    expect(feeds.image?.data.length).toBe(3 * 64);
  });

  it('normalises colour with ImageNet statistics after scaling to [0, 1]', () => {
    const manifest = testManifest({
      inputs: [{ name: 'x', dtype: 'float32', shape: [1, 3, 2, 2] }],
      preprocess: [{ op: 'normalise', mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] }],
    });
    const data = prepareImage(manifest, rgba(2, 2)).feeds.x!.data as Float32Array;
    expect(data[0]).toBeCloseTo((1 - 0.485) / 0.229, 5);
    expect(data[4]).toBeCloseTo((1 - 0.456) / 0.224, 5);
    expect(data[8]).toBeCloseTo((1 - 0.406) / 0.225, 5);
  });

  it('maps model px back to the item frame through letterbox padding and the region origin and scale', () => {
    const manifest = testManifest({
      inputs: [{ name: 'x', dtype: 'float32', shape: [1, 3, 8, 8] }],
      preprocess: [{ op: 'resize', width: 8, height: 8, mode: 'letterbox' }],
    });
    const { context } = prepareImage(manifest, rgba(16, 8));
    // 16×8 → 8×4 centred: scale 0.5, 2 px padding on top.
    expect(modelToItem(context, [4, 4])).toEqual([1000 + 8 * 4, 2000 + 4 * 4]);
  });

  it('refuses an image whose size the model does not take, naming the tensor and both shapes', () => {
    const manifest = testManifest({ inputs: [{ name: 'x', dtype: 'float32', shape: [1, 1, 8, 8] }] });
    const attempt = () => prepareImage(manifest, slice(16, 16, 0));
    expect(attempt).toThrow(PipelineError);
    expect(attempt).toThrow('The model\'s input “x” takes 1×1×8×8 but this image gives 1×1×16×16. Add a resize step');
  });

  it('refuses a colour image for a one-channel model and CT windowing of a photograph', () => {
    expect(() => prepareImage(testManifest({ preprocess: [] }), rgba(2, 2))).toThrow('takes 1×1×height×width but this image gives 1×3×2×2');
    expect(() => prepareImage(testManifest(), rgba(2, 2))).toThrow('this image is not CT');
  });

  it('refuses a slice whose pixel count does not match its size', () => {
    const bad: ModelInput = { ...(slice(4, 4, 0) as Extract<ModelInput, { kind: 'ctSlice' }>), width: 5 };
    expect(() => prepareImage(testManifest(), bad)).toThrow('The slice says 5×4 px but carries 16 values.');
  });
});
