import { describe, expect, it } from 'vitest';
import type { LabelSet } from '../labelSet';
import { FUNDUS_GRADING_LABEL_SET } from './builtin';
import { inverseMapping, planMigration, proposeMapping, type ClassCount } from './migrationPlan';

/** Version 1 of a two-question fundus set, and version 2 with glaucoma's "Yes" renamed, DR 1 and 2 merged, and AMD removed. */
const V1: LabelSet = {
  id: 'fundus-pair',
  version: 1,
  name: { en: 'Fundus', ja: '眼底' },
  questions: [
    {
      id: 'dr',
      name: { en: 'DR', ja: '網膜症' },
      target: 'image',
      kind: 'grade',
      required: true,
      classes: [
        { code: 'dr.0', name: { en: 'None', ja: 'なし' }, color: '#2ca02c', key: '0' },
        { code: 'dr.1', name: { en: 'Mild', ja: '軽症' }, color: '#bcbd22', key: '1' },
        { code: 'dr.2', name: { en: 'Moderate', ja: '中等症' }, color: '#ff7f0e', key: '2' },
        { code: 'dr.3', name: { en: 'Severe', ja: '重症' }, color: '#d62728', key: '3', coding: { scheme: 'SCT', code: '1', meaning: 'x' } },
      ],
    },
    FUNDUS_GRADING_LABEL_SET.questions[3]!,
    FUNDUS_GRADING_LABEL_SET.questions[4]!,
  ],
};

const V2: LabelSet = {
  ...V1,
  version: 2,
  questions: [
    {
      ...V1.questions[0]!,
      classes: [
        V1.questions[0]!.classes[0]!,
        { code: 'dr.mild-moderate', name: { en: 'Mild or moderate', ja: '軽症・中等症' }, color: '#ff7f0e', key: '1' },
        { code: 'dr.severe', name: { en: 'Severe', ja: '重症' }, color: '#d62728', key: '2', coding: { scheme: 'SCT', code: '1', meaning: 'x' } },
      ],
    },
    {
      ...V1.questions[1]!,
      classes: V1.questions[1]!.classes.map((c) => (c.code === 'glaucoma.positive' ? { ...c, name: { en: 'Suspect', ja: '疑い' } } : c)),
    },
  ],
};

const COUNTS: readonly ClassCount[] = [
  { questionId: 'dr', classCode: 'dr.0', records: 40 },
  { questionId: 'dr', classCode: 'dr.1', records: 7 },
  { questionId: 'dr', classCode: 'dr.2', records: 5 },
  { questionId: 'dr', classCode: 'dr.3', records: 2 },
  { questionId: 'glaucoma', classCode: 'glaucoma.positive', records: 3 },
  { questionId: 'amd', classCode: 'amd.1', records: 4 },
];

describe('label set migration plans', () => {
  it('proposes questions by id and classes by code, then by standard code; the rest to review', () => {
    expect(proposeMapping(V1, V2)).toEqual({
      dr: { to: 'dr', classes: { 'dr.0': 'dr.0', 'dr.1': null, 'dr.2': null, 'dr.3': 'dr.severe' } },
      glaucoma: { to: 'glaucoma', classes: { 'glaucoma.negative': 'glaucoma.negative', 'glaucoma.positive': 'glaucoma.positive' } },
    });
  });

  it('refuses a mapping that would drop records of a removed question, naming the question and the count', () => {
    const plan = planMigration(V1, V2, proposeMapping(V1, V2), COUNTS);
    expect(plan).toEqual({ ok: false, errors: ['4 records of question "amd" would be dropped: map the question to one of version 2'] });
  });

  it('refuses a class left out of the mapping, a class or question that does not exist, and two questions onto one', () => {
    const mapping = {
      dr: { to: 'dr', classes: { 'dr.0': 'dr.0', 'dr.2': 'dr.two', 'dr.3': 'dr.severe' } },
      glaucoma: { to: 'dr', classes: {} },
      amd: { to: 'gone', classes: {} },
    };
    const plan = planMigration(V1, V2, mapping, COUNTS);
    expect(plan.ok ? [] : plan.errors).toEqual([
      'class "dr.two" is not in question "dr" of version 2',
      'questions "dr" and "glaucoma" both go to "dr": one target would carry two answers',
      'question "gone" is not in fundus-pair version 2',
      '7 records of class "dr.1" (question "dr") would be dropped: map the class or send its records to review',
      '3 records of class "glaucoma.positive" (question "glaucoma") would be dropped: map the class or send its records to review',
      '4 records of class "amd.1" (question "amd") would be dropped: map the class or send its records to review',
    ]);
  });

  it('counts the records of each change: renamed classes follow by code, merged ones are mapped, removed ones go to review', () => {
    const mapping = {
      dr: { to: 'dr', classes: { 'dr.0': 'dr.0', 'dr.1': 'dr.mild-moderate', 'dr.2': 'dr.mild-moderate', 'dr.3': 'dr.severe' } },
      glaucoma: { to: 'glaucoma', classes: { 'glaucoma.negative': 'glaucoma.negative', 'glaucoma.positive': 'glaucoma.positive' } },
      amd: { to: 'glaucoma', classes: { 'amd.1': null } },
    };
    const withAmdTarget = planMigration(V1, V2, mapping, COUNTS);
    expect(withAmdTarget.ok ? [] : withAmdTarget.errors).toEqual(['questions "glaucoma" and "amd" both go to "glaucoma": one target would carry two answers']);

    const v2WithAmd: LabelSet = { ...V2, questions: [...V2.questions, { ...V1.questions[2]!, id: 'amd-stage' }] };
    const plan = planMigration(V1, v2WithAmd, { ...mapping, amd: { to: 'amd-stage', classes: { 'amd.1': null } } }, COUNTS);
    expect(plan.ok && plan.value.changes.map((c) => `${c.kind} ${c.records} ${c.questionId}:${c.fromCode} → ${c.toQuestionId}:${c.toCode}`)).toEqual([
      'same 40 dr:dr.0 → dr:dr.0',
      'merged 7 dr:dr.1 → dr:dr.mild-moderate',
      'merged 5 dr:dr.2 → dr:dr.mild-moderate',
      'recoded 2 dr:dr.3 → dr:dr.severe',
      'same 3 glaucoma:glaucoma.positive → glaucoma:glaucoma.positive',
      'review 4 amd:amd.1 → amd-stage:null',
    ]);
    expect(plan.ok && [plan.value.recordsRewritten, plan.value.recordsForReview]).toEqual([14, 4]);
  });

  it('refuses moving answers to a question asked of another kind of target', () => {
    const perSlice: LabelSet = { ...V2, questions: [{ ...V2.questions[0]!, target: 'slice' }] };
    const recode = { dr: { to: 'dr', classes: { 'dr.0': 'dr.0' } } };
    expect(planMigration(V1, perSlice, recode, [])).toEqual({ ok: false, errors: ['question "dr" is answered per image but "dr" per slice'] });
  });

  it('inverts a mapping of renames and recodes; merges cannot be undone by codes alone', () => {
    const recode = { dr: { to: 'dr', classes: { 'dr.0': 'dr.0', 'dr.3': 'dr.severe' } } };
    expect(inverseMapping(recode)).toEqual({ dr: { to: 'dr', classes: { 'dr.0': 'dr.0', 'dr.severe': 'dr.3' } } });
    expect(inverseMapping({ dr: { to: 'dr', classes: { 'dr.1': 'dr.mild-moderate', 'dr.2': 'dr.mild-moderate' } } })).toBeNull();
    expect(inverseMapping({ dr: { to: 'dr', classes: { 'dr.1': null } } })).toBeNull();
  });
});
