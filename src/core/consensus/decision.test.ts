import { describe, expect, it } from 'vitest';
import type { DifferingUnit } from '../agreement';
import { GASTRIC_BIOPSY_LABEL_SET, ICH_SUBTYPE_LABEL_SET, SAH_SLICE_LABEL_SET } from '../labelSets/builtin';
import { decisionProblem } from './decision';

const unit = (questionId: string, targetKey = 's1'): DifferingUnit => ({
  questionId,
  itemId: 'ct-1',
  targetKey,
  answers: [
    { readerId: 'ann', value: null },
    { readerId: 'bob', value: { kind: 'class', code: 'sah.present' } },
  ],
});

describe('decisionProblem', () => {
  it('accepts a pick of one of the unit’s readers and refuses anyone else', () => {
    expect(decisionProblem(SAH_SLICE_LABEL_SET, unit('sah'), { pick: 'ann' })).toBeNull();
    expect(decisionProblem(SAH_SLICE_LABEL_SET, unit('sah'), { pick: 'zed' })).toMatch(/not one of the readers/);
  });

  it('checks an edit against the question: known classes, one for a single answer, at least one for several', () => {
    expect(decisionProblem(SAH_SLICE_LABEL_SET, unit('sah'), { edit: { classCodes: ['sah.absent'] } })).toBeNull();
    expect(decisionProblem(SAH_SLICE_LABEL_SET, unit('sah'), { edit: { classCodes: ['sah.present', 'sah.absent'] } })).toMatch(/exactly one/);
    expect(decisionProblem(SAH_SLICE_LABEL_SET, unit('sah'), { edit: { classCodes: ['nope'] } })).toMatch(/nope is not a class/);
    const ich = ICH_SUBTYPE_LABEL_SET.questions[0]!;
    const codes = ich.classes.map((c) => c.code);
    expect(decisionProblem(ICH_SUBTYPE_LABEL_SET, unit(ich.id), { edit: { classCodes: codes.slice(0, 2) } })).toBeNull();
    expect(decisionProblem(ICH_SUBTYPE_LABEL_SET, unit(ich.id), { edit: { classCodes: [] } })).toMatch(/at least one/);
    expect(decisionProblem(ICH_SUBTYPE_LABEL_SET, unit(ich.id), { edit: { classCodes: [codes[0]!, codes[0]!] } })).toMatch(/once/);
  });

  it('refuses an edit of a region and of an unknown question', () => {
    expect(decisionProblem(GASTRIC_BIOPSY_LABEL_SET, unit('lesion', 'slide-1/lesion.carcinoma'), { edit: { classCodes: ['lesion.carcinoma'] } })).toMatch(/region/);
    expect(decisionProblem(SAH_SLICE_LABEL_SET, unit('other'), { edit: { classCodes: [] } })).toMatch(/no question other/);
  });
});
