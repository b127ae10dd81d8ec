/**
 * A dataset's WG dashboard. First paint waits only on GET …/dashboard (aggregates over
 * assignments and the audit log); what reads records (per-question work, agreement) loads after.
 * `dashboard-ready` appears once the first charts are drawn: effects of the charts run before
 * this page's, so its effect sees them made.
 */
import { useEffect, useState } from 'react';
import type { DatasetDashboard } from '../../core/api';
import { useT } from '../../i18n';
import { useAppStore } from '../../store';
import { ErrorText } from '../common/ErrorText';
import { Link } from '../Link';
import { paths } from '../router';
import { AgreementTrend, QuestionProgressTable } from './AfterFirstPaint';
import { Backlog } from './Backlog';
import { fetchDashboard } from './dashboardApi';
import { HeadlineTiles } from './HeadlineTiles';
import { ReaderProgress } from './ReaderProgress';
import { Throughput } from './Throughput';
import { useLoaded } from './useLoaded';
import './dashboard.css';

export function DashboardPage({ datasetId }: { readonly datasetId: string }) {
  const t = useT();
  const dataset = useAppStore((state) => state.datasets?.find((d) => d.id === datasetId));
  const hasDatasets = useAppStore((state) => state.datasets !== null);
  const loadDatasets = useAppStore((state) => state.loadDatasets);
  const { value: dashboard, error } = useLoaded(() => fetchDashboard(datasetId), datasetId);

  useEffect(() => {
    if (!hasDatasets) void loadDatasets();
  }, [hasDatasets, loadDatasets]);

  const name = dataset?.name ?? datasetId;
  const blinded = error?.kind === 'http' && error.code === 'reader_blinded';
  return (
    <main className="page dashboard-page" data-testid="dashboard" data-ready={dashboard ? 'true' : 'false'}>
      <nav className="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
        <Link href={paths.datasets()}>{t('datasets.title')}</Link>
        <span aria-hidden="true"> / </span>
        <Link href={paths.dataset(datasetId)}>{name}</Link>
      </nav>
      <h1>{t('dashboard.title', { name })}</h1>
      {blinded ? <p className="error" role="alert" data-testid="dashboard-blinded">{t('dashboard.blinded')}</p> : <ErrorText error={error} testId="dashboard-error" />}
      {!dashboard && !error && <p className="muted">{t('common.loading')}</p>}
      {dashboard && <DashboardView datasetId={datasetId} dashboard={dashboard} />}
    </main>
  );
}

function DashboardView({ datasetId, dashboard }: { readonly datasetId: string; readonly dashboard: DatasetDashboard }) {
  const t = useT();
  const [drawn, setDrawn] = useState(false);
  useEffect(() => setDrawn(true), []);
  return (
    <>
      {drawn && <span hidden data-testid="dashboard-ready" />}
      <HeadlineTiles dashboard={dashboard} />
      <section aria-labelledby="dashboard-kinds-title">
        <h2 id="dashboard-kinds-title">{t('dashboard.kinds')}</h2>
        <table className="dashboard-table" data-testid="dashboard-kinds">
          <thead>
            <tr>
              <th scope="col">{t('dashboard.kind')}</th>
              <th scope="col">{t('dashboard.tile.items')}</th>
              <th scope="col">{t('dashboard.state.submitted')}</th>
              <th scope="col">{t('dashboard.state.approved')}</th>
            </tr>
          </thead>
          <tbody>
            {dashboard.byKind.map((kind) => (
              <tr key={kind.kind}>
                <th scope="row">{kind.kind}</th>
                <td>{kind.items}</td>
                <td>{kind.assignments.submitted}</td>
                <td>{kind.assignments.approved}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <div className="dashboard-grid">
        <ReaderProgress readers={dashboard.readers} />
        <Throughput days={dashboard.throughput} />
        <Backlog backlog={dashboard.backlog} />
        {drawn && <AgreementTrend datasetId={datasetId} />}
        {drawn && <QuestionProgressTable datasetId={datasetId} />}
      </div>
    </>
  );
}
