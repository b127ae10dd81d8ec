import { useMemo } from 'react';
import type { AssignmentState, DashboardReader } from '../../core/api';
import { ASSIGNMENT_STATES } from '../../core/dashboard';
import { useT } from '../../i18n';
import { ChartCanvas } from './ChartCanvas';
import { SERIES_COLOURS, type ChartConfiguration } from './chartSetup';

/** Each reader's assignments as one stacked bar by workflow state, and the same figures as a table. */
export function ReaderProgress({ readers }: { readonly readers: readonly DashboardReader[] }) {
  const t = useT();
  const stateName = (state: AssignmentState) => t(`dashboard.state.${state}`);
  const config = useMemo<ChartConfiguration<'bar'>>(
    () => ({
      type: 'bar',
      data: {
        labels: readers.map((reader) => reader.displayName),
        datasets: ASSIGNMENT_STATES.map((state, i) => ({ label: stateName(state), data: readers.map((reader) => reader[state]), backgroundColor: SERIES_COLOURS[i] })),
      },
      options: { indexAxis: 'y', scales: { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true } } },
    }),
    // stateName follows the language, which `t` stands for.
    [readers, t],
  );
  return (
    <section aria-labelledby="dashboard-readers-title">
      <h2 id="dashboard-readers-title">{t('dashboard.readers')}</h2>
      {readers.length === 0 ? (
        <p className="empty">{t('dashboard.noReaders')}</p>
      ) : (
        <>
          <ChartCanvas config={config} label={t('dashboard.readers')} testId="dashboard-readers-chart" />
          <table className="dashboard-table" data-testid="dashboard-readers">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.reader')}</th>
                {ASSIGNMENT_STATES.map((state) => (
                  <th key={state} scope="col">
                    {stateName(state)}
                  </th>
                ))}
                <th scope="col">{t('dashboard.overdue')}</th>
              </tr>
            </thead>
            <tbody>
              {readers.map((reader) => (
                <tr key={reader.userId} data-testid={`dashboard-reader-${reader.userId}`}>
                  <th scope="row">{reader.displayName}</th>
                  {ASSIGNMENT_STATES.map((state) => (
                    <td key={state} data-state={state}>
                      {reader[state]}
                    </td>
                  ))}
                  <td data-state="overdue">{reader.overdue}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
