import { useId, useState } from 'react';
import type { ImportJob, ImportJobFailureCode } from '../../core/api';
import { useT } from '../../i18n';
import { importJobText } from './importJobText';

/** Failures another try may mend; a refused file fails the same way again. */
const RETRYABLE: ReadonlySet<ImportJobFailureCode> = new Set(['serverStopped', 'importFailed']);

/**
 * The dataset's import jobs: each job's progress bar and step, then its file's outcome; a queued or
 * running one can be cancelled, a failed one retried (not a slide de-identified by its job: the
 * server keeps its upload only while the job runs).
 */
export function ImportJobsTable({
  jobs,
  onRetry,
  onCancel,
  testId = 'import-jobs',
}: {
  readonly jobs: readonly ImportJob[];
  readonly onRetry: (jobId: string) => void;
  readonly onCancel: (jobId: string) => void;
  /** Another table of jobs on the same screen (the PACS pull's) is told apart by its own. */
  readonly testId?: string;
}) {
  const t = useT();
  const titleId = useId();
  if (jobs.length === 0) return null;
  return (
    <>
      <h3 id={titleId}>{t('admin.jobs.title')}</h3>
      <table className="compact upload-report" data-testid={testId} aria-labelledby={titleId}>
        <thead>
          <tr>
            <th scope="col">{t('admin.upload.file')}</th>
            <th scope="col">{t('admin.jobs.progress')}</th>
            <th scope="col">{t('admin.upload.result')}</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <JobRow key={job.id} job={job} onRetry={onRetry} onCancel={onCancel} />
          ))}
        </tbody>
      </table>
    </>
  );
}

function JobRow({ job, onRetry, onCancel }: { readonly job: ImportJob; readonly onRetry: (jobId: string) => void; readonly onCancel: (jobId: string) => void }) {
  const t = useT();
  // Asked to stop here, before the server's answer shows it (cancelRequested, also after a reload).
  const [cancelAsked, setCancelAsked] = useState(false);
  const cancelling = cancelAsked || (job.state === 'building' && job.cancelRequested);
  const { text, tone, detail } = importJobText(t, job);
  const unfinished = job.state === 'queued' || job.state === 'building';
  const percent = job.state === 'building' ? job.percent : job.state === 'done' ? 100 : 0;
  return (
    <tr data-testid={`import-job-${job.id}`} data-state={job.state} data-phase={job.state === 'building' ? job.phase : undefined}>
      <td className="file-name">{job.fileName}</td>
      <td>
        <progress max={100} value={percent} aria-label={t('admin.jobs.progressOf', { file: job.fileName })} />
      </td>
      <td>
        <span className={tone} title={detail ?? undefined}>
          {text}
        </span>{' '}
        {unfinished && cancelling && (
          <span className="muted" data-testid={`import-job-cancelling-${job.id}`}>
            {t('admin.jobs.cancelling')}
          </span>
        )}
        {unfinished && !cancelling && (
          <button
            type="button"
            data-testid={`import-job-cancel-${job.id}`}
            onClick={() => {
              setCancelAsked(true);
              onCancel(job.id);
            }}
          >
            {t('admin.jobs.cancel')}
          </button>
        )}
        {job.state === 'failed' && RETRYABLE.has(job.code) && job.kind !== 'deidSlide' && (
          <button type="button" data-testid={`import-job-retry-${job.id}`} onClick={() => onRetry(job.id)}>
            {t('admin.jobs.retry')}
          </button>
        )}
      </td>
    </tr>
  );
}
