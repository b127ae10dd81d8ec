import { useCallback, useEffect, useState } from 'react';
import type { ModelStats, ModelSummary } from '../../core/models/registryApi';
import { proposalRates } from '../../core/models/proposalRates';
import { useT } from '../../i18n';
import { fetchModelList } from '../../inference/modelList';
import { toAppError, type AppError } from '../../store/loadError';
import { ErrorText } from '../common/ErrorText';
import { adminTransport, deleteUploadedModel, fetchModelStats, setModelEnabled } from './modelAdminApi';
import { ModelUploadForm } from './ModelUploadForm';
import { useAdminAction } from './useAdminAction';

/**
 * The model registry for admins: every model's newest version with what a reader needs to trust
 * it (task, licence, source, evaluation), whether annotators may run it, how its proposals fared
 * (acceptance and edit rates), and the form that adds an admin's own model.
 */
export function ModelsPanel() {
  const t = useT();
  const [models, setModels] = useState<readonly ModelSummary[] | null>(null);
  const [stats, setStats] = useState<Readonly<Record<string, ModelStats | 'unavailable'>>>({});
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const action = useAdminAction();

  const reload = useCallback(async () => {
    const transport = adminTransport();
    try {
      const listed = await fetchModelList(transport);
      setModels(listed);
      setLoadError(null);
      const entries = await Promise.all(
        listed.map(async ({ manifest }) => [manifest.id, await fetchModelStats(transport, manifest.id).catch(() => 'unavailable' as const)] as const),
      );
      setStats(Object.fromEntries(entries));
    } catch (caught) {
      setLoadError(toAppError(caught));
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const toggle = (model: ModelSummary) =>
    action.run(async () => {
      await setModelEnabled(adminTransport(), model.manifest.id, model.manifest.version, !model.enabled);
      await reload();
    });
  const remove = (model: ModelSummary) => {
    if (!window.confirm(t('models.delete.confirm', { name: model.manifest.name, version: model.manifest.version }))) return;
    void action.run(async () => {
      await deleteUploadedModel(adminTransport(), model.manifest.id, model.manifest.version);
      await reload();
    });
  };

  return (
    <section className="card" aria-labelledby="models-title" data-testid="admin-models" data-ready={models ? 'true' : 'false'}>
      <h2 id="models-title">{t('models.title')}</h2>
      <p className="muted">{t('models.intro')}</p>
      <ErrorText error={loadError ?? action.error} testId="models-error" />
      {!models && !loadError && <p className="muted">{t('models.loading')}</p>}
      {models && models.length === 0 && <p className="muted">{t('models.none')}</p>}
      {models && models.length > 0 && (
        <table className="compact" data-testid="models-table">
          <thead>
            <tr>
              <th scope="col">{t('models.column.model')}</th>
              <th scope="col">{t('models.column.version')}</th>
              <th scope="col">{t('models.column.task')}</th>
              <th scope="col">{t('models.column.licence')}</th>
              <th scope="col">{t('models.column.source')}</th>
              <th scope="col">{t('models.column.evaluation')}</th>
              <th scope="col">{t('models.column.origin')}</th>
              <th scope="col">{t('models.column.enabled')}</th>
              <th scope="col">{t('models.column.proposals')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {models.map((model) => (
              <ModelRow key={model.manifest.id} model={model} stats={stats[model.manifest.id]} busy={action.busy} onToggle={() => void toggle(model)} onDelete={() => remove(model)} />
            ))}
          </tbody>
        </table>
      )}
      <ModelUploadForm onAdded={() => void reload()} />
    </section>
  );
}

interface ModelRowProps {
  readonly model: ModelSummary;
  readonly stats: ModelStats | 'unavailable' | undefined;
  readonly busy: boolean;
  readonly onToggle: () => void;
  readonly onDelete: () => void;
}

function ModelRow({ model, stats, busy, onToggle, onDelete }: ModelRowProps) {
  const t = useT();
  const { manifest } = model;
  return (
    <tr data-testid={`model-row-${manifest.id}`} data-enabled={model.enabled ? 'true' : 'false'} data-builtin={model.builtin ? 'true' : 'false'}>
      <td title={manifest.description}>
        <strong>{manifest.name}</strong>
        <br />
        <code>{manifest.id}</code>
      </td>
      <td>{manifest.version}</td>
      <td>{t(`models.task.${manifest.task}`)}</td>
      <td>{manifest.licence}</td>
      <td>{manifest.source}</td>
      <td>{manifest.evaluation?.summary ?? <span className="muted">{t('models.evaluation.none')}</span>}</td>
      <td>{t(model.builtin ? 'models.origin.builtin' : 'models.origin.uploaded')}</td>
      <td>
        <input
          type="checkbox"
          checked={model.enabled}
          disabled={busy}
          onChange={onToggle}
          aria-label={t('models.enable', { name: manifest.name })}
          data-testid={`model-enabled-${manifest.id}`}
        />
      </td>
      <td data-testid={`model-stats-${manifest.id}`}>
        <StatsText stats={stats} />
      </td>
      <td>
        {!model.builtin && (
          <button type="button" className="secondary" disabled={busy} onClick={onDelete} data-testid={`model-delete-${manifest.id}`}>
            {t('models.delete')}
          </button>
        )}
      </td>
    </tr>
  );
}

function StatsText({ stats }: { readonly stats: ModelStats | 'unavailable' | undefined }) {
  const t = useT();
  if (stats === undefined) return null;
  if (stats === 'unavailable') return <span className="muted">{t('models.stats.unavailable')}</span>;
  const rates = proposalRates(stats.counts);
  if (rates.acceptance === null || rates.edit === null) return <span className="muted">{t('models.stats.none', { pending: stats.counts.pending })}</span>;
  return (
    <span>
      {t('models.stats.rates', {
        decided: rates.decided,
        acceptance: Math.round(rates.acceptance * 100),
        edit: Math.round(rates.edit * 100),
        pending: stats.counts.pending,
      })}
    </span>
  );
}
