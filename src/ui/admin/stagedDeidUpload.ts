/**
 * An upload into a dataset that requires de-identification, as a staged upload (stagedUpload.ts):
 * each de-identified file goes into the session as soon as its check passes, while the check goes
 * on with the others; the flagged images go once reviewed; then one commit imports them all and
 * its job's outcomes come back to the rows by de-identified name. Files the check did not
 * de-identify (not DICOM: a slide, a video) are left to the per-file route.
 */
import type { FileImportOutcome, ImportJob, StagedFileAnswer } from '../../core/api';
import type { FileCheck } from '../../../workers/deid/messages';
import type { UploadSource } from './deidentifyUpload';
import { UPLOAD_LANES } from './sendInTurn';
import { StagedUploadSession, type StagedUploadApi } from './stagedUpload';

/** How often the commit's import job is read while it runs. */
export const STAGED_IMPORT_POLL_MS = 500;

export interface StagedRows {
  progress(index: number, sent: number): void;
  /** Kept until the commit, or refused (the outcome says what was found). */
  answered(index: number, answer: StagedFileAnswer): void;
  failed(index: number, error: unknown): void;
  /** The commit's import job, each time it is read. */
  job(job: ImportJob): void;
  /** The row's outcome from the commit's job. */
  imported(index: number, outcome: FileImportOutcome): void;
}

export interface StagedDeidUpload {
  /** `checkUpload`'s ready callback: a de-identified row goes at once; the others are left to the caller. */
  ready(index: number, source: UploadSource, check: FileCheck): void;
  /** Whether row `index` went (or is going) into the session. */
  takes(index: number): boolean;
  /** Sends these rows too (the reviewed images), commits and follows the import to its end. */
  finish(reviewed: readonly { readonly index: number; readonly source: UploadSource }[]): Promise<void>;
  /** Discards the session and whatever was sent into it; asked again, the same discard. */
  abort(): Promise<void>;
  /**
   * The user's Stop: before the commit is asked, the discard (`abort`, its failure left to the
   * server's idle sweep) and true; after, nothing, and false: what was sent is the import's then.
   */
  stop(): boolean;
}

/**
 * The staged upload of one picked set. Its session on the server opens with the first file sent
 * into it, not before: an upload with nothing de-identified to send (slides only, or every DICOM
 * file refused) opens none, and leaves nothing to discard. Where the opening fails, each row sent
 * into it fails with that error.
 */
export function stagedDeidUpload(api: StagedUploadApi, datasetId: string, rows: StagedRows): StagedDeidUpload {
  const taken = new Set<number>();
  const staged = new Set<number>();
  // De-identified name → rows sent under it, in order (two picked copies of one instance share it).
  const byName = new Map<string, number[]>();
  let opened: Promise<StagedUploadSession> | null = null;
  const session = () =>
    (opened ??= StagedUploadSession.open(api, datasetId, UPLOAD_LANES, {
      progress: rows.progress,
      answered(index, answer) {
        if (answer.staged) staged.add(index);
        rows.answered(index, answer);
      },
      failed: rows.failed,
    }));
  let aborted = false;
  let committing = false;
  let aborting: Promise<void> | null = null;
  const send = (index: number, source: UploadSource) => {
    // A file the check hands over after a stop would go into a session no longer there.
    if (aborted) return;
    taken.add(index);
    const named: UploadSource = async () => {
      const made = await source();
      byName.set(made.upload.name, [...(byName.get(made.upload.name) ?? []), index]);
      return made;
    };
    session().then(
      (open) => open.send(index, named),
      (error: unknown) => rows.failed(index, error),
    );
  };
  /** The session, once open; null where none was opened or it could not be (its rows failed already). */
  const openSession = async () => (opened ? opened.catch(() => null) : null);
  const abort = () => {
    aborted = true;
    // Once: a Stop discards at once, and the check's end asks again (the same discard, awaited).
    return (aborting ??= openSession().then((open) => open?.abort()));
  };
  return {
    ready(index, source, check) {
      if (check.kind === 'deidentified') send(index, source);
    },
    takes: (index) => taken.has(index),
    async finish(reviewed) {
      for (const { index, source } of reviewed) send(index, source);
      const open = await openSession();
      if (!open) return;
      await open.sent();
      // Stopped while the last rows were sent: the stop discards the session.
      if (aborted) return;
      committing = true;
      // The server refuses a commit of nothing: every row was refused or failed already.
      if (staged.size === 0) return open.abort();
      let last: ImportJob | null = null;
      const report = await open.commit((job) => {
        last = job;
        rows.job(job);
      }, STAGED_IMPORT_POLL_MS);
      const answered = new Set<number>();
      for (const outcome of report.outcomes) {
        const index = byName.get(outcome.file)?.shift();
        if (index === undefined) continue;
        answered.add(index);
        rows.imported(index, outcome);
      }
      const ended = last as ImportJob | null;
      const why = ended?.state === 'failed' ? ended.reason : `the import ended ${ended?.state ?? 'unread'} without this file`;
      for (const index of staged) if (!answered.has(index)) rows.failed(index, new Error(why));
    },
    abort,
    stop() {
      if (committing) return false;
      abort().catch(() => {});
      return true;
    },
  };
}
