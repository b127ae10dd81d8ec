import { useState } from 'react';
import { exportFileName } from '../../core/exchange/fileName';
import { useLanguage, useT } from '../../i18n';
import { appServices, type OpenItem } from '../../store';
import { toAppError, type AppError } from '../../store/loadError';
import { ErrorText } from '../common/ErrorText';
import { saveFile } from '../common/saveFile';

/**
 * Saves the open series' masks of each region question as a DICOM SEG that OHIF, 3D Slicer and
 * PACS read. The server writes it (it holds the source headers the SEG copies), from the synced
 * document: edits still waiting to sync are not in it.
 */
export function SegExport({ open }: { readonly open: OpenItem }) {
  const t = useT();
  const [language] = useLanguage();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const detail = open.detail;
  if (!detail || detail.item.content.kind !== 'series') return null;
  const regions = detail.labelSet.questions.filter((q) => q.target === 'region');
  const title = detail.item.title;

  async function exportSeg(questionId: string): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const suffix = regions.length > 1 ? `-${questionId}-seg.dcm` : '-seg.dcm';
      saveFile(await appServices().api.exportSeg(open.itemId, questionId), exportFileName(title, open.itemId, suffix));
    } catch (caught) {
      setError(toAppError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {regions.map((question) => (
        <button
          key={question.id}
          type="button"
          onClick={() => void exportSeg(question.id)}
          disabled={busy}
          title={t('export.seg.tooltip')}
          data-testid={`seg-export-${question.id}`}
        >
          {regions.length > 1 ? t('export.segOf', { question: question.name[language] }) : t('export.seg')}
        </button>
      ))}
      <ErrorText error={error} testId="seg-export-error" />
    </>
  );
}
