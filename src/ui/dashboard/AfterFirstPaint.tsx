/**
 * What reads every record, loaded once the dashboard's first data is drawn: work per question
 * (GET …/dashboard/questions) and the agreement trend (GET …/agreement's weekly figures).
 */
import { useMemo } from 'react';
import type { AgreementReport } from '../../core/agreement';
import type { DashboardQuestions } from '../../core/api';
import { agreementTrend } from '../../core/dashboard';
import { useT } from '../../i18n';
import { ErrorText } from '../common/ErrorText';
import { ChartCanvas } from './ChartCanvas';
import { SERIES_COLOURS, type ChartConfiguration } from './chartSetup';
import { fetchAgreement, fetchQuestionProgress } from './dashboardApi';
import { useLoaded } from './useLoaded';

export function QuestionProgressTable({ datasetId }: { readonly datasetId: string }) {
  const t = useT();
  const { value, error } = useLoaded<DashboardQuestions>(() => fetchQuestionProgress(datasetId), datasetId);
  return (
    <section aria-labelledby="dashboard-questions-title">
      <h2 id="dashboard-questions-title">{t('dashboard.questions')}</h2>
      <ErrorText error={error} />
      {value === null ? (
        !error && <p className="muted">{t('common.loading')}</p>
      ) : (
        <table className="dashboard-table" data-testid="dashboard-questions">
          <thead>
            <tr>
              <th scope="col">{t('dashboard.question')}</th>
              <th scope="col">{t('dashboard.targetsLabelled')}</th>
              <th scope="col">{t('dashboard.regionsDrawn')}</th>
            </tr>
          </thead>
          <tbody>
            {value.questions.map((question) => (
              <tr key={question.questionId} data-testid={`dashboard-question-${question.questionId}`}>
                <th scope="row">{question.questionId}</th>
                <td>{question.targetsLabelled}</td>
                <td>{question.regionsDrawn}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function AgreementTrend({ datasetId }: { readonly datasetId: string }) {
  const t = useT();
  const { value, error } = useLoaded<AgreementReport>(() => fetchAgreement(datasetId), datasetId);
  const trend = useMemo(() => (value ? agreementTrend(value) : null), [value]);
  const config = useMemo<ChartConfiguration<'line'> | null>(
    () =>
      trend && {
        type: 'line',
        data: {
          labels: [...trend.weeks],
          datasets: trend.series.map((series, i) => {
            const colour = SERIES_COLOURS[(i + 1) % SERIES_COLOURS.length];
            return { label: series.questionId, data: [...series.values], borderColor: colour, backgroundColor: colour, spanGaps: false };
          }),
        },
        options: { scales: { y: { min: -1, max: 1 } } },
      },
    [trend],
  );
  const value3 = (v: number | null) => (v === null ? t('dashboard.undefined') : v.toFixed(3));
  return (
    <section aria-labelledby="dashboard-agreement-title" data-testid="dashboard-agreement" data-ready={value !== null || error !== null ? 'true' : 'false'}>
      <h2 id="dashboard-agreement-title">{t('dashboard.agreement')}</h2>
      <ErrorText error={error} />
      {value === null && !error && <p className="muted">{t('common.loading')}</p>}
      {value && value.questions.length === 0 && <p className="empty">{t('dashboard.noAgreement')}</p>}
      {value && value.questions.length > 0 && config && (
        <>
          <ChartCanvas config={config} label={t('dashboard.agreement')} testId="dashboard-agreement-chart" />
          <table className="dashboard-table">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.question')}</th>
                <th scope="col">{t('dashboard.week')}</th>
                <th scope="col">{t('dashboard.statistic')}</th>
                <th scope="col">{t('dashboard.value')}</th>
                <th scope="col">{t('dashboard.units')}</th>
              </tr>
            </thead>
            <tbody>
              {value.questions.flatMap((question) =>
                question.weeks.map((week) => (
                  <tr key={`${question.questionId}/${week.week}`} data-testid={`dashboard-agreement-${question.questionId}-${week.week}`}>
                    <th scope="row">{question.questionId}</th>
                    <td>{week.week}</td>
                    <td>{week.statistic}</td>
                    <td>{value3(week.figure.value)}</td>
                    <td>{week.figure.n}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
