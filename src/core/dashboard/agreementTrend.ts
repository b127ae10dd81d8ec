/**
 * The agreement report's weekly figures as chart series: every week any question has, in order,
 * and per question its headline value in each week (null where it has none or it is undefined,
 * which a line chart leaves as a gap rather than a zero).
 */
import type { AgreementReport } from '../agreement';

export interface TrendSeries {
  readonly questionId: string;
  readonly statistic: 'fleissKappa' | 'dice';
  readonly values: readonly (number | null)[];
}

export function agreementTrend(report: AgreementReport): { readonly weeks: readonly string[]; readonly series: readonly TrendSeries[] } {
  const weeks = [...new Set(report.questions.flatMap((question) => question.weeks.map((week) => week.week)))].sort();
  const series = report.questions.map((question) => {
    const byWeek = new Map(question.weeks.map((week) => [week.week, week.figure.value]));
    return { questionId: question.questionId, statistic: question.statistic, values: weeks.map((week) => byWeek.get(week) ?? null) };
  });
  return { weeks, series };
}
