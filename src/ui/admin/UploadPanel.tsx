import { useEffect, useRef, useState } from 'react';
import type { FileImportOutcome, ImportJob } from '../../core/api';
import { isFinished, isImportJob } from '../../core/importJob';
import { useT } from '../../i18n';
import { appServices, useAppStore } from '../../store';
import { toAppError, type AppError } from '../../store/loadError';
import { errorKey } from '../common/errorMessages';
import { DatasetSelect, useChosenDataset } from './DatasetSelect';
import { uploadPreparer, type UploadPreparer } from './deidentifyUpload';
import { ImportJobsTable } from './ImportJobsTable';
import { ImportOutcomeCell } from './ImportOutcomeCell';
import { StillsFolderUpload } from './StillsFolderUpload';
import { useImportJobs } from './useImportJobs';

interface UploadRow {
  readonly name: string;
  readonly size: number;
  readonly sent: number;
  readonly outcome: FileImportOutcome | null;
  /** The job importing an uploaded slide; its outcome comes when the job ends. */
  readonly jobId: string | null;
  readonly error: AppError | null;
}

/** Files sent at once: enough to keep the line busy, few enough to show steady progress. */
const PARALLEL_UPLOADS = 2;

/**
 * Uploads DICOM files (or a folder) into a dataset, one request per file, with a report per file;
 * into a dataset whose policy requires it, each file is de-identified in the browser first.
 * A slide's upload is answered with its import job: the row waits for the job, which the slide
 * imports table follows (and finds again when the admin comes back to the screen).
 */
export function UploadPanel() {
  const t = useT();
  const [chosen, setDatasetId] = useChosenDataset();
  const loadDatasets = useAppStore((state) => state.loadDatasets);
  const [rows, setRows] = useState<readonly UploadRow[]>([]);
  const [busy, setBusy] = useState(false);
  const importJobs = useImportJobs(chosen, () => void loadDatasets());
  const folderInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // Not in React's typings; lets the user pick a whole folder of a series.
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);

  async function upload(files: readonly File[]): Promise<void> {
    if (!chosen || files.length === 0) return;
    setBusy(true);
    setRows(files.map((file) => ({ name: file.webkitRelativePath || file.name, size: file.size, sent: 0, outcome: null, jobId: null, error: null })));
    const update = (index: number, change: Partial<UploadRow>) =>
      setRows((current) => current.map((row, i) => (i === index ? { ...row, ...change } : row)));
    const { api } = appServices();
    let prepare: UploadPreparer;
    try {
      prepare = await uploadPreparer(api, chosen);
    } catch (caught) {
      const error = toAppError(caught);
      setRows((current) => current.map((row) => ({ ...row, error })));
      setBusy(false);
      return;
    }
    let next = 0;
    async function worker(): Promise<void> {
      while (next < files.length) {
        const index = next++;
        const file = files[index] as File;
        try {
          // Into a dataset that requires it, de-identified here first: nothing identifying leaves the browser.
          const prepared = await prepare(file, file.webkitRelativePath || file.name);
          const answer = await api.sendFile(chosen, prepared.name, prepared.body, {
            onProgress: (sent) => update(index, { sent }),
          });
          if (isImportJob(answer)) {
            importJobs.add(answer);
            update(index, { sent: file.size, jobId: answer.id });
          } else {
            const outcome = answer.outcomes[0] ?? null;
            if (prepared.report && outcome?.status === 'imported') await api.postDeidReport(chosen, prepared.report);
            update(index, { sent: file.size, outcome });
          }
        } catch (caught) {
          update(index, { error: toAppError(caught) });
        }
      }
    }
    await Promise.all(Array.from({ length: PARALLEL_UPLOADS }, worker));
    setBusy(false);
    await loadDatasets();
  }

  const shown = rows.map((row) => withJobOutcome(row, importJobs.jobs));
  const done = shown.filter((row) => row.outcome || row.error).length;
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
              imported: shown.filter((row) => row.outcome?.status === 'imported').length,
              refused: shown.filter((row) => row.outcome?.status === 'refused' || row.error).length,
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
              {shown.map((row, index) => (
                <tr key={index} data-testid={`upload-row-${index}`} data-status={row.error ? 'failed' : (row.outcome?.status ?? (row.jobId ? 'building' : 'pending'))}>
                  <td className="file-name">{row.name}</td>
                  <td>
                    <progress max={row.size || 1} value={row.sent} aria-label={t('admin.upload.progressOf', { file: row.name })} />
                  </td>
                  <td>
                    <ImportOutcomeCell outcome={row.outcome} error={row.error} waiting={row.jobId ? 'admin.upload.building' : 'admin.upload.pending'} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <StillsFolderUpload datasetId={chosen} jobs={importJobs.jobs} onJobStarted={importJobs.add} />
      <ImportJobsTable jobs={importJobs.jobs} onRetry={(jobId) => void importJobs.retry(jobId)} />
      {importJobs.error && <p className="error">{t(errorKey(importJobs.error))}</p>}
    </section>
  );
}

/** An uploaded slide's row with its job's outcome, once the job has ended. */
function withJobOutcome(row: UploadRow, jobs: readonly ImportJob[]): UploadRow {
  if (!row.jobId || row.outcome) return row;
  const job = jobs.find((candidate) => candidate.id === row.jobId);
  return job && isFinished(job) ? { ...row, outcome: job.report.outcomes[0] ?? null } : row;
}
