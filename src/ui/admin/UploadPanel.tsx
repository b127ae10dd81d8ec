import { useEffect, useRef, useState } from 'react';
import type { FileImportOutcome, ImportJob } from '../../core/api';
import { isFinished, isImportJob } from '../../core/importJob';
import { useT } from '../../i18n';
import { appServices, useAppStore } from '../../store';
import { toAppError, type AppError } from '../../store/loadError';
import { errorKey } from '../common/errorMessages';
import { DatasetSelect, useChosenDataset } from './DatasetSelect';
import { BurnedInReview } from './burnedIn/BurnedInReview';
import type { DeidJob, DeidProgress, DeidWorkerClient } from './burnedIn/deidWorkerClient';
import { detectBurnedInText } from './burnedIn/detectBurnedInText';
import { checkUpload, type BurnedInCheckSession } from './burnedIn/burnedInSession';
import { DeidProgressLine } from './burnedIn/DeidProgressLine';
import { asPicked, deidentifiedSource, KEPT_FILES_BYTES, uploadBody, type UploadSource } from './deidentifyUpload';
import { heldBytes } from './heldBytes';
import { ImportJobsTable } from './ImportJobsTable';
import { ImportOutcomeCell } from './ImportOutcomeCell';
import { sendInTurn, UPLOAD_LANES } from './sendInTurn';
import { stagedDeidUpload, type StagedDeidUpload, type StagedRows } from './stagedDeidUpload';
import { StagedImportLine } from './StagedImportLine';
import { StillsFolderUpload } from './StillsFolderUpload';
import { useDeidClientSlot } from './useDeidClientSlot';
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

/**
 * Uploads DICOM files (or a folder) into a dataset, one request per file, with a report per file;
 * into a dataset whose policy requires it, each file is de-identified in the browser first: checked
 * once (its new header kept, within a budget), and sent into a staged upload as soon as its check
 * passes (stagedDeidUpload.ts); one commit imports them once the flagged images are reviewed.
 * A slide's upload is answered with its import job: the row waits for the job, which the slide
 * imports table follows (and finds again when the admin comes back to the screen).
 */
export function UploadPanel() {
  const t = useT();
  const [chosen, setDatasetId] = useChosenDataset();
  const loadDatasets = useAppStore((state) => state.loadDatasets);
  const [rows, setRows] = useState<readonly UploadRow[]>([]);
  const [busy, setBusy] = useState(false);
  const [deidProgress, setDeidProgress] = useState<DeidProgress | null>(null);
  const [detecting, setDetecting] = useState<number | null>(null);
  const [check, setCheck] = useState<BurnedInCheckSession | null>(null);
  const [held, setHeld] = useState(0);
  const heldCount = useRef(heldBytes(setHeld));
  const deidJob = useRef<DeidJob | null>(null);
  // The worker is started when the dataset is chosen, not after the pick.
  const deidSlot = useDeidClientSlot(chosen);
  const deidClient = useRef<DeidWorkerClient | null>(null);
  /** Lets go of what the upload under way still holds (headers kept for files it did not send). */
  const releaseUpload = useRef<(() => void) | null>(null);
  const staged = useRef<StagedDeidUpload | null>(null);
  const stopped = useRef(false);
  const [stagedJob, setStagedJob] = useState<ImportJob | null>(null);
  const importJobs = useImportJobs(chosen, () => void loadDatasets());
  const folderInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // Not in React's typings; lets the user pick a whole folder of a series.
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);

  const update = (index: number, change: Partial<UploadRow>) => setRows((current) => current.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const refuse = (index: number, reason: string) => setRows((current) => current.map((row, i) => (i === index ? { ...row, outcome: { file: row.name, status: 'refused', reason } } : row)));

  const stagedRows: StagedRows = {
    progress: (index, sent) => update(index, { sent }),
    answered: (index, answer) => setRows((current) => current.map((row, i) => (i === index ? { ...row, ...(answer.staged ? { sent: answer.size } : { outcome: answer.outcome }) } : row))),
    failed: (index, caught) => update(index, { error: toAppError(caught) }),
    job: setStagedJob,
    imported: (index, outcome) => update(index, { outcome }),
  };

  /** Discards the staged upload, if any; a failed discard is left to the server's idle sweep. */
  async function abortStaged(): Promise<void> {
    const session = staged.current;
    staged.current = null;
    await session?.abort().catch(() => {});
  }

  /**
   * Stop, during the check or the sends after it: nothing more checked or sent, the staged upload
   * discarded at once, and each row not yet answered says so. Once the commit is asked, the files
   * are its import job's, so Stop is not offered then.
   */
  function stopUpload(): void {
    if (staged.current && !staged.current.stop()) return;
    stopped.current = true;
    deidJob.current?.cancel();
  }

  function finish(): void {
    staged.current = null;
    setStagedJob(null);
    releaseUpload.current?.();
    releaseUpload.current = null;
    deidSlot.done();
    deidClient.current = null;
    deidJob.current = null;
    setDeidProgress(null);
    setDetecting(null);
    setCheck(null);
    setBusy(false);
  }

  async function upload(files: readonly File[]): Promise<void> {
    if (!chosen || files.length === 0) return;
    stopped.current = false;
    setBusy(true);
    setRows(files.map((file) => ({ name: file.webkitRelativePath || file.name, size: file.size, sent: 0, outcome: null, jobId: null, error: null })));
    try {
      const client = (deidClient.current = await deidSlot.take());
      if (!client) {
        await send(chosen, files.map((file) => asPicked(file, file.webkitRelativePath || file.name)));
        return finish();
      }
      // Into a dataset that requires it, de-identified here first (in a worker, so the page stays
      // live): nothing identifying leaves the browser.
      const stagedUpload = (staged.current = stagedDeidUpload(appServices().api, chosen, stagedRows));
      const refusedByCheck = (index: number, reason: string) => refuse(index, t('burnedIn.uncheckable', { reason }));
      const { job, session } = checkUpload(client, heldCount.current, files, refusedByCheck, setDeidProgress, KEPT_FILES_BYTES, stagedUpload.ready);
      deidJob.current = job;
      releaseUpload.current = session.release;
      const { cancelled } = await job.finished;
      deidJob.current = null; // the check is over: a Stop now stops the sends
      if (cancelled || stopped.current) {
        await discardStopped();
        return finish();
      }
      if (session.flagged.length === 0) {
        await sendChecked(chosen, stagedUpload, session.sources, []);
        return finish();
      }
      setDetecting(session.flagged.length);
      const detection = await detectBurnedInText(appServices().proposals, session.flagged.map((image) => () => client.preview(image.file))).catch(() => null);
      setDetecting(null);
      if (stopped.current) {
        await discardStopped();
        return finish();
      }
      setCheck({
        ...session,
        detector: detection?.detector ?? null,
        reviews: session.flagged.map((_, i) => ({ boxes: detection?.boxes[i] ?? [], confirmed: false })),
      });
    } catch (caught) {
      await failUpload(caught);
      finish();
    }
  }

  /** The staged rows' commit (with the reviewed images), alongside the per-file route for the rest (slides, videos, not DICOM). */
  async function sendChecked(datasetId: string, stagedUpload: StagedDeidUpload, sources: readonly (UploadSource | null)[], reviewed: readonly { index: number; source: UploadSource }[]): Promise<void> {
    await Promise.all([stagedUpload.finish(reviewed), send(datasetId, sources.map((source, index) => (stagedUpload.takes(index) ? null : source)))]);
    if (stopped.current) await discardStopped();
  }

  /** The upload stopped on an error: the staged upload discarded, each row still open shows it. */
  async function failUpload(caught: unknown): Promise<void> {
    await abortStaged();
    const error = toAppError(caught);
    setRows((current) => current.map((row) => (row.outcome || row.error ? row : { ...row, error })));
  }

  /** The upload stopped before its commit: the staged upload discarded, each row not answered says so. */
  async function discardStopped(): Promise<void> {
    await abortStaged();
    markCancelled();
  }

  function markCancelled(): void {
    setRows((current) => current.map((row) => (row.outcome || row.error ? row : { ...row, outcome: { file: row.name, status: 'refused', reason: t('burnedIn.cancelled') } })));
  }

  /** Every image confirmed: everything sent, each flagged image with its boxes blacked out (in the worker) when its turn comes. */
  async function redactAndSend(session: BurnedInCheckSession): Promise<void> {
    const stagedUpload = staged.current;
    if (!chosen || !deidClient.current || !stagedUpload) return;
    const client = deidClient.current;
    session.previews.release();
    setCheck(null);
    const reviewed = session.flagged.map((image, i) => ({
      index: image.index,
      source: deidentifiedSource(client, heldCount.current, image.file, { reason: image.reason, boxes: session.reviews[i]?.boxes ?? [] }),
    }));
    try {
      await sendChecked(chosen, stagedUpload, session.sources, reviewed);
    } catch (caught) {
      await failUpload(caught);
    } finally {
      finish();
    }
  }

  async function cancelCheck(session: BurnedInCheckSession): Promise<void> {
    session.previews.release();
    setCheck(null);
    await abortStaged();
    for (const image of session.flagged) update(image.index, { outcome: { file: image.name, status: 'refused', reason: t('burnedIn.cancelled') } });
    markCancelled();
    finish();
  }

  /** Sends each row (null: nothing to send for that row), a few at a time, with a report per file. */
  async function send(datasetId: string, sources: readonly (UploadSource | null)[]): Promise<void> {
    const { api } = appServices();
    await sendInTurn(sources, UPLOAD_LANES, {
      async send(index, ready) {
        const answer = await api.sendFile(datasetId, ready.name, uploadBody(ready), {
          onProgress: (sent) => update(index, { sent }),
          reportBytes: ready.reportBytes,
        });
        if (isImportJob(answer)) {
          importJobs.add(answer);
          update(index, { sent: ready.size, jobId: answer.id });
        } else {
          const outcome = answer.outcomes[0] ?? null;
          update(index, { sent: ready.size, outcome });
        }
      },
      notMade: (index, caught) => refuse(index, caught instanceof Error ? caught.message : String(caught)),
      failed: (index, caught) => update(index, { error: toAppError(caught) }),
      stopped: () => stopped.current,
    });
    await loadDatasets();
  }

  const shown = rows.map((row) => withJobOutcome(row, importJobs.jobs));
  const done = shown.filter((row) => row.outcome || row.error).length;
  return (
    <section className="card" aria-labelledby="upload-title" data-testid="admin-upload" data-held-bytes={held}>
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
            onChange={(e) => void upload(pickedFiles(e.target))}
          />
        </label>
        <label>
          {t('admin.upload.folder')}
          <input
            ref={folderInput}
            type="file"
            data-testid="upload-folder"
            disabled={busy || !chosen}
            onChange={(e) => void upload(pickedFiles(e.target))}
          />
        </label>
      </div>
      {deidProgress && <DeidProgressLine progress={deidProgress} onStop={stagedJob || check ? null : () => stopUpload()} />}
      {detecting !== null && (
        <p role="status" data-testid="burnedin-detecting">
          {t('burnedIn.detecting', { count: detecting })}
        </p>
      )}
      {stagedJob && <StagedImportLine job={stagedJob} />}
      {check && (
        <BurnedInReview
          images={check.flagged}
          reviews={check.reviews}
          detector={check.detector}
          loadPreview={check.previews.load}
          onChange={(index, review) => setCheck((current) => current && { ...current, reviews: current.reviews.map((r, i) => (i === index ? review : r)) })}
          onUpload={() => void redactAndSend(check)}
          onCancel={() => void cancelCheck(check)}
        />
      )}
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
      <ImportJobsTable jobs={importJobs.jobs} onRetry={(jobId) => void importJobs.retry(jobId)} onCancel={(jobId) => void importJobs.cancel(jobId)} />
      {importJobs.error && <p className="error">{t(errorKey(importJobs.error))}</p>}
    </section>
  );
}

/** The files just picked; the input is emptied so that picking the same file again (after a cancel) uploads it again. */
function pickedFiles(input: HTMLInputElement): File[] {
  const files = Array.from(input.files ?? []);
  input.value = '';
  return files;
}

/** An uploaded slide's row with its job's outcome, once the job has ended. */
function withJobOutcome(row: UploadRow, jobs: readonly ImportJob[]): UploadRow {
  if (!row.jobId || row.outcome) return row;
  const job = jobs.find((candidate) => candidate.id === row.jobId);
  return job && isFinished(job) ? { ...row, outcome: job.report.outcomes[0] ?? null } : row;
}
