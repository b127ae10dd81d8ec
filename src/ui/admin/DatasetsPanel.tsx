import { useState, type FormEvent } from 'react';
import type { LabelSet } from '../../core/labelSet';
import { useLanguage, useT } from '../../i18n';
import { appServices, useAppStore } from '../../store';
import { ErrorText } from '../common/ErrorText';
import { ProgressBar } from '../common/ProgressBar';
import { chosenLabelSet, labelSetKey } from './labelSetChoice';
import { useAdminAction } from './useAdminAction';

/** All datasets and the form that creates one for a stored label set version. */
export function DatasetsPanel({ labelSets }: { readonly labelSets: readonly LabelSet[] }) {
  const t = useT();
  const [language] = useLanguage();
  const datasets = useAppStore((state) => state.datasets);
  const loadDatasets = useAppStore((state) => state.loadDatasets);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [chosenKey, setChosenKey] = useState<string | null>(null);
  const selected = chosenLabelSet(labelSets, chosenKey);
  const { busy, error, run } = useAdminAction();

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!selected) return;
    await run(async () => {
      await appServices().api.createDataset({
        name: name.trim(),
        description: description.trim(),
        labelSetId: selected.id,
        labelSetVersion: selected.version,
      });
      setName('');
      setDescription('');
      await loadDatasets();
    });
  }

  return (
    <section className="card" aria-labelledby="datasets-admin-title" data-testid="admin-datasets">
      <h2 id="datasets-admin-title">{t('admin.datasets.title')}</h2>
      <table className="compact">
        <thead>
          <tr>
            <th scope="col">{t('admin.datasets.name')}</th>
            <th scope="col">{t('admin.datasets.labelSet')}</th>
            <th scope="col">{t('admin.datasets.items')}</th>
            <th scope="col">{t('items.column.progress')}</th>
          </tr>
        </thead>
        <tbody>
          {datasets?.map((dataset) => {
            const labelSet = labelSets.find((set) => set.id === dataset.labelSetId && set.version === dataset.labelSetVersion);
            return (
              <tr key={dataset.id} data-testid={`admin-dataset-${dataset.id}`}>
                <td>{dataset.name}</td>
                <td>{labelSet ? labelSet.name[language] : `${dataset.labelSetId} v${dataset.labelSetVersion}`}</td>
                <td>{dataset.itemCount}</td>
                <td>
                  <ProgressBar progress={dataset.progress} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <form className="form inline-form" onSubmit={submit} aria-label={t('admin.datasets.create')}>
        <label>
          {t('admin.datasets.name')}
          <input data-testid="new-dataset-name" required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {t('admin.datasets.description')}
          <input data-testid="new-dataset-description" value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <label>
          {t('admin.datasets.labelSet')}
          <select data-testid="new-dataset-label-set" value={selected ? labelSetKey(selected) : ''} onChange={(e) => setChosenKey(e.target.value)}>
            {labelSets.map((set) => (
              <option key={labelSetKey(set)} value={labelSetKey(set)}>
                {set.name[language]} (v{set.version})
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" data-testid="new-dataset-submit" disabled={busy}>
          {t('admin.datasets.create')}
        </button>
      </form>
      <ErrorText error={error} testId="new-dataset-error" />
    </section>
  );
}
