import { describe, expect, it } from 'vitest';
import { ringArea } from '../../geometry/measure';
import type { ModelManifest } from '../manifest';
import type { ModelInput } from '../modelInput';
import type { ProposalDraft } from '../proposalDraft';
import type { Tensors } from '../taskPipeline';
import { segmentationPipeline } from './segmentation';

const manifest: ModelManifest = {
  id: 'dark-spots',
  version: '1.0.0',
  name: 'Dark spots',
  description: 'Test model.',
  licence: 'MIT',
  source: 'test',
  task: 'segmentation',
  itemKinds: ['slide'],
  opset: 17,
  inputs: [{ name: 'rgb', dtype: 'float32', shape: [1, 3, 'height', 'width'] }],
  outputs: [{ name: 'maps', dtype: 'float32', shape: [1, 1, 'height', 'width'] }],
  preprocess: [{ op: 'wsiTiling', tileSize: 128, overlap: 16, micronsPerPixel: 1 }],
  decode: { activation: 'none', threshold: 0.5, maskToPolygon: { minArea: 4, simplify: 0.5 } },
  labelSetId: 'gastric-biopsy',
  outputsToLabels: [{ questionId: 'lesion', classes: [{ index: 0, classCode: 'nucleus' }] }],
  files: { kind: 'single', model: { sha256: '0'.repeat(64), bytes: 1 } },
};

/** Stands in for the ONNX session: 1 where the red channel is dark. */
function fakeModel(feeds: Tensors): Tensors {
  const rgb = feeds.rgb!;
  const [, , height, width] = rgb.dims as number[];
  const map = new Float32Array(width! * height!);
  for (let i = 0; i < map.length; i += 1) map[i] = (rgb.data as Float32Array)[i]! < 128 ? 1 : 0;
  return { maps: { dtype: 'float32', dims: [1, 1, height!, width!], data: map } };
}

/** A white image with dark discs (centre x, y, radius in image px). */
function region(width: number, height: number, discs: readonly [number, number, number][], extra: Partial<Extract<ModelInput, { kind: 'rgbaImage' }>> = {}): ModelInput {
  const rgba = new Uint8ClampedArray(width * height * 4).fill(255);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      if (discs.some(([cx, cy, r]) => Math.hypot(x + 0.5 - cx, y + 0.5 - cy) < r)) rgba.set([40, 40, 40, 255], (y * width + x) * 4);
    }
  }
  return { kind: 'rgbaImage', targetId: 'slide-1', width, height, rgba, origin: [1000, 2000], scale: 1, micronsPerPixel: 1, ...extra };
}

function run(input: ModelInput): ProposalDraft[] {
  const drafts = segmentationPipeline.prepare(manifest, input).flatMap((step) => segmentationPipeline.decode(manifest, fakeModel(step.feeds), step.context, 0.5));
  return [...(segmentationPipeline.merge?.(drafts) ?? drafts)];
}

function centreOf(draft: ProposalDraft): [number, number] {
  if (draft.type !== 'shape' || draft.geometry.type !== 'polygon') throw new Error('expected a polygon');
  const { points } = draft.geometry;
  return [points.reduce((s, p) => s + p[0], 0) / points.length, points.reduce((s, p) => s + p[1], 0) / points.length];
}

describe('segmentation pipeline', () => {
  it('cuts a region into overlapping NCHW tiles placed in the item frame', () => {
    const steps = segmentationPipeline.prepare(manifest, region(300, 200, []));
    expect(steps).toHaveLength(3 * 2);
    expect(steps[0]!.feeds.rgb!.dims).toEqual([1, 3, 128, 128]);
    expect(steps.map((s) => [s.context.originX, s.context.originY])).toEqual([
      [1000, 2000], [1086, 2000], [1172, 2000],
      [1000, 2072], [1086, 2072], [1172, 2072],
    ]);
    // White glass: 255 in every channel plane.
    expect(steps[0]!.feeds.rgb!.data.every((v) => v === 255)).toBe(true);
  });

  it('finds every disc once, where it is in the item frame, including discs on tile seams', () => {
    // Seams between tiles lie near x = 86…128 and 172…214, y = 72…128.
    const discs: [number, number, number][] = [[40, 40, 6], [107, 50, 7], [193, 100, 6], [150, 150, 8], [260, 180, 5], [107, 100, 6]];
    const drafts = run(region(300, 200, discs));
    expect(drafts).toHaveLength(discs.length);
    for (const [cx, cy, r] of discs) {
      const found = drafts.filter((d) => Math.hypot(centreOf(d)[0] - (1000 + cx), centreOf(d)[1] - (2000 + cy)) < 1.5);
      expect(found, `disc at ${cx}, ${cy}`).toHaveLength(1);
      const geometry = found[0]!.type === 'shape' ? found[0]!.geometry : null;
      expect(geometry?.type === 'polygon' && Math.abs(ringArea(geometry.points) / (Math.PI * r * r) - 1)).toBeLessThan(0.2);
      expect(found[0]).toMatchObject({ type: 'shape', questionId: 'lesion', classCode: 'nucleus', targetId: 'slide-1', score: 1 });
    }
  });

  it('reads a finer region at the model\'s µm per pixel and maps outlines back to item px', () => {
    // 0.5 µm/px at scale 1 → the model sees it halved, each tile px 2 item px.
    const input = region(400, 240, [[100, 100, 12], [300, 60, 10]], { micronsPerPixel: 0.5 });
    const steps = segmentationPipeline.prepare(manifest, input);
    expect(steps.map((s) => s.feeds.rgb!.dims)).toEqual([[1, 3, 120, 128], [1, 3, 120, 128]]);
    expect(steps[0]!.context.scale).toBe(2);
    const drafts = run(input);
    expect(drafts.map(centreOf).map(([x, y]) => [Math.round(x), Math.round(y)]).sort()).toEqual([[1100, 2100], [1300, 2060]]);
  });

  it('applies the manifest\'s activation to raw outputs before thresholding', () => {
    const [step] = segmentationPipeline.prepare(manifest, region(8, 8, []));
    // Two channels of logits: the left half favours channel 0, the right half channel 1.
    const logits = new Float32Array(2 * 64);
    for (let i = 0; i < 64; i += 1) [logits[i], logits[64 + i]] = i % 8 < 4 ? [3, -1] : [-1, 3];
    const outputs: Tensors = { maps: { dtype: 'float32', dims: [1, 2, 8, 8], data: logits } };
    const twoClasses: ModelManifest = { ...manifest, outputsToLabels: [{ questionId: 'lesion', classes: [{ index: 0, classCode: 'left' }, { index: 1, classCode: 'right' }] }] };
    const scored = (activation: 'sigmoid' | 'softmax') =>
      segmentationPipeline.decode({ ...twoClasses, decode: { ...twoClasses.decode, activation } }, outputs, step!.context, 0.5).map((d) => [d.classCode, Number(d.score.toFixed(4))]);
    expect(scored('sigmoid')).toEqual([['left', Number((1 / (1 + Math.exp(-3))).toFixed(4))], ['right', Number((1 / (1 + Math.exp(-3))).toFixed(4))]]);
    expect(scored('softmax')).toEqual([['left', Number((1 / (1 + Math.exp(-4))).toFixed(4))], ['right', Number((1 / (1 + Math.exp(-4))).toFixed(4))]]);
  });

  it('refuses a CT slice and an output of the wrong shape with a sentence', () => {
    const ct: ModelInput = { kind: 'ctSlice', targetId: 's', width: 1, height: 1, hu: new Float32Array(1), spacing: [1, 1] };
    expect(() => segmentationPipeline.prepare(manifest, ct)).toThrow('dark-spots outlines colour images; it cannot run on a ctSlice');
    const [step] = segmentationPipeline.prepare(manifest, region(20, 20, []));
    const flat: Tensors = { maps: { dtype: 'float32', dims: [400], data: new Float32Array(400) } };
    expect(() => segmentationPipeline.decode(manifest, flat, step!.context, 0.5)).toThrow('output maps should be float32 [1, classes, height, width], got float32 [400]');
  });
});
