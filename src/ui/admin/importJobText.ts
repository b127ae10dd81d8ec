/**
 * What the import jobs table says about a job, in the user's language: where its build stands,
 * then its file's outcome as the upload report says it (importOutcomeText), a folder of stills'
 * count of imported and refused stills (its upload lists each), a PACS pull's count of instances
 * (the pull panel lists each), or why it stopped (a cancelled job: how much it had imported).
 */
import type { ImportJob, ImportJobPhase, ImportReport } from '../../core/api';
import type { Translate } from '../../i18n';
import { importOutcomeText, type OutcomeText } from './importOutcomeText';

export function importJobText(t: Translate, job: ImportJob): OutcomeText {
  switch (job.state) {
    case 'queued':
      return { text: t('admin.jobs.queued'), tone: 'muted', detail: null };
    case 'building':
      if (job.kind === 'dicomwebPull') return { text: pullBuildText(t, job), tone: 'muted', detail: null };
      if (job.kind === 'stillsFolder') return { text: stillsBuildText(t, job.phase, job.percent), tone: 'muted', detail: null };
      if (job.phase === 'deidentifying') return { text: t('admin.jobs.deidentifying', { percent: job.percent }), tone: 'muted', detail: null };
      if (job.phase === 'tiles') return { text: t('admin.jobs.tiles', { percent: job.percent }), tone: 'muted', detail: null };
      if (job.phase === 'frames') return { text: t('admin.jobs.frames', { percent: job.percent }), tone: 'muted', detail: null };
      return { text: t(job.phase === 'opening' ? 'admin.jobs.opening' : 'admin.jobs.storing'), tone: 'muted', detail: null };
    case 'cancelled': {
      const imported = job.report.outcomes.filter((outcome) => outcome.status === 'imported').length;
      const stopped = job.report.outcomes.find((outcome) => outcome.status === 'refused' && outcome.code === 'stoppedByCancel');
      const detail = stopped ? t('admin.jobs.stoppedFile', { file: stopped.file }) : null;
      return { text: imported > 0 ? t('admin.jobs.cancelledAfter', { imported }) : t('admin.jobs.cancelled'), tone: 'muted', detail };
    }
    case 'done':
    case 'failed': {
      if (job.state === 'failed' && job.code === 'serverStopped') return { text: t('admin.jobs.serverStopped'), tone: 'error', detail: job.reason };
      if (job.kind === 'dicomwebPull') return pullEndText(t, job.report, job.state === 'failed' ? job.reason : null);
      if (job.kind === 'stillsFolder' && job.state === 'done') {
        const imported = job.report.outcomes.filter((outcome) => outcome.status === 'imported').length;
        const refused = job.report.outcomes.filter((outcome) => outcome.status === 'refused').length;
        return { text: t('admin.jobs.stillsDone', { imported, refused }), tone: 'ok', detail: null };
      }
      const [outcome] = job.report.outcomes;
      if (outcome) return importOutcomeText(t, outcome);
      return job.state === 'failed' ? { text: t('admin.upload.refused', { reason: job.reason }), tone: 'error', detail: null } : { text: t('admin.upload.imported'), tone: 'ok', detail: null };
    }
  }
}

function stillsBuildText(t: Translate, phase: ImportJobPhase, percent: number): string {
  if (phase === 'opening') return t('admin.jobs.stillsOpening');
  if (phase === 'storing') return t('admin.jobs.stillsStoring');
  return t('admin.jobs.stills', { percent });
}

function pullBuildText(t: Translate, job: Extract<ImportJob, { state: 'building' }>): string {
  if (!job.counts) return t('pacsPull.jobOpening');
  const megabytes = (job.counts.bytes / 1_000_000).toFixed(1);
  return t('pacsPull.jobInstances', { done: job.counts.done, total: job.counts.total, megabytes });
}

/** A pull's end: its counts; the first refusal's sentence on hover (the panel lists every one). */
function pullEndText(t: Translate, report: ImportReport, failure: string | null): OutcomeText {
  const count = (status: string) => report.outcomes.filter((outcome) => outcome.status === status).length;
  const refused = report.outcomes.find((outcome) => outcome.status === 'refused');
  const text = t('pacsPull.jobDone', { imported: count('imported'), duplicate: count('duplicate'), refused: count('refused') });
  const detail = failure ?? (refused?.status === 'refused' ? refused.reason : null);
  return { text, tone: failure || refused ? 'error' : 'ok', detail };
}
