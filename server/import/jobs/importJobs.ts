/**
 * Runs slide, video and stills-folder imports and PACS pulls after their request has been answered: a bounded queue in the server
 * process (JOBS_AT_ONCE builds at a time, for `vips` and the tile packing use several cores and
 * much disk each). A job's state lives in its `import_jobs` row; a server that stops leaves its
 * queued and building jobs for the next start-up to fail (failUnfinishedImportJobs).
 */
import type { Kysely } from 'kysely';
import type { ImportJobCounts, ImportReport } from '../../../src/core/api';
import type { BlobStore } from '../../blobs/blobStore';
import type { Database } from '../../db/schema';
import { pullFromPacs } from '../../dicomweb/pull';
import { importDicomFiles } from '../importFiles';
import { isDicomwebPullJob, pullRequestOfJob } from './dicomwebPullJob';
import { finishImportJob, markBuilding, type ImportJobRow } from './jobRows';
import { ProgressWriter, type BuildPhase } from './jobProgress';
import { isStillsFolderJob, stillsOfJob } from './stillsFolderJob';

export const JOBS_AT_ONCE = 2;

export interface ImportJobDeps {
  readonly db: Kysely<Database>;
  readonly blobs: BlobStore;
  readonly now: () => Date;
  /** A slide item got a new pyramid: its cached tile source is stale. */
  readonly onSlideReplaced?: (itemId: string) => void;
  /** Imports the job's stored file; by default the importer every upload goes through (tests replace it). */
  readonly importFile?: ImportFile;
}

/**
 * `onProgress`: tiles written of a slide's pyramid, frames decoded of a video, or stills of a folder made frames;
 * `onCounts`: a PACS pull's instances and bytes. `secret`: what the job was given in memory (a PACS password).
 */
export type ImportFile = (
  job: ImportJobRow,
  onProgress: (phase: BuildPhase, done: number, total: number) => void,
  onCounts: (counts: ImportJobCounts) => void,
  secret: string | undefined,
) => Promise<ImportReport>;

export class ImportJobs {
  private readonly waiting: ImportJobRow[] = [];
  /** Secrets of queued and running jobs by job id, never written to their rows; dropped when the job ends. */
  private readonly secrets = new Map<string, string>();
  private running = 0;
  private closed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly deps: ImportJobDeps,
    private readonly atOnce = JOBS_AT_ONCE,
  ) {}

  /** Queues a job whose row is written (state queued); `secret` (a PACS password) stays in memory for its run only. */
  enqueue(job: ImportJobRow, secret?: string): void {
    if (this.closed) return;
    if (secret !== undefined) this.secrets.set(job.id, secret);
    this.waiting.push(job);
    this.startNext();
  }

  /** Resolves once no job waits or runs. */
  idle(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Starts no more jobs and waits for the running ones; the waiting ones stay queued in their rows, for start-up to fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting) this.secrets.delete(job.id);
    this.waiting.length = 0;
    await this.idle();
  }

  private startNext(): void {
    while (this.running < this.atOnce && this.waiting.length > 0) {
      const job = this.waiting.shift() as ImportJobRow;
      this.running += 1;
      void this.run(job).finally(() => {
        this.running -= 1;
        if (!this.closed) this.startNext();
        if (this.running === 0 && this.waiting.length === 0) {
          for (const resolve of this.idleWaiters.splice(0)) resolve();
        }
      });
    }
  }

  private readonly importStored: ImportFile = async (job, onProgress, onCounts, secret) => {
    const { db, blobs, now, onSlideReplaced } = this.deps;
    if (isDicomwebPullJob(job)) return pullFromPacs({ db, blobs, now }, job.dataset_id, await pullRequestOfJob(blobs, job, secret), job.created_by, onCounts);
    const files = isStillsFolderJob(job) ? await stillsOfJob(blobs, job) : [{ name: job.file_name, stored: { sha256: job.source_sha256, size: Number(job.source_size) } }];
    return importDicomFiles(db, job.dataset_id, files, job.created_by, {
      blobs,
      now,
      onSlideProgress: (_file, done, total) => onProgress('tiles', done, total),
      onFrameProgress: (_file, done, total) => onProgress('frames', done, total),
      onSlideReplaced,
    });
  };

  private async run(job: ImportJobRow): Promise<void> {
    const { db, now } = this.deps;
    const progress = new ProgressWriter((shown) => markBuilding(db, job.id, shown, now().toISOString()));
    let report: ImportReport;
    try {
      await progress.start();
      const secret = this.secrets.get(job.id);
      this.secrets.delete(job.id);
      report = await (this.deps.importFile ?? this.importStored)(
        job,
        (phase, done, total) => progress.built(phase, done, total),
        (counts) => progress.pulled(counts),
        secret,
      );
    } catch (error) {
      // The importer reports a bad file itself; this is the unforeseen (the source blob gone, the database away).
      report = { outcomes: [{ file: job.file_name, status: 'refused', reason: `could not be imported: ${error instanceof Error ? error.message : String(error)}` }], itemIds: [] };
    }
    await progress.settled();
    try {
      await finishImportJob(db, job.id, report, now().toISOString());
    } catch {
      // The database is gone (the server is stopping): the row stays unfinished, and start-up fails it.
    }
  }
}
