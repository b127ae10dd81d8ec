import { exportLabelsCsv, labelsCsvFileName } from '../../core/exchange/labelsCsv';
import { useT } from '../../i18n';
import type { OpenItem } from '../../store';
import { saveFile } from '../common/saveFile';

/** Saves the open series' labels with their provenance (a person's, or a model's and the decision on it) as CSV. */
export function LabelExport({ open }: { readonly open: OpenItem }) {
  const t = useT();
  const detail = open.detail;

  function exportFile(): void {
    if (!open.document || !detail) return;
    const text = exportLabelsCsv(open.document, detail.labelSet, open.targetIds, open.itemId);
    saveFile(new Blob([text], { type: 'text/csv' }), labelsCsvFileName(detail.item.title));
  }

  return (
    <button type="button" onClick={exportFile} disabled={!open.document || !detail} title={t('export.labels.tooltip')} data-testid="labels-export">
      {t('export.labels')}
    </button>
  );
}
