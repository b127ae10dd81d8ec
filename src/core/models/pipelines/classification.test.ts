import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { meanClassifier } from '../../../../scripts/onnx/tinyModels';
import { testManifest } from '../../testing/modelManifest';
import type { ModelManifest } from '../manifest';
import type { ModelInput } from '../modelInput';
import type { Tensors } from '../taskPipeline';
import { sigmoid } from './activation';
import { classificationPipeline } from './classification';

const slice = (hu: number): ModelInput => ({ kind: 'ctSlice', targetId: `slice-${hu}`, width: 8, height: 8, hu: new Float32Array(64).fill(hu), spacing: [1, 1] });
const logits = (...values: number[]): Tensors => ({ logits: { dtype: 'float32', dims: [1, values.length], data: Float32Array.from(values) } });
const context = { targetId: 't', sourceWidth: 1, sourceHeight: 1, placement: { scaleX: 1, scaleY: 1, padX: 0, padY: 0 }, origin: [0, 0] as const, itemScale: 1 };

describe('classification pipeline', () => {
  it('proposes the mapped class when its softmax probability reaches the threshold, scored by that probability', () => {
    const [draft] = classificationPipeline.decode(testManifest(), logits(0, 2), context, 0.5);
    expect(draft).toMatchObject({ type: 'label', questionId: 'sah', targetId: 't', classCode: 'sah.present' });
    expect(draft?.score).toBeCloseTo(sigmoid(2), 6);
  });

  it('proposes the otherwise class below the threshold, scored as the chance of none', () => {
    const [draft] = classificationPipeline.decode(testManifest(), logits(0, 1), context, 0.9);
    expect(draft?.classCode).toBe('sah.absent');
    expect(draft?.score).toBeCloseTo(1 - sigmoid(1), 6);
  });

  it('scores the otherwise class by its own output when the model has one', () => {
    const manifest = testManifest({ outputsToLabels: [{ questionId: 'sah', classes: [{ index: 0, classCode: 'sah.absent' }, { index: 1, classCode: 'sah.present' }], otherwiseClassCode: 'sah.absent' }] });
    const [draft] = classificationPipeline.decode(manifest, logits(0, 0.5), context, 0.99);
    expect(draft?.classCode).toBe('sah.absent');
    expect(draft?.score).toBeCloseTo(1 - sigmoid(0.5), 6);
  });

  it('applies sigmoid per score (several findings at once) and proposes nothing without an otherwise class', () => {
    const manifest = testManifest({
      decode: { activation: 'sigmoid', threshold: 0.5 },
      outputsToLabels: [
        { questionId: 'a', classes: [{ index: 0, classCode: 'a.yes' }] },
        { questionId: 'b', classes: [{ index: 1, classCode: 'b.yes' }] },
      ],
    });
    const drafts = classificationPipeline.decode(manifest, logits(3, -3), context, 0.5);
    expect(drafts.map((d) => d.questionId)).toEqual(['a']);
    expect(drafts[0]?.score).toBeCloseTo(sigmoid(3), 6);
  });

  it('reads one output per mapping when the model has as many outputs as mappings', () => {
    const manifest = testManifest({
      decode: { activation: 'none', threshold: 0.5 },
      outputs: [{ name: 'p', dtype: 'float32', shape: [1, 1] }, { name: 'q', dtype: 'float32', shape: [1, 1] }],
      outputsToLabels: [
        { questionId: 'a', classes: [{ index: 0, classCode: 'a.yes' }] },
        { questionId: 'b', classes: [{ index: 0, classCode: 'b.yes' }] },
      ],
    });
    const tensors: Tensors = { p: { dtype: 'float32', dims: [1, 1], data: Float32Array.of(0.2) }, q: { dtype: 'float32', dims: [1, 1], data: Float32Array.of(0.8) } };
    expect(classificationPipeline.decode(manifest, tensors, context, 0.5).map((d) => d.classCode)).toEqual(['b.yes']);
  });

  it('says which index is missing when the mapping names a score the model does not give', () => {
    const manifest = testManifest({ outputsToLabels: [{ questionId: 'sah', classes: [{ index: 5, classCode: 'sah.present' }] }] });
    expect(() => classificationPipeline.decode(manifest, logits(0, 1), context, 0.5)).toThrow('maps score 5 to “sah.present”, but the model gives only 2 scores');
  });

  it('classifies bright and dark slices through a real onnxruntime session', async () => {
    const manifest: ModelManifest = testManifest();
    const session = await ort.InferenceSession.create(meanClassifier(4), { executionProviders: ['wasm'] });
    try {
      const results = [];
      for (const hu of [80, 0, 60]) {
        const [step] = classificationPipeline.prepare(manifest, slice(hu));
        const feeds = Object.fromEntries(Object.entries(step!.feeds).map(([name, t]) => [name, new ort.Tensor('float32', t.data as Float32Array, [...t.dims])]));
        const out = await session.run(feeds);
        const tensors: Tensors = { logits: { dtype: 'float32', dims: [...out.logits!.dims], data: out.logits!.data as Float32Array } };
        results.push(...classificationPipeline.decode(manifest, tensors, step!.context, 0.5));
      }
      // Window 40/80: 80 HU → m = 1, 0 HU → m = 0, 60 HU → m = 0.75; p(present) = sigmoid(2·4·(m − 0.5)).
      expect(results.map((d) => d.classCode)).toEqual(['sah.present', 'sah.absent', 'sah.present']);
      expect(results[0]?.score).toBeCloseTo(sigmoid(4), 5);
      expect(results[1]?.score).toBeCloseTo(1 - sigmoid(-4), 5);
      expect(results[2]?.score).toBeCloseTo(sigmoid(2), 5);
      expect(results.map((d) => d.targetId)).toEqual(['slice-80', 'slice-0', 'slice-60']);
    } finally {
      await session.release();
    }
  });
});
