import { useT } from '../../i18n';
import { ErrorText } from '../common/ErrorText';
import { DatasetSelect, useChosenDataset } from './DatasetSelect';
import { DeidPolicyForm } from './DeidPolicyForm';
import { DeidReportsTable } from './DeidReportsTable';
import { useDeidPolicy } from './useDeidPolicy';

/** A chosen dataset's de-identification policy (set here; uploads apply it) and the reports of the files it was applied to. */
export function DeidPolicyPanel() {
  const t = useT();
  const [datasetId, setDatasetId] = useChosenDataset();
  const { policy, reports, error, saved } = useDeidPolicy(datasetId);
  return (
    <section className="card" aria-labelledby="deid-admin-title" data-testid="admin-deid" data-ready={policy ? 'true' : 'false'}>
      <h2 id="deid-admin-title">{t('deidAdmin.title')}</h2>
      <p className="muted">{t('deidAdmin.intro')}</p>
      <div className="form inline-form">
        <DatasetSelect testId="deid-dataset" value={datasetId} onChange={setDatasetId} />
      </div>
      <ErrorText error={error} testId="deid-load-error" />
      {policy ? (
        <>
          <DeidPolicyForm key={datasetId} datasetId={datasetId} policy={policy} onSaved={saved} />
          <h3>{t('deidAdmin.reports')}</h3>
          <DeidReportsTable key={`reports-${datasetId}`} reports={reports} />
        </>
      ) : (
        !error && datasetId && <p className="muted">{t('deidAdmin.loading')}</p>
      )}
    </section>
  );
}
