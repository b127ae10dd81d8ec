import { exportFileName } from '../../core/exchange/fileName';
import { useLanguage, useT } from '../../i18n';
import { appServices, type OpenItem } from '../../store';
import { ErrorText } from '../common/ErrorText';
import { useDownload } from '../common/useDownload';

/**
 * Saves the caller's reading of the open series as a DICOM SR measurement report (TID 1500): the
 * slices with a coded finding and each segment's volume and mean HU, the reader and the approving
 * reviewer as observers. The server writes it from the synced document, as it does the SEG.
 */
export function SrExport({ open }: { readonly open: OpenItem }) {
  const t = useT();
  const [language] = useLanguage();
  const download = useDownload();
  const detail = open.detail;
  if (!detail || detail.item.content.kind !== 'series') return null;
  // With several region questions the server must be told whose segments to measure: one button each.
  const regions = detail.labelSet.questions.filter((q) => q.target === 'region');
  const choices = regions.length > 1 ? regions.map((q) => ({ id: q.id as string | undefined, name: q.name[language] })) : [{ id: undefined, name: '' }];
  const title = detail.item.title;

  function exportSr(questionId: string | undefined): Promise<void> {
    const suffix = questionId === undefined ? '-sr.dcm' : `-${questionId}-sr.dcm`;
    return download.save(() => appServices().api.exportSr(open.itemId, questionId), exportFileName(title, open.itemId, suffix));
  }

  return (
    <>
      {choices.map((choice) => (
        <button
          key={choice.id ?? ''}
          type="button"
          onClick={() => void exportSr(choice.id)}
          disabled={download.busy}
          title={t('export.sr.tooltip')}
          data-testid={choice.id === undefined ? 'sr-export' : `sr-export-${choice.id}`}
        >
          {choice.id === undefined ? t('export.sr') : t('export.srOf', { question: choice.name })}
        </button>
      ))}
      <ErrorText error={download.error} testId="sr-export-error" />
    </>
  );
}
