/**
 * The idle sweep of staged uploads: a session left open with no file for `idleMs` (a closed tab,
 * a lost connection) is discarded, rows and blobs, as is a committed one whose job has ended and
 * left it (a cancelled or failed import, or a done one kept to answer a retried commit) for as long. Run when a session is created and on a timer.
 */
import type { Kysely } from 'kysely';
import type { BlobStore } from '../blobs/blobStore';
import type { Database } from '../db/schema';
import type { Ticker } from '../import/jobs/importJobs';
import { discardStagedUpload } from './stagedUploads';

/** Job states after which a committed session's files are needed by nothing (a failed job may be retried: kept until idle). */
const JOB_RUNNING = ['queued', 'building'] as const;

export interface SweepDeps {
  readonly db: Kysely<Database>;
  readonly blobs: BlobStore;
  readonly now: () => Date;
  readonly idleMs: number;
}

/** Discards the idle sessions; answers their ids. */
export async function sweepIdleStagedUploads({ db, blobs, now, idleMs }: SweepDeps): Promise<string[]> {
  const at = now();
  const cutoff = new Date(at.getTime() - idleMs).toISOString();
  const idle = await db
    .selectFrom('staged_uploads as u')
    .leftJoin('import_jobs as j', 'j.id', 'u.job_id')
    .select(['u.id', 'j.state'])
    .where('u.touched_at', '<', cutoff)
    .where((eb) => eb.or([eb('u.job_id', 'is', null), eb('j.state', 'is', null), eb('j.state', 'not in', JOB_RUNNING)]))
    .execute();
  // A session whose import is done only waited to answer a retried commit: no abort to audit.
  for (const { id, state } of idle) await discardStagedUpload(db, blobs, id, null, at.toISOString(), state === 'done' ? 'imported' : 'idle');
  return idle.map((row) => row.id);
}

/**
 * Sweeps every `everyMs` (a quarter of the idle time, at most a minute: a session goes at most
 * that late) until the returned stop is called. A failed sweep is left to the next.
 */
export function startStagedUploadSweep(deps: SweepDeps, ticker: Ticker, report: (error: unknown) => void): () => void {
  const everyMs = Math.min(60_000, Math.max(1_000, Math.floor(deps.idleMs / 4)));
  let sweeping: Promise<void> | null = null;
  return ticker(() => {
    sweeping ??= sweepIdleStagedUploads(deps)
      .then(() => undefined, report)
      .finally(() => {
        sweeping = null;
      });
    return sweeping;
  }, everyMs);
}
