import { exportLabelsCsv, labelsCsvFileName } from '../../core/exchange/labelsCsv';
import { useT } from '../../i18n';
import type { OpenItem } from '../../store';

/** A blob URL lives until the download has surely started reading it. */
const DOWNLOAD_URL_LIFETIME_MS = 60_000;

/** Saves the open series' labels with their provenance (a person's, or a model's and the decision on it) as CSV. */
export function LabelExport({ open }: { readonly open: OpenItem }) {
  const t = useT();
  const detail = open.detail;

  function exportFile(): void {
    if (!open.document || !detail) return;
    const text = exportLabelsCsv(open.document, detail.labelSet, open.targetIds, open.itemId);
    const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = labelsCsvFileName(detail.item.title);
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), DOWNLOAD_URL_LIFETIME_MS);
  }

  return (
    <button type="button" onClick={exportFile} disabled={!open.document || !detail} title={t('export.labels.tooltip')} data-testid="labels-export">
      {t('export.labels')}
    </button>
  );
}
