import { useMemo } from 'react';
import type { BacklogAge } from '../../core/api';
import { useT } from '../../i18n';
import { ChartCanvas } from './ChartCanvas';
import { SERIES_COLOURS, type ChartConfiguration } from './chartSetup';

const BUCKETS = ['underOneDay', 'oneToThreeDays', 'threeToSevenDays', 'overSevenDays'] as const;

/** Submitted work waiting for review, in age buckets, with the oldest and median wait. */
export function Backlog({ backlog }: { readonly backlog: BacklogAge }) {
  const t = useT();
  const config = useMemo<ChartConfiguration<'bar'>>(
    () => ({
      type: 'bar',
      data: {
        labels: BUCKETS.map((bucket) => t(`dashboard.age.${bucket}`)),
        datasets: [{ label: t('dashboard.count'), data: BUCKETS.map((bucket) => backlog.buckets[bucket]), backgroundColor: SERIES_COLOURS[2] }],
      },
      options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    }),
    [backlog, t],
  );
  const days = (value: number | null) => (value === null ? '–' : value.toFixed(1));
  return (
    <section aria-labelledby="dashboard-backlog-title">
      <h2 id="dashboard-backlog-title">{t('dashboard.backlog')}</h2>
      <p data-testid="dashboard-backlog-summary">
        {backlog.waiting === 0 ? t('dashboard.backlog.none') : t('dashboard.backlog.summary', { waiting: backlog.waiting, oldest: days(backlog.oldestDays), median: days(backlog.medianDays) })}
      </p>
      <ChartCanvas config={config} label={t('dashboard.backlog')} testId="dashboard-backlog-chart" />
      <table className="dashboard-table" data-testid="dashboard-backlog">
        <thead>
          <tr>
            <th scope="col">{t('dashboard.age')}</th>
            <th scope="col">{t('dashboard.count')}</th>
          </tr>
        </thead>
        <tbody>
          {BUCKETS.map((bucket) => (
            <tr key={bucket} data-bucket={bucket}>
              <th scope="row">{t(`dashboard.age.${bucket}`)}</th>
              <td>{backlog.buckets[bucket]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
