/** Telling an upload's answer apart (a report at once, or a slide's, video's or stills folder's import job) and a job's end. */
import type { ImportJob, ImportReport, UploadAnswer } from './api';

export function isImportJob(answer: UploadAnswer): answer is ImportJob {
  return 'state' in answer;
}

export type FinishedImportJob = Extract<ImportJob, { readonly report: ImportReport }>;

export function isFinished(job: ImportJob): job is FinishedImportJob {
  return job.state === 'done' || job.state === 'failed' || job.state === 'cancelled';
}
