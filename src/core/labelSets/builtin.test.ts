import { describe, expect, it } from 'vitest';
import { validateLabelSet } from '../validate';
import { BUILTIN_LABEL_SETS, ICH_SUBTYPE_LABEL_SET, SAH_SLICE_LABEL_SET } from './builtin';

describe('built-in label sets', () => {
  it.each(BUILTIN_LABEL_SETS.map((s) => [s.id, s] as const))('%s passes validation', (_id, set) => {
    expect(validateLabelSet(set)).toEqual({ ok: true, value: set });
  });

  it('have unique ids', () => {
    const ids = BUILTIN_LABEL_SETS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('SAH set: one required single-choice slice question, one key per class, present wins over uncertain over absent', () => {
    expect(SAH_SLICE_LABEL_SET).toMatchObject({ id: 'sah-slice', version: 1 });
    expect(SAH_SLICE_LABEL_SET.questions).toHaveLength(1);
    const [q] = SAH_SLICE_LABEL_SET.questions;
    expect(q).toMatchObject({ id: 'sah', target: 'slice', kind: 'single', required: true });
    expect(q!.classes.map((c) => [c.code, c.key])).toEqual([
      ['sah.present', '1'],
      ['sah.absent', '2'],
      ['sah.uncertain', '3'],
    ]);
    expect(q!.itemAnswer?.priority).toEqual(['sah.present', 'sah.uncertain', 'sah.absent']);
    expect(q!.classes[0]?.coding).toEqual({ scheme: 'SCT', code: '21454007', meaning: 'Subarachnoid intracranial hemorrhage' });
    expect(q!.classes.map((c) => c.name.ja)).toEqual(['くも膜下出血あり', 'くも膜下出血なし', '判定保留']);
  });

  it('ICH subtype set is multiple choice over slices, with "none" and the five compartments', () => {
    const [q] = ICH_SUBTYPE_LABEL_SET.questions;
    expect(q).toMatchObject({ id: 'ich', target: 'slice', kind: 'multiple', required: true });
    expect(q!.classes.map((c) => c.code)).toEqual([
      'ich.none',
      'ich.epidural',
      'ich.subdural',
      'ich.subarachnoid',
      'ich.intraparenchymal',
      'ich.intraventricular',
    ]);
  });
});
