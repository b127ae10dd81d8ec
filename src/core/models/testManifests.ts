/**
 * Manifests for tests: a slice classifier of the SAH label set and a promptable encoder + decoder,
 * valid as they stand; tests break one field at a time. The hashes are placeholders until a test
 * replaces them with those of the graph it builds.
 */
import type { ModelManifest } from './manifest';

const PLACEHOLDER_SHA = 'a'.repeat(64);

export function sahClassifierManifest(overrides: Partial<ModelManifest> = {}): ModelManifest {
  return {
    id: 'sah-test',
    version: '1.0.0',
    name: 'SAH test classifier',
    description: 'A tiny graph for tests; it knows nothing of haemorrhage.',
    licence: 'MIT',
    source: 'built by the test',
    task: 'sliceClassification',
    itemKinds: ['series'],
    opset: 17,
    inputs: [{ name: 'image', dtype: 'float32', shape: ['batch', 1, 8, 8] }],
    outputs: [{ name: 'scores', dtype: 'float32', shape: ['batch', 1] }],
    preprocess: [
      { op: 'ctWindow', center: 40, width: 80 },
      { op: 'resize', width: 8, height: 8, mode: 'stretch' },
    ],
    decode: { activation: 'sigmoid', threshold: 0.5 },
    labelSetId: 'sah-slice',
    outputsToLabels: [{ questionId: 'sah', classes: [{ index: 0, classCode: 'sah.present' }], otherwiseClassCode: 'sah.absent' }],
    files: { kind: 'single', model: { sha256: PLACEHOLDER_SHA, bytes: 100 } },
    evaluation: { summary: 'Not evaluated: a test model.', metrics: {} },
    ...overrides,
  };
}

export function promptableManifest(overrides: Partial<ModelManifest> = {}): ModelManifest {
  return {
    ...sahClassifierManifest(),
    id: 'sam-test',
    name: 'Promptable test model',
    task: 'promptableSegmentation',
    itemKinds: ['slide'],
    inputs: [{ name: 'image', dtype: 'float32', shape: [1, 3, 16, 16] }],
    outputs: [{ name: 'embeddings', dtype: 'float32', shape: [1, 4, 4, 4] }],
    preprocess: [{ op: 'normalise', mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25] }],
    decode: { activation: 'sigmoid', threshold: 0.5, maskToPolygon: { minArea: 4, simplify: 1 } },
    labelSetId: 'gastric-biopsy',
    outputsToLabels: [{ questionId: 'lesion', classes: [{ index: 0, classCode: 'lesion.carcinoma' }] }],
    files: { kind: 'encoderDecoder', encoder: { sha256: 'b'.repeat(64), bytes: 100 }, decoder: { sha256: 'c'.repeat(64), bytes: 100 } },
    ...overrides,
  };
}
