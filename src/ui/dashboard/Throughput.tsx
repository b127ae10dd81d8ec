import { useMemo } from 'react';
import type { ThroughputDay } from '../../core/api';
import { useT } from '../../i18n';
import { ChartCanvas } from './ChartCanvas';
import { SERIES_COLOURS, type ChartConfiguration } from './chartSetup';

const SERIES = [
  ['submits', 'dashboard.submits', SERIES_COLOURS[2]],
  ['approvals', 'dashboard.approvals', SERIES_COLOURS[4]],
  ['returns', 'dashboard.returns', SERIES_COLOURS[3]],
] as const;

/** Submits, approvals and returns per day as lines; the table lists only the days with any. */
export function Throughput({ days }: { readonly days: readonly ThroughputDay[] }) {
  const t = useT();
  const config = useMemo<ChartConfiguration<'line'>>(
    () => ({
      type: 'line',
      data: {
        labels: days.map((day) => day.day.slice(5)),
        datasets: SERIES.map(([field, key, colour]) => ({ label: t(key), data: days.map((day) => day[field]), borderColor: colour, backgroundColor: colour, tension: 0.2 })),
      },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    }),
    [days, t],
  );
  const active = days.filter((day) => day.submits + day.approvals + day.returns > 0);
  return (
    <section aria-labelledby="dashboard-throughput-title">
      <h2 id="dashboard-throughput-title">{t('dashboard.throughput', { days: days.length })}</h2>
      <ChartCanvas config={config} label={t('dashboard.throughput', { days: days.length })} testId="dashboard-throughput-chart" />
      <table className="dashboard-table" data-testid="dashboard-throughput">
        <thead>
          <tr>
            <th scope="col">{t('dashboard.day')}</th>
            {SERIES.map(([field, key]) => (
              <th key={field} scope="col">
                {t(key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {active.map((day) => (
            <tr key={day.day} data-testid={`dashboard-day-${day.day}`}>
              <th scope="row">{day.day}</th>
              {SERIES.map(([field]) => (
                <td key={field} data-series={field}>
                  {day[field]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
