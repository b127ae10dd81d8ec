import { useEffect, useRef, useState } from 'react';
import type { FileImportOutcome, ImportJob } from '../../core/api';
import { isFinished, type FinishedImportJob } from '../../core/importJob';
import { useT } from '../../i18n';
import { appServices } from '../../store';
import { toAppError, type AppError } from '../../store/loadError';
import { errorKey } from '../common/errorMessages';
import { droppedFiles, isStillName } from './droppedFiles';
import { ImportOutcomeCell } from './ImportOutcomeCell';

interface StillRow {
  readonly name: string;
  readonly size: number;
  readonly sent: number;
  readonly sha256: string | null;
  readonly outcome: FileImportOutcome | null;
  readonly error: AppError | null;
}

/** Stills sent at once, as for DICOM files. */
const PARALLEL_UPLOADS = 2;

/**
 * A folder of JPEG/PNG stills (chosen, or dropped) uploaded as one frame set: each still streams on
 * its own request with its own progress bar, then the folder's import job starts (`onJobStarted`:
 * the import jobs table shows and follows it), and once `jobs` has it ended every still's row gets
 * its outcome from the job's report. The names shown here are the admin's; annotators never see them.
 */
export function StillsFolderUpload({
  datasetId,
  jobs,
  onJobStarted,
}: {
  readonly datasetId: string | null;
  readonly jobs: readonly ImportJob[];
  readonly onJobStarted: (job: ImportJob) => void;
}) {
  const t = useT();
  const [rows, setRows] = useState<readonly StillRow[]>([]);
  const [sendPhase, setPhase] = useState<'idle' | 'sending' | 'importing' | 'done'>('idle');
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const job = jobs.find((candidate) => candidate.id === jobId);
  const ended = job && isFinished(job) ? job : null;
  const phase = sendPhase === 'importing' && ended ? 'done' : sendPhase;
  const busy = phase === 'sending' || phase === 'importing';
  const shown = ended ? withJobOutcomes(rows, ended) : rows;

  useEffect(() => {
    // Not in React's typings: lets the user pick a whole folder.
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);

  async function upload(files: readonly { readonly name: string; readonly file: File }[]): Promise<void> {
    const stills = files.filter(({ name }) => isStillName(name));
    setError(null);
    setJobId(null);
    setRows(stills.map(({ name, file }) => ({ name, size: file.size, sent: 0, sha256: null, outcome: null, error: null })));
    if (!datasetId || stills.length === 0) {
      setPhase('done');
      return;
    }
    setPhase('sending');
    const update = (index: number, change: Partial<StillRow>) => setRows((current) => current.map((row, i) => (i === index ? { ...row, ...change } : row)));
    const staged: ({ name: string; sha256: string } | null)[] = stills.map(() => null);
    let next = 0;
    async function worker(): Promise<void> {
      while (next < stills.length) {
        const index = next++;
        const { name, file } = stills[index] as { name: string; file: File };
        try {
          const answer = await appServices().api.stageStill(datasetId as string, name, file, { onProgress: (sent) => update(index, { sent }) });
          staged[index] = { name, sha256: answer.sha256 };
          update(index, { sent: file.size, sha256: answer.sha256 });
        } catch (caught) {
          update(index, { error: toAppError(caught) });
        }
      }
    }
    await Promise.all(Array.from({ length: PARALLEL_UPLOADS }, worker));
    const sent = staged.filter((still) => still !== null);
    if (sent.length > 0) {
      try {
        const started = await appServices().api.importStills(datasetId, { files: sent });
        setJobId(started.id);
        onJobStarted(started);
        setPhase('importing');
        return;
      } catch (caught) {
        setError(toAppError(caught));
      }
    }
    setPhase('done');
  }

  const sentCount = shown.filter((row) => row.sha256).length;
  return (
    <div
      className="stills-upload"
      data-testid="stills-upload"
      onDragOver={(event) => event.preventDefault()}
      onDrop={(event) => {
        event.preventDefault();
        if (!busy && datasetId) void droppedFiles(event.dataTransfer.items).then(upload);
      }}
    >
      <h3>{t('admin.stills.title')}</h3>
      <p className="muted">{t('admin.stills.help')}</p>
      <label>
        {t('admin.stills.choose')}
        <input
          ref={folderInput}
          type="file"
          data-testid="stills-folder"
          disabled={busy || !datasetId}
          onChange={(e) => void upload(Array.from(e.target.files ?? [], (file) => ({ name: file.webkitRelativePath || file.name, file })))}
        />
      </label>
      <p className="drop-zone muted">{t('admin.stills.drop')}</p>
      {phase !== 'idle' && (
        <>
          <p role="status" data-testid="stills-summary" data-done={phase === 'done' ? 'true' : 'false'}>
            {shown.length === 0
              ? t('admin.stills.none')
              : phase === 'importing'
                ? t('admin.stills.importing')
                : t('admin.stills.summary', {
                    sent: sentCount,
                    total: shown.length,
                    imported: shown.filter((row) => row.outcome?.status === 'imported').length,
                    refused: shown.filter((row) => row.outcome?.status === 'refused' || row.error).length,
                  })}
          </p>
          {error && <p className="error">{t(errorKey(error))}</p>}
          <table className="compact upload-report" data-testid="stills-report">
            <thead>
              <tr>
                <th scope="col">{t('admin.upload.file')}</th>
                <th scope="col">{t('admin.upload.progress')}</th>
                <th scope="col">{t('admin.upload.result')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((row, index) => (
                <tr key={index} data-testid={`stills-row-${index}`} data-status={row.error ? 'failed' : (row.outcome?.status ?? 'pending')}>
                  <td className="file-name">{row.name}</td>
                  <td>
                    <progress max={row.size || 1} value={row.sent} aria-label={t('admin.upload.progressOf', { file: row.name })} />
                  </td>
                  <td>
                    <ImportOutcomeCell outcome={row.outcome} error={row.error} waiting="admin.upload.pending" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

/** Each still's outcome from its folder's ended job; a job that failed as a whole (the server stopped) gives its one outcome to every still. */
function withJobOutcomes(rows: readonly StillRow[], job: FinishedImportJob): readonly StillRow[] {
  const byName = new Map(job.report.outcomes.map((outcome) => [outcome.file, outcome]));
  const whole = job.state === 'failed' ? (job.report.outcomes[0] ?? null) : null;
  return rows.map((row) => (row.sha256 && !row.outcome ? { ...row, outcome: byName.get(row.name) ?? whole } : row));
}
