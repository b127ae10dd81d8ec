import { describe, expect, it } from 'vitest';
import type { AgreementReport, QuestionAgreement, WeekFigures } from '../agreement';
import { agreementTrend } from './agreementTrend';

const figure = (value: number | null) => (value === null ? { n: 0, value: null, reason: 'no units', ci: null } : { n: 4, value, ci: null });
const week = (name: string, value: number | null): WeekFigures => ({ week: name, statistic: 'fleissKappa', figure: figure(value), secondary: { statistic: 'percentAgreement', figure: figure(value) } });
const question = (questionId: string, weeks: WeekFigures[]): QuestionAgreement => ({
  questionId,
  kind: 'single',
  target: 'slice',
  readers: ['a', 'b'],
  pairs: [],
  statistic: 'fleissKappa',
  figure: figure(0.5),
  secondary: { statistic: 'percentAgreement', figure: figure(0.5) },
  weeks,
});

describe('agreementTrend', () => {
  it('aligns every question on the union of weeks, gaps as null', () => {
    const report: AgreementReport = {
      dataset: { percentAgreement: figure(0.5), dice: figure(null) },
      questions: [question('sah', [week('2026-W49', 0.6), week('2026-W48', 0.4)]), question('grade', [week('2026-W50', null)])],
    };
    expect(agreementTrend(report)).toEqual({
      weeks: ['2026-W48', '2026-W49', '2026-W50'],
      series: [
        { questionId: 'sah', statistic: 'fleissKappa', values: [0.4, 0.6, null] },
        { questionId: 'grade', statistic: 'fleissKappa', values: [null, null, null] },
      ],
    });
  });
});
