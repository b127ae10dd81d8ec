import { useState } from 'react';
import { exportFileName } from '../../core/exchange/fileName';
import { useLanguage, useT } from '../../i18n';
import { appServices, type OpenItem } from '../../store';
import { toAppError, type AppError } from '../../store/loadError';
import { ErrorText } from '../common/ErrorText';
import { saveFile } from '../common/saveFile';

/**
 * Saves the caller's reading of the open series as a DICOM SR measurement report (TID 1500): the
 * slices with a coded finding and each segment's volume and mean HU, the reader and the approving
 * reviewer as observers. The server writes it from the synced document, as it does the SEG.
 */
export function SrExport({ open }: { readonly open: OpenItem }) {
  const t = useT();
  const [language] = useLanguage();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const detail = open.detail;
  if (!detail || detail.item.content.kind !== 'series') return null;
  // With several region questions the server must be told whose segments to measure: one button each.
  const regions = detail.labelSet.questions.filter((q) => q.target === 'region');
  const choices = regions.length > 1 ? regions.map((q) => ({ id: q.id as string | undefined, name: q.name[language] })) : [{ id: undefined, name: '' }];
  const title = detail.item.title;

  async function exportSr(questionId: string | undefined): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const suffix = questionId === undefined ? '-sr.dcm' : `-${questionId}-sr.dcm`;
      saveFile(await appServices().api.exportSr(open.itemId, questionId), exportFileName(title, open.itemId, suffix));
    } catch (caught) {
      setError(toAppError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {choices.map((choice) => (
        <button
          key={choice.id ?? ''}
          type="button"
          onClick={() => void exportSr(choice.id)}
          disabled={busy}
          title={t('export.sr.tooltip')}
          data-testid={choice.id === undefined ? 'sr-export' : `sr-export-${choice.id}`}
        >
          {choice.id === undefined ? t('export.sr') : t('export.srOf', { question: choice.name })}
        </button>
      ))}
      <ErrorText error={error} testId="sr-export-error" />
    </>
  );
}
