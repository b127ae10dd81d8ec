import { describe, expect, it } from 'vitest';
import { GASTRIC_BIOPSY_LABEL_SET, ICH_SUBTYPE_LABEL_SET, SAH_SLICE_LABEL_SET, UC_ENDOSCOPY_LABEL_SET } from '../labelSets/builtin';
import type { LabelSet } from '../labelSet';
import { cohenKappa } from './cohenKappa';
import { fleissKappa } from './fleissKappa';
import type { Reading, ReadingValue } from './readings';
import { agreementReport } from './report';
import { weightedKappa } from './weightedKappa';

const WEEK_48 = '2026-11-24T10:00:00.000Z';
const WEEK_49 = '2026-12-01T10:00:00.000Z';

function readings(questionId: string, byReader: Record<string, readonly (ReadingValue | null)[]>, at: (unit: number) => string = () => WEEK_49): Reading[] {
  return Object.entries(byReader).flatMap(([readerId, values]) =>
    values.flatMap((value, unit) => (value === null ? [] : [{ questionId, itemId: `item-${unit}`, targetKey: 's1', readerId, value, at: at(unit) }])),
  );
}

const cls = (code: string): ReadingValue => ({ kind: 'class', code });
const grade = (g: number): ReadingValue => ({ kind: 'grade', grade: g });
const only = (labelSet: LabelSet, id: string): LabelSet => ({ ...labelSet, questions: labelSet.questions.filter((q) => q.id === id) });

describe('agreementReport', () => {
  const SAH = only(SAH_SLICE_LABEL_SET, 'sah');
  const P = cls('sah.present');
  const A = cls('sah.absent');
  const sah = readings('sah', {
    ann: [P, P, A, A, P, A, P, A],
    bob: [P, A, A, A, P, A, P, P],
    cyd: [P, P, A, null, P, A, A, A],
  }, (unit) => (unit < 4 ? WEEK_48 : WEEK_49));

  it('gives a class question Fleiss\' kappa over fully read units, percent agreement over all, and Cohen\'s kappa per pair', () => {
    const report = agreementReport(SAH, sah);
    const [question] = report.questions;
    expect(question).toMatchObject({ questionId: 'sah', statistic: 'fleissKappa', readers: ['ann', 'bob', 'cyd'] });
    // Unit 3 lacks cyd: Fleiss over the other 7 units.
    const full = [0, 1, 2, 4, 5, 6, 7].map((u) => ['ann', 'bob', 'cyd'].map((r) => sah.find((x) => x.readerId === r && x.itemId === `item-${u}`)!.value));
    const expected = fleissKappa(full.map((row) => row.map((v) => (v.kind === 'class' ? v.code : null))));
    expect(question!.figure.n).toBe(7);
    expect(question!.figure.value).toBeCloseTo(expected.value!, 12);
    expect(question!.secondary.figure.n).toBe(8);
    const annBob = question!.pairs.find((p) => p.readers.join() === 'ann,bob')!;
    expect(annBob.statistic).toBe('cohenKappa');
    const pairs = [0, 1, 2, 3, 4, 5, 6, 7].map((u) => ['ann', 'bob'].map((r) => (sah.find((x) => x.readerId === r && x.itemId === `item-${u}`)!.value as { code: string }).code) as [string, string]);
    expect(annBob.figure.value).toBeCloseTo(cohenKappa(pairs).value!, 12);
    expect(question!.pairs).toHaveLength(3);
  });

  it('buckets units by the ISO week of their latest reading and bootstraps every figure reproducibly', () => {
    const report = agreementReport(SAH, sah, { seed: 5 });
    expect(report.questions[0]!.weeks.map((w) => [w.week, w.secondary.figure.n])).toEqual([['2026-W48', 4], ['2026-W49', 4]]);
    expect(agreementReport(SAH, sah, { seed: 5 })).toEqual(report);
    const { figure } = report.questions[0]!;
    expect(figure.ci!.lower).toBeLessThanOrEqual(figure.value!);
    expect(figure.ci!.upper).toBeGreaterThanOrEqual(figure.value!);
  });

  it('uses weighted kappa per pair for grades (quadratic unless asked)', () => {
    const mayo = readings('mayo', { ann: [0, 1, 2, 3, 2, 1].map(grade), bob: [0, 2, 2, 3, 1, 1].map(grade) });
    const set = only(UC_ENDOSCOPY_LABEL_SET, 'mayo');
    const pairs = [[0, 0], [1, 2], [2, 2], [3, 3], [2, 1], [1, 1]] as const;
    const [quadratic] = agreementReport(set, mayo).questions[0]!.pairs;
    expect(quadratic!.statistic).toBe('weightedKappa');
    expect(quadratic!.figure.value).toBeCloseTo(weightedKappa([0, 1, 2, 3], 'quadratic')(pairs).value!, 12);
    const [linear] = agreementReport(set, mayo, { weights: 'linear' }).questions[0]!.pairs;
    expect(linear!.figure.value).toBeCloseTo(weightedKappa([0, 1, 2, 3], 'linear')(pairs).value!, 12);
  });

  it('judges a multiple-answer question class by class', () => {
    const set = only(ICH_SUBTYPE_LABEL_SET, 'ich');
    const ich = readings('ich', {
      ann: [{ kind: 'classes', codes: ['ich.subdural'] }, { kind: 'classes', codes: ['ich.epidural', 'ich.subdural'] }],
      bob: [{ kind: 'classes', codes: ['ich.subdural'] }, { kind: 'classes', codes: ['ich.subdural'] }],
    });
    const [question] = agreementReport(set, ich).questions;
    // 6 classes × 2 units = 12 present/absent rows; they differ on one (epidural, unit 2).
    expect(question!.secondary.figure).toMatchObject({ n: 2, value: 11 / 12 });
  });

  it('scores regions by mean pairwise Dice and IoU, per pair and for the dataset, with categorical questions alongside', () => {
    const square = (x: number): ReadingValue => ({ kind: 'outline', polygons: [{ points: [[x, 0], [x + 10, 0], [x + 10, 10], [x, 10]] }] });
    const lesion: Reading[] = [
      ...readings('lesion', { ann: [square(0), square(0), { kind: 'empty' }], bob: [square(0), square(5), square(0)] }),
      ...readings('group', { ann: [grade(1), grade(3)], bob: [grade(1), grade(4)] }),
    ];
    const report = agreementReport(GASTRIC_BIOPSY_LABEL_SET, lesion);
    const region = report.questions.find((q) => q.questionId === 'lesion')!;
    expect(region.statistic).toBe('dice');
    expect(region.figure).toMatchObject({ n: 3, value: (1 + 0.5 + 0) / 3 });
    expect(region.secondary).toMatchObject({ statistic: 'iou', figure: { value: (1 + 1 / 3 + 0) / 3 } });
    expect(region.pairs).toMatchObject([{ readers: ['ann', 'bob'], statistic: 'dice', figure: { n: 3 } }]);
    expect(report.dataset.dice.value).toBeCloseTo(0.5, 12);
    expect(report.dataset.percentAgreement).toMatchObject({ n: 2, value: 0.5 });
  });

  it('gives null with a reason, never NaN, when readers agree on one class throughout or nothing was read', () => {
    const same = readings('sah', { ann: [cls('sah.absent'), cls('sah.absent')], bob: [cls('sah.absent'), cls('sah.absent')] });
    const [question] = agreementReport(SAH, same).questions;
    expect(question!.figure).toMatchObject({ value: null, ci: null, reason: expect.stringMatching(/chance agreement is 1/) });
    expect(question!.secondary.figure.value).toBe(1);
    const empty = agreementReport(SAH, []);
    expect(empty.questions).toEqual([]);
    expect(empty.dataset.percentAgreement).toMatchObject({ n: 0, value: null, ci: null });
    expect(empty.dataset.dice.value).toBeNull();
  });
});
