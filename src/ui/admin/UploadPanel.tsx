import { useEffect, useRef, useState } from 'react';
import type { FileImportOutcome } from '../../core/api';
import { useT } from '../../i18n';
import { appServices, useAppStore } from '../../store';
import { toAppError, type AppError } from '../../store/loadError';
import { errorKey } from '../common/errorMessages';
import { DatasetSelect, useChosenDataset } from './DatasetSelect';
import { importOutcomeText } from './importOutcomeText';

interface UploadRow {
  readonly name: string;
  readonly size: number;
  readonly sent: number;
  readonly outcome: FileImportOutcome | null;
  readonly error: AppError | null;
}

/** Files sent at once: enough to keep the line busy, few enough to show steady progress. */
const PARALLEL_UPLOADS = 2;

/** Uploads DICOM files (or a folder) into a dataset, one request per file, with a report per file. */
export function UploadPanel() {
  const t = useT();
  const [chosen, setDatasetId] = useChosenDataset();
  const loadDatasets = useAppStore((state) => state.loadDatasets);
  const [rows, setRows] = useState<readonly UploadRow[]>([]);
  const [busy, setBusy] = useState(false);
  const folderInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // Not in React's typings; lets the user pick a whole folder of a series.
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);

  async function upload(files: readonly File[]): Promise<void> {
    if (!chosen || files.length === 0) return;
    setBusy(true);
    setRows(files.map((file) => ({ name: file.webkitRelativePath || file.name, size: file.size, sent: 0, outcome: null, error: null })));
    const update = (index: number, change: Partial<UploadRow>) =>
      setRows((current) => current.map((row, i) => (i === index ? { ...row, ...change } : row)));
    let next = 0;
    async function worker(): Promise<void> {
      while (next < files.length) {
        const index = next++;
        const file = files[index] as File;
        try {
          const report = await appServices().api.uploadFile(chosen, file.webkitRelativePath || file.name, file, {
            onProgress: (sent) => update(index, { sent }),
          });
          update(index, { sent: file.size, outcome: report.outcomes[0] ?? null });
        } catch (caught) {
          update(index, { error: toAppError(caught) });
        }
      }
    }
    await Promise.all(Array.from({ length: PARALLEL_UPLOADS }, worker));
    setBusy(false);
    await loadDatasets();
  }

  const done = rows.filter((row) => row.outcome || row.error).length;
  return (
    <section className="card" aria-labelledby="upload-title" data-testid="admin-upload">
      <h2 id="upload-title">{t('admin.upload.title')}</h2>
      <div className="form inline-form">
        <DatasetSelect testId="upload-dataset" value={chosen} onChange={setDatasetId} />
        <label>
          {t('admin.upload.files')}
          <input
            type="file"
            multiple
            data-testid="upload-files"
            disabled={busy || !chosen}
            onChange={(e) => void upload(Array.from(e.target.files ?? []))}
          />
        </label>
        <label>
          {t('admin.upload.folder')}
          <input
            ref={folderInput}
            type="file"
            data-testid="upload-folder"
            disabled={busy || !chosen}
            onChange={(e) => void upload(Array.from(e.target.files ?? []))}
          />
        </label>
      </div>
      {rows.length > 0 && (
        <>
          <p role="status" data-testid="upload-summary" data-done={done === rows.length ? 'true' : 'false'}>
            {t('admin.upload.summary', {
              done,
              total: rows.length,
              imported: rows.filter((row) => row.outcome?.status === 'imported').length,
              refused: rows.filter((row) => row.outcome?.status === 'refused' || row.error).length,
            })}
          </p>
          <table className="compact upload-report" data-testid="upload-report">
            <thead>
              <tr>
                <th scope="col">{t('admin.upload.file')}</th>
                <th scope="col">{t('admin.upload.progress')}</th>
                <th scope="col">{t('admin.upload.result')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={index} data-testid={`upload-row-${index}`} data-status={row.error ? 'failed' : (row.outcome?.status ?? 'pending')}>
                  <td className="file-name">{row.name}</td>
                  <td>
                    <progress max={row.size || 1} value={row.sent} aria-label={t('admin.upload.progressOf', { file: row.name })} />
                  </td>
                  <td>
                    <OutcomeText row={row} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function OutcomeText({ row }: { readonly row: UploadRow }) {
  const t = useT();
  if (row.error) {
    return <span className="error">{t(errorKey(row.error))}</span>;
  }
  if (!row.outcome) return <span className="muted">{t('admin.upload.pending')}</span>;
  const { text, tone, detail } = importOutcomeText(t, row.outcome);
  // A translated refusal keeps the server's own sentence as its detail (hover).
  return (
    <span className={tone} title={detail ?? undefined}>
      {text}
    </span>
  );
}
