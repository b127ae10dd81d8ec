/**
 * A slide uploaded into a dataset whose policy requires de-identification, run as an import job:
 * the upload is staged as a file outside the blob store (which keeps whatever it is given,
 * identifying or not), named by its job; the job de-identifies it from disk (server/deid), stores
 * only the result and its report, renames itself after the de-identified slide, and hands the
 * stored slide on to be built as any slide. The staged file goes when the job ends however it
 * ends, so a failed job cannot be retried: its slide must be uploaded again.
 */
import { randomUUID } from 'node:crypto';
import { access, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { ImportReport } from '../../../src/core/api';
import type { BlobStore, StoredBlob } from '../../blobs/blobStore';
import type { Database } from '../../db/schema';
import { storeDeidentifiedSlide } from '../../deid/storeDeidentifiedSlide';
import { tmpDirIn, type WorkDirs } from '../../workDirs/workDirs';
import { renameImportJob, type ImportJobRow } from './jobRows';

/**
 * Where slides wait for their job in a server's data folder: beside the blob store, on its file
 * system (a full /tmp cannot refuse an upload), and on the shared one when instances share it.
 */
export const stagingDirIn = (dataDir: string): string => join(tmpDirIn(dataDir), 'slide-staging');

/** An upload still streaming is never this old; one older was left by a killed server. */
const STALE_UPLOAD_MS = 24 * 60 * 60 * 1000;

/** What the job is called until the slide has its pseudonymous name (the uploaded name may be the patient's). */
export const DEID_SLIDE_JOB_NAME = 'slide (being de-identified)';

export const STAGED_SLIDE_GONE = 'the uploaded slide is kept only until its job ends; upload it again';

export function isDeidSlideJob(job: Pick<ImportJobRow, 'kind'>): boolean {
  return job.kind === 'deidSlide';
}

/** A staging file of its own for an upload in flight; `claim` names it after its job once the job exists. */
export async function stagingFile(stagingDir: string): Promise<{ readonly path: string; claim(jobId: string): Promise<void>; discard(): Promise<void> }> {
  // Private: a staged slide is not de-identified yet.
  await mkdir(stagingDir, { recursive: true, mode: 0o700 });
  const path = join(stagingDir, `upload-${randomUUID()}`);
  return {
    path,
    claim: (jobId) => rename(path, stagedSlideOf(stagingDir, jobId)),
    discard: () => rm(path, { force: true }),
  };
}

function stagedSlideOf(stagingDir: string, jobId: string): string {
  return join(stagingDir, `job-${jobId}`);
}

/** The staged slide of a job that will not run (cancelled while queued), removed. */
export async function discardStagedSlide(stagingDir: string, job: Pick<ImportJobRow, 'id'>): Promise<void> {
  await rm(stagedSlideOf(stagingDir, job.id), { force: true });
}

/**
 * Removes what killed servers left in `stagingDir`: slides of jobs that have ended (or are gone),
 * and uploads never claimed by a job that are a day old. Slides of unfinished jobs stay: their
 * job, here or on another instance sharing the folder, will de-identify them.
 */
export async function sweepStagingDir(db: Kysely<Database>, stagingDir: string, now: Date): Promise<number> {
  const names = await readdir(stagingDir).catch(() => [] as string[]);
  const jobIds = names.filter((name) => name.startsWith('job-')).map((name) => name.slice('job-'.length));
  const unfinished = new Set(
    jobIds.length === 0 ? [] : (await db.selectFrom('import_jobs').select('id').where('id', 'in', jobIds).where('state', 'in', ['queued', 'building']).execute()).map((row) => row.id),
  );
  let removed = 0;
  for (const name of names) {
    const path = join(stagingDir, name);
    const left = name.startsWith('job-') ? !unfinished.has(name.slice('job-'.length)) : now.getTime() - (await stat(path)).mtimeMs > STALE_UPLOAD_MS;
    if (!left) continue;
    await rm(path, { force: true, recursive: true });
    removed += 1;
  }
  return removed;
}

export interface DeidSlideDeps {
  readonly db: Kysely<Database>;
  readonly blobs: BlobStore;
  readonly now: () => Date;
  readonly stagingDir: string;
  /** Where the slide is de-identified before it is stored. */
  readonly workDirs: WorkDirs;
}

/**
 * The job's slide de-identified and stored, as the file to import; or, when it cannot be (refused,
 * or cancelled before it was stored), the job's report. `onProgress`: bytes of tiles copied.
 */
export async function deidentifyStagedSlide(
  deps: DeidSlideDeps,
  job: ImportJobRow,
  onProgress: (done: number, total: number) => void,
  signal: AbortSignal,
): Promise<{ readonly file: { readonly name: string; readonly stored: StoredBlob } } | { readonly report: ImportReport }> {
  const path = stagedSlideOf(deps.stagingDir, job.id);
  try {
    await access(path).catch(() => {
      throw new Error(STAGED_SLIDE_GONE);
    });
    let slide;
    try {
      slide = await storeDeidentifiedSlide(deps.db, deps.blobs, job.dataset_id, path, deps.now().toISOString(), { onProgress, signal, workDirs: deps.workDirs });
    } catch (error) {
      // Cancelled mid-copy: nothing was stored; the queue ends the job cancelled.
      if (signal.aborted) return { report: { outcomes: [], itemIds: [] } };
      throw error;
    }
    if ('refused' in slide) return { report: { outcomes: [slide.refused], itemIds: [] } };
    await renameImportJob(deps.db, job.id, slide.name, deps.now().toISOString());
    if (signal.aborted) return { report: { outcomes: [], itemIds: [] } };
    return { file: slide };
  } finally {
    await rm(path, { force: true });
  }
}
