/**
 * Saves the open frame set's work in the formats other tools read: COCO JSON (frames as images,
 * boxes and outlines, answers as image attributes) and a CSV of every frame answer and range.
 * Built in the browser from the document on this device, so it works offline too.
 */
import { cocoFileName, exportCoco } from '../../core/exchange/cocoExport';
import { exportFrameLabelsCsv, frameLabelsCsvFileName } from '../../core/exchange/frameLabelsCsv';
import { useT } from '../../i18n';
import type { OpenItem } from '../../store';
import { saveFile } from '../common/saveFile';

export function FrameSetExport({ open }: { readonly open: OpenItem }) {
  const t = useT();
  const { document, detail } = open;
  const ready = document !== null && detail !== null;

  function exportCocoFile(): void {
    if (!document || !detail) return;
    const { file } = exportCoco(document, detail.item, detail.labelSet, new Date().toISOString());
    saveFile(new Blob([JSON.stringify(file)], { type: 'application/json' }), cocoFileName(detail.item.title));
  }

  function exportCsvFile(): void {
    if (!document || !detail) return;
    saveFile(new Blob([exportFrameLabelsCsv(document, detail.item, detail.labelSet)], { type: 'text/csv' }), frameLabelsCsvFileName(detail.item.title));
  }

  return (
    <span className="frame-export" role="group" aria-label={t('frames.export')}>
      <button type="button" data-testid="frames-export-coco" disabled={!ready} onClick={exportCocoFile} title={t('frames.export.coco.tooltip')}>
        {t('frames.export.coco')}
      </button>
      <button type="button" data-testid="frames-export-csv" disabled={!ready} onClick={exportCsvFile} title={t('frames.export.csv.tooltip')}>
        {t('frames.export.csv')}
      </button>
    </span>
  );
}
