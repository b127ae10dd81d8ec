/** A manifest for tests: a grey-image classifier of the SAH slice question, overridable field by field. */
import type { ModelManifest } from '../models/manifest';

export function testManifest(overrides: Partial<ModelManifest> = {}): ModelManifest {
  return {
    id: 'test-classifier',
    version: '1.0.0',
    name: 'Test classifier',
    description: 'A generated model for tests.',
    licence: 'MIT',
    source: 'scripts/onnx/tinyModels.ts',
    task: 'sliceClassification',
    itemKinds: ['series'],
    opset: 17,
    inputs: [{ name: 'x', dtype: 'float32', shape: [1, 1, 'height', 'width'] }],
    outputs: [{ name: 'logits', dtype: 'float32', shape: [1, 2] }],
    preprocess: [{ op: 'ctWindow', center: 40, width: 80 }],
    decode: { activation: 'softmax', threshold: 0.5 },
    labelSetId: 'sah-slice',
    outputsToLabels: [{ questionId: 'sah', classes: [{ index: 1, classCode: 'sah.present' }], otherwiseClassCode: 'sah.absent' }],
    files: { kind: 'single', model: { sha256: 'a'.repeat(64), bytes: 0 } },
    ...overrides,
  };
}
