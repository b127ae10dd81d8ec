import { describe, expect, it } from 'vitest';
import { GASTRIC_BIOPSY_LABEL_SET, SAH_SLICE_LABEL_SET } from '../labelSets/builtin';
import type { ModelManifest } from './manifest';
import { promptableManifest, sahClassifierManifest } from './testManifests';
import { validateManifest } from './validateManifest';

/** A mutable copy to break. `any`: tests write wrong values anywhere. */
function broken(manifest: ModelManifest, edit: (m: Record<string, any>) => void): unknown {
  const copy = structuredClone(manifest) as Record<string, any>;
  edit(copy);
  return copy;
}

function errorsOf(x: unknown, labelSet = SAH_SLICE_LABEL_SET): string[] {
  const result = validateManifest(x, labelSet);
  return result.ok ? [] : result.errors;
}

describe('validateManifest', () => {
  it('accepts a classifier and an encoder + decoder model with their label sets', () => {
    expect(validateManifest(sahClassifierManifest(), SAH_SLICE_LABEL_SET)).toEqual({ ok: true, value: sahClassifierManifest() });
    expect(validateManifest(promptableManifest(), GASTRIC_BIOPSY_LABEL_SET).ok).toBe(true);
  });

  it('accepts the built-in region grower without files or tensors', () => {
    const grower = promptableManifest({ inputs: [], outputs: [], files: { kind: 'builtin', implementation: 'regionGrower' } });
    expect(validateManifest(grower, GASTRIC_BIOPSY_LABEL_SET).ok).toBe(true);
  });

  it('refuses a non-object', () => {
    expect(errorsOf(null)).toEqual([expect.stringMatching(/^\(root\): expected an object/)]);
  });

  it('lists every reason at once: id, semver, opset, threshold, sha256, unknown fields', () => {
    const errors = errorsOf(
      broken(sahClassifierManifest(), (m) => {
        m.id = 'SAH Model';
        m.version = '1.0';
        m.opset = 6;
        m.decode.threshold = 1.5;
        m.files.model.sha256 = 'ABC';
        m.colour = 'red';
      }),
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^id: must be lower-case letters, digits and hyphens/),
        expect.stringMatching(/^version: must be a semantic version like "1.0.0", got "1.0"/),
        expect.stringMatching(/^opset: ONNX opset 6 is too old for onnxruntime-web; it needs 7 or newer/),
        'decode.threshold: must be between 0 and 1, got 1.5',
        expect.stringMatching(/^files.model.sha256: must be the file's SHA-256 as 64 lower-case hexadecimal/),
        'colour: unknown property',
      ]),
    );
    expect(errors).toHaveLength(6);
  });

  it('accepts pre-release and build semvers', () => {
    expect(validateManifest(sahClassifierManifest({ version: '2.1.0-rc.1+build.5' })).ok).toBe(true);
  });

  it('needs a classification model to map its scores to classes', () => {
    expect(errorsOf(sahClassifierManifest({ outputsToLabels: [] }))).toEqual([
      'outputsToLabels: a classification model must say which question and classes its scores answer',
    ]);
    expect(errorsOf(broken(sahClassifierManifest(), (m) => (m.outputsToLabels[0].classes = [])))).toEqual(['outputsToLabels[0].classes: map at least one output to a class']);
  });

  it('keeps encoder + decoder and the built-in region grower to promptable segmentation', () => {
    expect(errorsOf(sahClassifierManifest({ files: promptableManifest().files }))).toEqual(['files.kind: only a promptable segmentation model has an encoder and a decoder']);
    expect(errorsOf(sahClassifierManifest({ files: { kind: 'builtin', implementation: 'regionGrower' } }))).toEqual([
      'files.kind: the built-in region grower answers click-prompts: its task is "promptableSegmentation"',
    ]);
    expect(errorsOf(broken(promptableManifest(), (m) => (m.files = { kind: 'builtin', implementation: 'watershed' })), GASTRIC_BIOPSY_LABEL_SET)).toEqual([
      'files.implementation: the only built-in implementation is "regionGrower", got "watershed"',
    ]);
    expect(errorsOf(promptableManifest({ files: sahClassifierManifest().files }), GASTRIC_BIOPSY_LABEL_SET)).toEqual([
      'files.kind: a promptable model is an encoder and a decoder (files.kind "encoderDecoder")',
    ]);
  });

  it('checks each preprocessing step for its own fields and sane values', () => {
    const errors = errorsOf(
      sahClassifierManifest({
        preprocess: [
          { op: 'ctWindow', center: 40, width: 0 },
          { op: 'resize', width: 8.5, height: 8, mode: 'stretch' },
          { op: 'normalise', mean: [0.5, 0.5], std: [0, 1, 1] },
          { op: 'wsiTiling', tileSize: 256, overlap: 256, micronsPerPixel: 0.5 },
          { op: 'ctWindow', center: 40, width: 80, mode: 'stretch' } as never,
          { op: 'blur' } as never,
        ],
      }),
    );
    expect(errors).toEqual([
      'preprocess[0].width: must be greater than 0, got 0',
      'preprocess[1].width: expected an integer ≥ 1, got 8.5',
      'preprocess[2].mean: needs 1 value (grey) or 3 (R, G, B), got 2',
      'preprocess[2].std[0]: must be greater than 0, got 0',
      'preprocess[2]: mean and std need the same number of values',
      'preprocess[3].overlap: must be smaller than the tile size (256 px)',
      'preprocess[4].mode: does not belong to a "ctWindow" step',
      'preprocess[5].op: expected one of "ctWindow", "resize", "normalise", "wsiTiling", got "blur"',
    ]);
  });

  it('checks tensors: names unique, dtypes known, dims positive integers or names', () => {
    const errors = errorsOf(
      sahClassifierManifest({
        inputs: [
          { name: 'x', dtype: 'float64' as never, shape: [0, 'h'] },
          { name: 'x', dtype: 'float32', shape: [1, ''] },
        ],
        outputs: [],
      }),
    );
    expect(errors).toEqual([
      'inputs[0].dtype: expected one of "float32", "uint8", "int32", "int64", "bool", got "float64"',
      'inputs[0].shape[0]: expected an integer ≥ 1, got 0',
      'inputs[1].name: the tensor name "x" is listed twice',
      'inputs[1].shape[1]: must not be empty',
      'outputs: an ONNX model has at least one output; list it',
    ]);
  });

  it('refuses a mapping whose question or class the label set lacks, or of the wrong kind', () => {
    expect(
      errorsOf(
        sahClassifierManifest({ outputsToLabels: [{ questionId: 'sah', classes: [{ index: 0, classCode: 'sah.massive' }], otherwiseClassCode: 'sah.none' }] }),
      ),
    ).toEqual(['outputsToLabels[0].classes[0].classCode: question "sah" has no class "sah.massive"', 'outputsToLabels[0].otherwiseClassCode: question "sah" has no class "sah.none"']);
    expect(errorsOf(sahClassifierManifest({ outputsToLabels: [{ questionId: 'ich', classes: [{ index: 0, classCode: 'x' }] }] }))).toEqual([
      'outputsToLabels[0].questionId: label set "sah-slice" has no question "ich"',
    ]);
    // A classifier pointed at the slide's outlines, and a segmenter at its Group grade.
    expect(
      errorsOf(sahClassifierManifest({ labelSetId: 'gastric-biopsy', outputsToLabels: [{ questionId: 'lesion', classes: [{ index: 0, classCode: 'lesion.adenoma' }] }] }), GASTRIC_BIOPSY_LABEL_SET),
    ).toEqual(['outputsToLabels[0].questionId: a classification model answers a label question, but "lesion" asks for outlines (region)']);
    expect(errorsOf(promptableManifest({ outputsToLabels: [{ questionId: 'group', classes: [{ index: 0, classCode: 'group.1' }] }] }), GASTRIC_BIOPSY_LABEL_SET)).toEqual([
      'outputsToLabels[0].questionId: a promptableSegmentation model proposes outlines, but "group" is a label question (slide), not a region question',
    ]);
    expect(errorsOf(sahClassifierManifest(), GASTRIC_BIOPSY_LABEL_SET)).toEqual([
      'labelSetId: the manifest names label set "sah-slice", not "gastric-biopsy"',
      'outputsToLabels[0].questionId: label set "gastric-biopsy" has no question "sah"',
    ]);
  });

  it('keeps otherwiseClassCode to classification and checks evaluation metrics are numbers', () => {
    const errors = errorsOf(
      broken(promptableManifest(), (m) => {
        m.outputsToLabels[0].otherwiseClassCode = 'lesion.other';
        m.evaluation = { summary: '', metrics: { dice: 'high' } };
      }),
      GASTRIC_BIOPSY_LABEL_SET,
    );
    expect(errors).toEqual([
      'outputsToLabels[0].otherwiseClassCode: only a classification model proposes a class when no score reaches the threshold',
      'evaluation.summary: must not be empty',
      'evaluation.metrics.dice: expected a finite number, got "high"',
    ]);
  });
});
