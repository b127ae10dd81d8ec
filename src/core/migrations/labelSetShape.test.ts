import { describe, expect, it } from 'vitest';
import { PREVIOUS_BUILTIN_LABEL_SETS, SAH_SLICE_LABEL_SET } from '../labelSets/builtin';
import { validateLabelSet } from '../validation/labelSet';
import { legacyQuestionId, upgradeLabelSetShape } from './labelSetShape';

const classes = [
  { code: 'a', name: { en: 'A', ja: 'ア' }, color: '#ABCDEF', key: '1' },
  { code: 'b', name: { en: 'B', ja: 'ビ' }, color: '#123456' },
];

/** The built-in SAH set as it was stored before questions existed. */
const LEGACY_SAH = {
  id: 'sah-slice',
  version: 1,
  name: SAH_SLICE_LABEL_SET.name,
  target: 'slice',
  choice: 'single',
  classes: SAH_SLICE_LABEL_SET.questions[0]!.classes,
  itemAnswer: SAH_SLICE_LABEL_SET.questions[0]!.itemAnswer,
};

describe('upgradeLabelSetShape', () => {
  it('turns the legacy built-in SAH set into today’s shape, its version 1, question id included', () => {
    // The legacy shape is version 1 of the set, before version 2 added the outline question.
    expect(upgradeLabelSetShape(structuredClone(LEGACY_SAH))).toEqual(PREVIOUS_BUILTIN_LABEL_SETS.find((set) => set.id === 'sah-slice' && set.version === 1));
  });

  it('gives any other legacy set one required question "main"; multi becomes multiple', () => {
    const legacy = { id: 'x', version: 3, name: { en: 'X', ja: 'エックス' }, target: 'image', choice: 'multi', classes };
    const upgraded = upgradeLabelSetShape(legacy);
    expect(upgraded).toEqual({
      id: 'x',
      version: 3,
      name: legacy.name,
      questions: [{ id: 'main', name: legacy.name, target: 'image', kind: 'multiple', classes, required: true }],
    });
    expect(validateLabelSet(legacy)).toEqual({ ok: true, value: upgraded });
  });

  it('upgrades a legacy region set, multi choice or not, to a valid single-choice region question', () => {
    const legacy = { id: 'outlines', version: 1, name: { en: 'Outlines', ja: '輪郭' }, target: 'region', choice: 'multi', classes };
    const result = validateLabelSet(legacy);
    expect(result.ok).toBe(true);
    expect(result.ok && result.value.questions[0]).toMatchObject({ target: 'region', kind: 'single' });
  });

  it('passes a current body, and anything that is not a legacy set, through unchanged', () => {
    expect(upgradeLabelSetShape(SAH_SLICE_LABEL_SET)).toBe(SAH_SLICE_LABEL_SET);
    for (const x of [null, 42, 'set', [], { id: 'x' }]) expect(upgradeLabelSetShape(x)).toBe(x);
  });

  it('an upgraded legacy body is still checked', () => {
    expect(validateLabelSet({ ...LEGACY_SAH, target: 'voxel' })).toEqual({
      ok: false,
      errors: ['questions[0].target: expected one of "series", "slice", "frame", "frameRange", "image", "slide", "region", got "voxel"'],
    });
  });
});

describe('legacyQuestionId', () => {
  it('names the built-in sets’ questions and "main" for the rest', () => {
    expect(['sah-slice', 'ich-subtype', 'mine'].map(legacyQuestionId)).toEqual(['sah', 'ich', 'main']);
  });
});
