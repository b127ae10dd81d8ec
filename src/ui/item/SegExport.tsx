import { exportFileName } from '../../core/exchange/fileName';
import { useLanguage, useT } from '../../i18n';
import { appServices, type OpenItem } from '../../store';
import { ErrorText } from '../common/ErrorText';
import { useDownload } from '../common/useDownload';

/**
 * Saves the open series' masks of each region question as a DICOM SEG that OHIF, 3D Slicer and
 * PACS read. The server writes it (it holds the source headers the SEG copies), from the synced
 * document: edits still waiting to sync are not in it.
 */
export function SegExport({ open }: { readonly open: OpenItem }) {
  const t = useT();
  const [language] = useLanguage();
  const download = useDownload();
  const detail = open.detail;
  if (!detail || detail.item.content.kind !== 'series') return null;
  const regions = detail.labelSet.questions.filter((q) => q.target === 'region');
  const title = detail.item.title;

  function exportSeg(questionId: string): Promise<void> {
    const suffix = regions.length > 1 ? `-${questionId}-seg.dcm` : '-seg.dcm';
    return download.save(() => appServices().api.exportSeg(open.itemId, questionId), exportFileName(title, open.itemId, suffix));
  }

  return (
    <>
      {regions.map((question) => (
        <button
          key={question.id}
          type="button"
          onClick={() => void exportSeg(question.id)}
          disabled={download.busy}
          title={t('export.seg.tooltip')}
          data-testid={`seg-export-${question.id}`}
        >
          {regions.length > 1 ? t('export.segOf', { question: question.name[language] }) : t('export.seg')}
        </button>
      ))}
      <ErrorText error={download.error} testId="seg-export-error" />
    </>
  );
}
