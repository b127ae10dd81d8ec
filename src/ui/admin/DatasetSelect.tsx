import { useState } from 'react';
import { useT } from '../../i18n';
import { useAppStore } from '../../store';

/** The dataset an admin panel acts on: the one chosen, else the first listed ('' while none exist). */
export function useChosenDataset(): [string, (datasetId: string) => void] {
  const datasets = useAppStore((state) => state.datasets);
  const [datasetId, setDatasetId] = useState('');
  return [datasetId || datasets?.[0]?.id || '', setDatasetId];
}

/** `label`: the control's caption (the admin panels' by default); `anyLabel`: adds a first option '' ("any dataset"). */
export function DatasetSelect({
  value,
  onChange,
  testId,
  label,
  anyLabel,
}: {
  readonly value: string;
  readonly onChange: (datasetId: string) => void;
  readonly testId: string;
  readonly label?: string;
  readonly anyLabel?: string;
}) {
  const t = useT();
  const datasets = useAppStore((state) => state.datasets);
  return (
    <label>
      {label ?? t('admin.upload.dataset')}
      <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {datasets?.map((dataset) => (
          <option key={dataset.id} value={dataset.id}>
            {dataset.name}
          </option>
        ))}
      </select>
    </label>
  );
}
