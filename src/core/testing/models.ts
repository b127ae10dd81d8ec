/** A small sliceClassification manifest for tests of the proposal workflow (label set `sah-slice`, question `sah`). */
import type { ModelManifest } from '../models/manifest';

export const TEST_SAH_MANIFEST: ModelManifest = {
  id: 'sah-net',
  version: '1.1.0',
  name: 'SAH slice candidates (test)',
  description: 'A test model.',
  licence: 'MIT',
  source: 'tests',
  task: 'sliceClassification',
  itemKinds: ['series'],
  opset: 17,
  inputs: [{ name: 'image', dtype: 'float32', shape: [1, 1, 64, 64] }],
  outputs: [{ name: 'score', dtype: 'float32', shape: [1, 1] }],
  preprocess: [{ op: 'ctWindow', center: 40, width: 80 }],
  decode: { activation: 'sigmoid', threshold: 0.5 },
  labelSetId: 'sah-slice',
  outputsToLabels: [{ questionId: 'sah', classes: [{ index: 0, classCode: 'sah.present' }], otherwiseClassCode: 'sah.absent' }],
  files: { kind: 'single', model: { sha256: 'c'.repeat(64), bytes: 1234 } },
  evaluation: { summary: 'Sensitivity 0.9, specificity 0.95 on generated phantoms.', metrics: { sensitivity: 0.9, specificity: 0.95 } },
};
