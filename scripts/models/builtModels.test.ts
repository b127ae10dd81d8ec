import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_LABEL_SETS } from '../../src/core/labelSets/builtin';
import type { ModelManifest } from '../../src/core/models/manifest';
import { modelFile } from './builtModel';
import { MODEL_BUILDERS } from './registry';

const built = MODEL_BUILDERS.map((build) => build());

describe('models built by scripts/build-models.ts', () => {
  it.each(built.map((b) => [b.manifest.id, b] as const))('%s: the committed files are what a fresh build writes', (id, { manifest, files }) => {
    const directory = new URL(`../../models/${id}/`, import.meta.url);
    const committed = JSON.parse(readFileSync(new URL('manifest.json', directory), 'utf8')) as ModelManifest;
    expect(committed, 'run npm run build:models').toEqual(manifest);
    for (const [name, bytes] of Object.entries(files)) expect(modelFile(readFileSync(new URL(name, directory))), name).toEqual(modelFile(bytes));
  });

  it.each(built.map((b) => [b.manifest.id, b] as const))('%s: the manifest names its own file by hash and size', (_id, { manifest, files }) => {
    expect(manifest.files).toEqual({ kind: 'single', model: modelFile(files['model.onnx']!) });
    expect(manifest.id).toMatch(/^[a-z0-9-]+$/);
  });

  it.each(built.map((b) => [b.manifest.id, b] as const))('%s: proposes only questions and classes its built-in label set has', (_id, { manifest }) => {
    const labelSet = BUILTIN_LABEL_SETS.find((set) => set.id === manifest.labelSetId);
    expect(labelSet).toBeDefined();
    const target = manifest.task === 'sliceClassification' ? 'slice' : 'region';
    for (const mapping of manifest.outputsToLabels) {
      const question = labelSet!.questions.find((q) => q.id === mapping.questionId);
      expect(question?.target).toBe(target);
      const codes = [...mapping.classes.map((c) => c.classCode), ...(mapping.otherwiseClassCode ? [mapping.otherwiseClassCode] : [])];
      for (const code of codes) expect(question!.classes.map((c) => c.code)).toContain(code);
    }
  });

  it('builds the same bytes twice', () => {
    const again = MODEL_BUILDERS.map((build) => build());
    expect(again).toEqual(built);
  });
});
