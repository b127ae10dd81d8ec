import { useState } from 'react';
import type { LabelSetMigrationRun, MigrationPlanAnswer } from '../../../core/api';
import type { LabelSet } from '../../../core/labelSet';
import type { LabelSetMapping } from '../../../core/labelSets/migrationPlan';
import { useLanguage, useT } from '../../../i18n';
import { appServices, useAppStore } from '../../../store';
import { ErrorText } from '../../common/ErrorText';
import { useAdminAction } from '../useAdminAction';
import { MigrationMappingTable } from './MigrationMappingTable';

/**
 * Moving a dataset to a newer version of its label set: pick the dataset and version, see the
 * proposed mapping with the planner's counts per class, change where classes go (merge, send to
 * review), apply, and undo the last run while no release has been made since.
 */
export function LabelSetMigrationPanel({ labelSets }: { readonly labelSets: readonly LabelSet[] }) {
  const t = useT();
  const [language] = useLanguage();
  const datasets = useAppStore((state) => state.datasets) ?? [];
  const loadDatasets = useAppStore((state) => state.loadDatasets);
  const [datasetId, setDatasetId] = useState('');
  const [toVersion, setToVersion] = useState<number | null>(null);
  const [answer, setAnswer] = useState<MigrationPlanAnswer | null>(null);
  const [last, setLast] = useState<LabelSetMigrationRun | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, error, run } = useAdminAction();
  const api = () => appServices().api;

  const dataset = datasets.find((d) => d.id === datasetId);
  const versionOf = (version: number | null) => labelSets.find((s) => s.id === dataset?.labelSetId && s.version === version);
  const from = versionOf(dataset?.labelSetVersion ?? null);
  const to = versionOf(toVersion);
  const newer = labelSets.filter((s) => dataset && s.id === dataset.labelSetId && s.version > dataset.labelSetVersion).map((s) => s.version);

  function chooseDataset(id: string): void {
    setDatasetId(id);
    setAnswer(null);
    setNotice(null);
    setLast(null);
    const chosen = datasets.find((d) => d.id === id);
    const versions = labelSets.filter((s) => chosen && s.id === chosen.labelSetId && s.version > chosen.labelSetVersion).map((s) => s.version);
    setToVersion(versions.length > 0 ? Math.max(...versions) : null);
    if (id) void run(async () => setLast((await api().labelSetMigrationStatus(id)).last));
  }

  const preview = (mapping?: LabelSetMapping) =>
    run(async () => {
      if (toVersion === null) return;
      setAnswer(await api().planLabelSetMigration(datasetId, toVersion, mapping));
    });

  const apply = () =>
    run(async () => {
      if (!answer || toVersion === null) return;
      const applied = await api().applyLabelSetMigration(datasetId, toVersion, answer.mapping);
      setLast(applied);
      setAnswer(null);
      setNotice(t('labelSetMigration.applied', { version: applied.toVersion, rewritten: applied.recordsRewritten, review: applied.recordsForReview }));
      await loadDatasets();
    });

  const undo = () =>
    run(async () => {
      const undone = await api().undoLabelSetMigration(datasetId);
      setNotice(t('labelSetMigration.undone', { version: undone.labelSetVersion, restored: undone.recordsRestored }));
      setLast((await api().labelSetMigrationStatus(datasetId)).last);
      await loadDatasets();
    });

  return (
    <section className="card" aria-labelledby="label-set-migration-title" data-testid="label-set-migration">
      <h2 id="label-set-migration-title">{t('labelSetMigration.title')}</h2>
      <p className="muted">{t('labelSetMigration.intro')}</p>
      <div className="form inline-form">
        <label>
          {t('labelSetMigration.dataset')}
          <select data-testid="migration-dataset" value={datasetId} onChange={(e) => chooseDataset(e.target.value)}>
            <option value="">{t('labelSetMigration.chooseDataset')}</option>
            {datasets.map((d) => (
              <option key={d.id} value={d.id}>
                {t('labelSetMigration.datasetOption', { name: d.name, labelSet: d.labelSetId, version: d.labelSetVersion })}
              </option>
            ))}
          </select>
        </label>
        {dataset && newer.length > 0 && (
          <label>
            {t('labelSetMigration.toVersion')}
            <select
              data-testid="migration-version"
              value={toVersion ?? ''}
              onChange={(e) => {
                setToVersion(Number(e.target.value));
                setAnswer(null);
              }}
            >
              {newer.map((version) => (
                <option key={version} value={version}>
                  v{version}
                </option>
              ))}
            </select>
          </label>
        )}
        {dataset && newer.length > 0 && (
          <button type="button" data-testid="migration-preview" disabled={busy} onClick={() => void preview()}>
            {t('labelSetMigration.preview')}
          </button>
        )}
      </div>
      {dataset && newer.length === 0 && <p className="muted">{t('labelSetMigration.noNewer')}</p>}
      {answer && from && to && (
        <>
          <MigrationMappingTable from={from} to={to} answer={answer} language={language} disabled={busy} onChange={(mapping) => void preview(mapping)} />
          {answer.plan && (
            <p data-testid="migration-summary">{t('labelSetMigration.summary', { rewritten: answer.plan.recordsRewritten, review: answer.plan.recordsForReview })}</p>
          )}
          {answer.refusals.length > 0 && (
            <div role="alert" className="error" data-testid="migration-refusals">
              <p>{t('labelSetMigration.refused')}</p>
              <ul>
                {answer.refusals.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            </div>
          )}
          <button type="button" data-testid="migration-apply" disabled={busy || answer.plan === null} onClick={() => void apply()}>
            {t('labelSetMigration.apply')}
          </button>
        </>
      )}
      {notice && (
        <p role="status" data-testid="migration-notice">
          {notice}
        </p>
      )}
      {last && (
        <p data-testid="migration-last">
          {t('labelSetMigration.last', { from: last.fromVersion, to: last.toVersion, at: new Date(last.appliedAt).toLocaleString(language), undone: last.undoneAt ? t('labelSetMigration.lastUndone') : '' })}{' '}
          {last.undoable ? (
            <button type="button" data-testid="migration-undo" disabled={busy} onClick={() => void undo()}>
              {t('labelSetMigration.undo')}
            </button>
          ) : (
            <span className="muted">{t('labelSetMigration.notUndoable')}</span>
          )}
        </p>
      )}
      <ErrorText error={error} testId="migration-error" />
    </section>
  );
}
