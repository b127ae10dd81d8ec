/**
 * Runs slide, video and stills-folder imports, slide de-identifications and PACS pulls after their
 * request has been answered: a bounded queue in the server process (JOBS_AT_ONCE builds at a time,
 * for `vips` and the tile packing use several cores and much disk each). A job's state lives in its
 * `import_jobs` row, owned by the instance that took it. Several instances share one database: each
 * beats for its own jobs a few times a lease and fails the jobs whose owner stopped beating (died)
 * for longer than the lease; one that stops cleanly fails the jobs it will not run at once. Any
 * instance answers a cancel: a queued job ends cancelled at once and never runs; a running one is
 * marked in its row, which its owner reads on its heartbeat (at once when the cancel reached the
 * owner itself) and tells the import by its signal; the import stops, keeping what it had imported.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ImportJobCounts, ImportReport } from '../../../src/core/api';
import type { BlobStore } from '../../blobs/blobStore';
import { JobBlobRecorder } from '../../blobs/gc/jobBlobs';
import { DEFAULT_IMPORT_JOB_LEASE_MS } from '../../config';
import type { Database } from '../../db/schema';
import { pullFromPacs } from '../../dicomweb/pull';
import { importDicomFiles } from '../importFiles';
import { deidentifyStagedSlide, discardStagedSlide, isDeidSlideJob, stagingDirIn } from './deidSlideJob';
import { isDicomwebPullJob, pullRequestOfJob } from './dicomwebPullJob';
import {
  CANCELLED_REASON,
  claimImportJob,
  finishCancelledImportJob,
  beatImportJobs,
  failAbandonedImportJobs,
  failOwnUnfinishedImportJobs,
  finishImportJob,
  insertImportJob,
  markBuilding,
  requeueImportJob,
  requestImportJobCancel,
  type CancelOutcome,
  type ImportJobRow,
  type NewImportJob,
} from './jobRows';
import { ProgressWriter, type BuildPhase } from './jobProgress';
import { isStillsFolderJob, stillsOfJob } from './stillsFolderJob';
import { importStagedUpload, isStagedUploadJob } from '../../uploads/stagedUploadJob';
import { SCRATCH_DATA_DIR, scratchWorkDirs, type WorkDirs } from '../../workDirs/workDirs';

export const JOBS_AT_ONCE = 2;

/** Heartbeats per lease: a live instance misses two before another takes its jobs for abandoned. */
const BEATS_PER_LEASE = 3;

/**
 * While it runs a job, an instance beats this often (more than its lease asks): a cancel answered
 * by another instance reaches the build through the beat, and a user who pressed Cancel should see
 * the build stop within seconds, not a third of the lease. An idle instance beats by the lease only.
 */
export const BUILDING_BEAT_MS = 2_000;

/** Calls `tick` every `everyMs` until the returned stop is called; `tick` settles once its beat (if any) has. */
export type Ticker = (tick: () => Promise<void>, everyMs: number) => () => void;

/** A timer that does not keep the process alive (a server's stop closes the queue, which stops it). */
export const intervalTicker: Ticker = (tick, everyMs) => {
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
};

export interface ImportJobDeps {
  readonly db: Kysely<Database>;
  readonly blobs: BlobStore;
  readonly now: () => Date;
  /** A slide item got a new pyramid: its cached tile source is stale. */
  readonly onSlideReplaced?: (itemId: string) => void;
  /** Imports the job's stored file; by default the importer every upload goes through (tests replace it). */
  readonly importFile?: ImportFile;
  /** This instance's name in the jobs it owns; default a fresh random one per start. */
  readonly owner?: string;
  /** How long a job's heartbeat stays good: older, its owner is taken for dead. Default DEFAULT_IMPORT_JOB_LEASE_MS. */
  readonly leaseMs?: number;
  /** What drives the heartbeat; default a timer (tests tick by hand). */
  readonly ticker?: Ticker;
  /** Where slides wait, outside the blob store, for their de-identification job; default the one in SCRATCH_DATA_DIR (tests). */
  readonly stagingDir?: string;
  /** Where imports work on files before they are stored; default scratchWorkDirs() (tests). */
  readonly workDirs?: WorkDirs;
}

/**
 * `onProgress`: bytes of a slide de-identified, tiles written of a slide's pyramid, frames decoded of a video, or stills of a folder made frames;
 * `onCounts`: a PACS pull's instances and bytes. `secret`: what the job was given in memory (a PACS password).
 * `signal`: aborted when the job is cancelled; the import stops the file in hand (its tool killed, nothing of it kept), reports it
 * stopped (stoppedByCancel) and what it imported before, which stays.
 */
export type ImportFile = (
  job: ImportJobRow,
  onProgress: (phase: BuildPhase, done: number, total: number) => void,
  onCounts: (counts: ImportJobCounts) => void,
  secret: string | undefined,
  signal: AbortSignal,
) => Promise<ImportReport>;

export type { CancelOutcome } from './jobRows';

export class ImportJobs {
  /** This instance, as named in the `owner` of the jobs it runs. */
  readonly owner: string;
  readonly leaseMs: number;
  private readonly waiting: ImportJobRow[] = [];
  /** Secrets of queued and running jobs by job id, never written to their rows; dropped when the job ends. */
  private readonly secrets = new Map<string, string>();
  /** The running jobs' cancel switches, by job id. */
  private readonly cancels = new Map<string, AbortController>();
  private running = 0;
  private closed = false;
  private idleWaiters: (() => void)[] = [];
  private beating: Promise<void> | null = null;
  /** When this instance last beat, ms since 1970 (its clock): an idle one beats once a third of the lease. */
  private beatAt: number;
  private readonly stopTicking: () => void;

  constructor(
    private readonly deps: ImportJobDeps,
    private readonly atOnce = JOBS_AT_ONCE,
  ) {
    this.owner = deps.owner ?? randomUUID();
    this.leaseMs = deps.leaseMs ?? DEFAULT_IMPORT_JOB_LEASE_MS;
    this.beatAt = deps.now().getTime();
    this.stopTicking = (deps.ticker ?? intervalTicker)(() => this.tick(), Math.min(BUILDING_BEAT_MS, this.leaseMs / BEATS_PER_LEASE));
  }

  /** Where uploads wait for their `deidSlide` job. */
  get stagingDir(): string {
    return this.deps.stagingDir ?? stagingDirIn(SCRATCH_DATA_DIR);
  }

  /**
   * Writes a job this instance will run and queues it; `secret` (a PACS password) stays in memory
   * for its run only; `prepare` runs between the two (a staged upload renamed after the job).
   */
  async submit(job: NewImportJob, secret?: string, prepare?: (row: ImportJobRow) => Promise<void>): Promise<ImportJobRow> {
    const row = await insertImportJob(this.deps.db, job, this.owner, this.deps.now().toISOString());
    await prepare?.(row);
    this.enqueue(row, secret);
    return row;
  }

  /** A failed job queued again on this instance; null when it is not failed (it runs, or it is done). */
  async retry(id: string): Promise<ImportJobRow | null> {
    const row = await requeueImportJob(this.deps.db, id, this.owner, this.deps.now().toISOString());
    if (row) this.enqueue(row);
    return row;
  }

  /**
   * One heartbeat: this instance's unfinished jobs marked alive, those a user asked to stop told
   * so, then the jobs of instances that stopped beating failed (its own never: they run while it lives).
   */
  async beat(): Promise<void> {
    const { db, now } = this.deps;
    const at = now();
    this.beatAt = at.getTime();
    for (const id of await beatImportJobs(db, this.owner, at.toISOString())) this.cancels.get(id)?.abort();
    await failAbandonedImportJobs(db, at, this.leaseMs, this.owner);
  }

  /**
   * A timer's tick: a beat while a job runs or once a third of the lease has passed, never two at
   * once (a slow database); a failed one is left to the next.
   */
  private tick(): Promise<void> {
    const due = this.running > 0 || this.deps.now().getTime() - this.beatAt >= this.leaseMs / BEATS_PER_LEASE;
    if (!due) return this.beating ?? Promise.resolve();
    this.beating ??= this.beat()
      .catch(() => {
        // The database is away for a moment: the next beat tries again, well within the lease.
      })
      .finally(() => {
        this.beating = null;
      });
    return this.beating;
  }

  private enqueue(job: ImportJobRow, secret?: string): void {
    if (this.closed) return;
    if (secret !== undefined) this.secrets.set(job.id, secret);
    this.waiting.push(job);
    this.startNext();
  }

  /**
   * Stops a job, whichever instance runs it: a queued one ends cancelled at once (nothing
   * imported), a running one is marked, told at once when it runs here (else by its owner's next
   * heartbeat), and ends cancelled with what it imported. Jobs already ended are `notRunning`.
   */
  async cancel(jobId: string): Promise<CancelOutcome> {
    const outcome = await requestImportJobCancel(this.deps.db, jobId, this.deps.now().toISOString());
    if (outcome === 'stopping') this.cancels.get(jobId)?.abort();
    if (outcome === 'cancelled') {
      const index = this.waiting.findIndex((job) => job.id === jobId);
      if (index >= 0) await this.drop(this.waiting.splice(index, 1)[0] as ImportJobRow);
      if (this.running === 0 && this.waiting.length === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
    return outcome;
  }

  /** A queued job that will not run (ended meanwhile): its secret forgotten, its staged slide removed. */
  private async drop(job: ImportJobRow): Promise<void> {
    this.secrets.delete(job.id);
    if (isDeidSlideJob(job)) await discardStagedSlide(this.stagingDir, job);
  }

  /** Resolves once no job waits or runs. */
  idle(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Starts no more jobs and waits for the running ones, then fails the waiting ones (this
   * instance will not run them) for an admin to retry, rather than leave them for the lease.
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting) this.secrets.delete(job.id);
    this.waiting.length = 0;
    // Still beating: a long build finishing now is no abandoned one for another instance to fail.
    await this.idle();
    this.stopTicking();
    await this.beating;
    try {
      await failOwnUnfinishedImportJobs(this.deps.db, this.owner, this.deps.now().toISOString());
    } catch {
      // The database is gone already: the jobs' heartbeats stop, and another instance or the next start fails them.
    }
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

  /** The default importer, storing through `blobs` (the job's recording view of the store). */
  private importStoredIn(blobs: BlobStore): ImportFile {
    return (job, onProgress, onCounts, secret, signal) => this.importStored(blobs, job, onProgress, onCounts, secret, signal);
  }

  private async importStored(blobs: BlobStore, ...[job, onProgress, onCounts, secret, signal]: Parameters<ImportFile>): Promise<ImportReport> {
    const { db, now, onSlideReplaced } = this.deps;
    const workDirs = this.deps.workDirs ?? scratchWorkDirs();
    if (isStagedUploadJob(job)) return importStagedUpload(db, job, { blobs, now, workDirs, onSlideReplaced, signal }, onCounts);
    if (isDicomwebPullJob(job)) return pullFromPacs({ db, blobs, now, workDirs }, job.dataset_id, await pullRequestOfJob(blobs, job, secret), job.created_by, onCounts, signal);
    let file = { name: job.file_name, stored: { sha256: job.source_sha256, size: Number(job.source_size) } };
    if (isDeidSlideJob(job)) {
      const slide = await deidentifyStagedSlide({ db, blobs, now, stagingDir: this.stagingDir, workDirs }, job, (done, total) => onProgress('deidentifying', done, total), signal);
      if ('report' in slide) return slide.report;
      file = slide.file;
    }
    const files = isStillsFolderJob(job) ? await stillsOfJob(blobs, job) : [file];
    return importDicomFiles(db, job.dataset_id, files, job.created_by, {
      blobs,
      now,
      workDirs,
      onSlideProgress: (_file, done, total) => onProgress('tiles', done, total),
      onFrameProgress: (_file, done, total) => onProgress('frames', done, total),
      onSlideReplaced,
      signal,
    });
  }

  private async run(job: ImportJobRow): Promise<void> {
    const { db, now } = this.deps;
    let claimed: boolean;
    try {
      claimed = await claimImportJob(db, job.id, this.owner, now().toISOString());
    } catch {
      // The database is away: the job stays queued, and fails as abandoned or at this instance's close.
      claimed = false;
    }
    if (!claimed) return this.drop(job);
    const progress = new ProgressWriter((shown) => markBuilding(db, job.id, this.owner, shown, now().toISOString()));
    const cancel = new AbortController();
    this.cancels.set(job.id, cancel);
    const recorder = new JobBlobRecorder(this.deps.blobs);
    let report: ImportReport;
    try {
      const secret = this.secrets.get(job.id);
      this.secrets.delete(job.id);
      report = await (this.deps.importFile ?? this.importStoredIn(recorder.store))(
        job,
        (phase, done, total) => progress.built(phase, done, total),
        (counts) => progress.pulled(counts),
        secret,
        cancel.signal,
      );
    } catch (error) {
      // The importer reports a bad file itself; this is the unforeseen (the source blob gone, the database away).
      report = { outcomes: [{ file: job.file_name, status: 'refused', reason: `could not be imported: ${error instanceof Error ? error.message : String(error)}` }], itemIds: [] };
    }
    this.cancels.delete(job.id);
    await progress.settled();
    try {
      if (cancel.signal.aborted) await finishCancelledImportJob(db, job.id, this.owner, report.outcomes.length > 0 ? report : { outcomes: [{ file: job.file_name, status: 'refused', reason: CANCELLED_REASON }], itemIds: [] }, now().toISOString());
      else await finishImportJob(db, job.id, this.owner, report, now().toISOString());
    } catch {
      // The database is gone (the server is stopping): the row stays unfinished, and its heartbeat stops; it is failed as abandoned.
    }
    // A file stopped or refused midway may have left blobs that no row will name (frames decoded before the cancel).
    if (cancel.signal.aborted || report.outcomes.some((outcome) => outcome.status === 'refused')) {
      await recorder.collect(db, this.deps.blobs).catch(() => {
        // The database or the store is away: the full sweep (npm run blobs:gc) takes them later.
      });
    }
  }
}
