import { useState } from 'react';
import { useT } from '../../i18n';
import { useAppStore } from '../../store';

/** The dataset an admin panel acts on: the one chosen, else the first listed ('' while none exist). */
export function useChosenDataset(): [string, (datasetId: string) => void] {
  const datasets = useAppStore((state) => state.datasets);
  const [datasetId, setDatasetId] = useState('');
  return [datasetId || datasets?.[0]?.id || '', setDatasetId];
}

export function DatasetSelect({ value, onChange, testId }: { readonly value: string; readonly onChange: (datasetId: string) => void; readonly testId: string }) {
  const t = useT();
  const datasets = useAppStore((state) => state.datasets);
  return (
    <label>
      {t('admin.upload.dataset')}
      <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
        {datasets?.map((dataset) => (
          <option key={dataset.id} value={dataset.id}>
            {dataset.name}
          </option>
        ))}
      </select>
    </label>
  );
}
