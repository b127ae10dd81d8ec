import { describe, expect, it } from 'vitest';
import { GASTRIC_BIOPSY_LABEL_SET } from '../labelSets/builtin';
import { humanProvenance, labelRecord } from '../testing/records';
import * as agreement from './index';

describe('agreement index', () => {
  it('takes reader documents to a report through the public API alone', () => {
    const item = { itemId: 'slide-1', targetIds: ['slide-1'] };
    const documents = ['ann', 'bob'].map((readerId) => ({
      readerId,
      submittedAt: '2026-12-01T00:00:00.000Z',
      records: [labelRecord('slide-1', ['group.3'], humanProvenance(readerId, '2026-12-01T00:00:00.000Z'), 'group')],
    }));
    const readings = agreement.readingsOfItem(GASTRIC_BIOPSY_LABEL_SET, item, documents);
    const report = agreement.agreementReport(GASTRIC_BIOPSY_LABEL_SET, readings);
    expect(report.questions.map((q) => [q.questionId, q.secondary.figure.value])).toEqual([['group', 1]]);
    expect(report.questions[0]!.weeks.map((w) => w.week)).toEqual(['2026-W49']);
  });
});
