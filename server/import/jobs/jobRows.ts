/**
 * The `import_jobs` rows: a job is written when its upload is stored, updated as its pyramid is
 * built, and given its report once when it ends. Read back as the API's ImportJob. Each row names
 * the server instance running it (`owner`), which refreshes its `heartbeat_at` while it lives.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { ImportJob, ImportJobFailureCode, ImportJobKind, ImportJobPhase, ImportReport } from '../../../src/core/api';
import type { StoredBlob } from '../../blobs/blobStore';
import type { Database, ImportJobsTable } from '../../db/schema';
import type { JobProgress } from './jobProgress';

export type ImportJobRow = Selectable<ImportJobsTable>;

/** Jobs listed for a dataset: the recent ones an admin follows, not its whole history. */
export const LISTED_JOBS = 100;

export const SERVER_STOPPED_REASON = 'The server stopped before this import finished. A file or slide was not saved: retry it. A PACS pull keeps the instances it had imported: start it again for the rest.';

/** What a job cancelled before it imported anything reports for its file. */
export const CANCELLED_REASON = 'cancelled before anything was imported';

export interface NewImportJob {
  readonly datasetId: string;
  readonly createdBy: string | null;
  readonly fileName: string;
  readonly kind: ImportJobKind;
  readonly source: StoredBlob;
}

/** Unfinished states: a job in one is run by its owner, or abandoned when its owner stopped. */
const UNFINISHED = ['queued', 'building'] as const;

/** A job written queued, owned by the instance `owner` that will run it, its heartbeat now. */
export async function insertImportJob(db: Kysely<Database>, job: NewImportJob, owner: string, at: string): Promise<ImportJobRow> {
  const row: ImportJobRow = {
    id: randomUUID(),
    dataset_id: job.datasetId,
    created_by: job.createdBy,
    file_name: job.fileName,
    kind: job.kind,
    source_sha256: job.source.sha256,
    source_size: job.source.size,
    state: 'queued',
    phase: null,
    percent: 0,
    done_count: null,
    total_count: null,
    done_bytes: null,
    failure_code: null,
    failure_reason: null,
    report: null,
    created_at: at,
    updated_at: at,
    owner,
    heartbeat_at: at,
    cancel_requested_at: null,
  };
  await db.insertInto('import_jobs').values(row).execute();
  return row;
}

export async function findImportJob(db: Kysely<Database>, id: string): Promise<ImportJobRow | null> {
  return (await db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/** The dataset's most recent jobs, newest first. */
export async function listImportJobs(db: Kysely<Database>, datasetId: string): Promise<ImportJobRow[]> {
  return db.selectFrom('import_jobs').selectAll().where('dataset_id', '=', datasetId).orderBy('created_at', 'desc').orderBy('id').limit(LISTED_JOBS).execute();
}

/**
 * The job its `owner` is about to run, marked building (opening its file); false when it is no
 * longer queued: cancelled meanwhile (by any instance), or failed as its instance stopped.
 */
export async function claimImportJob(db: Kysely<Database>, id: string, owner: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('import_jobs')
    .set({ state: 'building', phase: 'opening', percent: 0, updated_at: at })
    .where('id', '=', id)
    .where('owner', '=', owner)
    .where('state', '=', 'queued')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Progress of a job its `owner` runs; nothing when another instance has retried it since (it owns
 * the row now), or once it has ended (a late write cannot bring it back).
 */
export async function markBuilding(db: Kysely<Database>, id: string, owner: string, { phase, percent, counts }: JobProgress, at: string): Promise<void> {
  const counted = counts ? { done_count: counts.done, total_count: counts.total, done_bytes: counts.bytes } : {};
  await db
    .updateTable('import_jobs')
    .set({ state: 'building', phase, percent, ...counted, updated_at: at })
    .where('id', '=', id)
    .where('owner', '=', owner)
    .where('state', 'in', UNFINISHED)
    .execute();
}

/**
 * Ends a job with its report: done, or failed with the refusal's code and sentence when nothing
 * was imported (a folder of stills with some refused is done: its report names them). Written
 * whatever state the row is in, so a job another instance took for abandoned (its owner stalled
 * past the lease) still ends as it really did; but only by its `owner`, so a job retried on
 * another instance meanwhile is that run's to end.
 */
export async function finishImportJob(db: Kysely<Database>, id: string, owner: string, report: ImportReport, at: string): Promise<void> {
  const refused = report.itemIds.length === 0 ? report.outcomes.find((outcome) => outcome.status === 'refused') : undefined;
  const failure: { code: ImportJobFailureCode; reason: string } | null = refused ? { code: refused.code ?? 'importFailed', reason: refused.reason } : null;
  await db
    .updateTable('import_jobs')
    .set({
      state: failure ? 'failed' : 'done',
      phase: null,
      percent: failure ? 0 : 100,
      failure_code: failure?.code ?? null,
      failure_reason: failure?.reason ?? null,
      report: JSON.stringify(report),
      updated_at: at,
    })
    .where('id', '=', id)
    .where('owner', '=', owner)
    .execute();
}

/** A job stopped unfinished: failed with a sentence (its build was never written to an item, so nothing is half-saved), to be retried. */
const INTERRUPTED = { state: 'failed', phase: null, percent: 0, failure_code: 'serverStopped', failure_reason: SERVER_STOPPED_REASON, report: null } as const;

/** Ends a job its uploader or an admin stopped, with the report of what it had imported (which stays); only by its `owner`, as finishImportJob. */
export async function finishCancelledImportJob(db: Kysely<Database>, id: string, owner: string, report: ImportReport, at: string): Promise<void> {
  await db
    .updateTable('import_jobs')
    .set({ state: 'cancelled', phase: null, failure_code: null, failure_reason: null, report: JSON.stringify(report), updated_at: at })
    .where('id', '=', id)
    .where('owner', '=', owner)
    .execute();
}

/** The job's name once known: a de-identified slide's pseudonymous one, which the upload could not give. */
export async function renameImportJob(db: Kysely<Database>, id: string, fileName: string, at: string): Promise<void> {
  await db.updateTable('import_jobs').set({ file_name: fileName, updated_at: at }).where('id', '=', id).execute();
}

/**
 * Fails the unfinished jobs whose owner stopped: no heartbeat within `leaseMs` before `at` (or
 * none ever, a job from before owners). `except`: the calling instance, whose own jobs run
 * whatever their heartbeat says (a long pause of its event loop is not its death). A live
 * instance beats several times a lease, so its jobs are never taken; clocks of instances
 * must agree to well within the lease.
 */
export async function failAbandonedImportJobs(db: Kysely<Database>, at: Date, leaseMs: number, except?: string): Promise<number> {
  const staleBefore = new Date(at.getTime() - leaseMs).toISOString();
  const result = await db
    .updateTable('import_jobs')
    .set({ ...INTERRUPTED, updated_at: at.toISOString() })
    .where('state', 'in', UNFINISHED)
    .where((eb) => eb.or([eb('heartbeat_at', 'is', null), eb('heartbeat_at', '<', staleBefore)]))
    .$if(except !== undefined, (qb) => qb.where((eb) => eb.or([eb('owner', 'is', null), eb('owner', '<>', except as string)])))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Unfinished jobs whose owner beat within `leaseMs` before `at`, on any instance: running or
 * about to. The blob collector sweeps only when there are none (server/blobs/gc/collectBlobs.ts).
 */
export async function liveImportJobCount(db: Kysely<Database>, at: Date, leaseMs: number): Promise<number> {
  const freshSince = new Date(at.getTime() - leaseMs).toISOString();
  const row = await db
    .selectFrom('import_jobs')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('state', 'in', UNFINISHED)
    .where('heartbeat_at', '>=', freshSince)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A stopping instance's jobs it will not run (queued, or left building when the database went away): failed at once, no lease to wait out. */
export async function failOwnUnfinishedImportJobs(db: Kysely<Database>, owner: string, at: string): Promise<number> {
  const result = await db.updateTable('import_jobs').set({ ...INTERRUPTED, updated_at: at }).where('state', 'in', UNFINISHED).where('owner', '=', owner).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * `owner` still runs its unfinished jobs: their heartbeat is `at`. Not their `updated_at`, which
 * says when their progress last moved. Answers the ids of those a user has asked to stop (on
 * whichever instance they asked), read in the same statement.
 */
export async function beatImportJobs(db: Kysely<Database>, owner: string, at: string): Promise<string[]> {
  const rows = await db
    .updateTable('import_jobs')
    .set({ heartbeat_at: at })
    .where('state', 'in', UNFINISHED)
    .where('owner', '=', owner)
    .returning(['id', 'cancel_requested_at'])
    .execute();
  return rows.filter((row) => row.cancel_requested_at !== null).map((row) => row.id);
}

/** What asking a job to stop did: ended it at once (it was queued), asked its owner to stop it (it builds), or nothing (it has ended). */
export type CancelOutcome = 'cancelled' | 'stopping' | 'notRunning';

/**
 * A user's cancel, answered by any instance: a queued job ends cancelled at once (it never
 * runs: its owner's claim finds it ended), a building one is marked for its owner to stop at its
 * next heartbeat. Each a single conditional update, so a cancel racing the owner's claim or the
 * job's end lands on one side of it.
 */
export async function requestImportJobCancel(db: Kysely<Database>, id: string, at: string): Promise<CancelOutcome> {
  const row = await findImportJob(db, id);
  if (!row) return 'notRunning';
  const nothingImported: ImportReport = { outcomes: [{ file: row.file_name, status: 'refused', reason: CANCELLED_REASON }], itemIds: [] };
  const ended = await db
    .updateTable('import_jobs')
    .set({ state: 'cancelled', phase: null, cancel_requested_at: at, report: JSON.stringify(nothingImported), updated_at: at })
    .where('id', '=', id)
    .where('state', '=', 'queued')
    .executeTakeFirst();
  if (Number(ended.numUpdatedRows) === 1) return 'cancelled';
  const asked = await db.updateTable('import_jobs').set({ cancel_requested_at: at }).where('id', '=', id).where('state', '=', 'building').executeTakeFirst();
  return Number(asked.numUpdatedRows) === 1 ? 'stopping' : 'notRunning';
}

/** A failed job queued again, now owned by the instance `owner` that retries it; null when the job is not failed (it runs, or it is done). */
export async function requeueImportJob(db: Kysely<Database>, id: string, owner: string, at: string): Promise<ImportJobRow | null> {
  const result = await db
    .updateTable('import_jobs')
    .set({ state: 'queued', phase: null, percent: 0, done_count: null, total_count: null, done_bytes: null, failure_code: null, failure_reason: null, report: null, updated_at: at, owner, heartbeat_at: at, cancel_requested_at: null })
    .where('id', '=', id)
    .where('state', '=', 'failed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? findImportJob(db, id) : null;
}

export function importJobOf(row: ImportJobRow): ImportJob {
  const identity = { id: row.id, datasetId: row.dataset_id, fileName: row.file_name, kind: kindOf(row), createdAt: row.created_at, updatedAt: row.updated_at } as const;
  switch (row.state) {
    case 'building': {
      const building = { ...identity, state: 'building', phase: (row.phase ?? 'opening') as ImportJobPhase, percent: Number(row.percent), cancelRequested: row.cancel_requested_at !== null } as const;
      if (row.done_count === null || row.total_count === null) return building;
      return { ...building, counts: { done: Number(row.done_count), total: Number(row.total_count), bytes: Number(row.done_bytes ?? 0) } };
    }
    case 'done':
      return { ...identity, state: 'done', report: reportOf(row) };
    case 'failed': {
      const reason = row.failure_reason ?? SERVER_STOPPED_REASON;
      return { ...identity, state: 'failed', code: (row.failure_code ?? 'importFailed') as ImportJobFailureCode, reason, report: reportOf(row, reason) };
    }
    case 'cancelled':
      return { ...identity, state: 'cancelled', report: reportOf(row, CANCELLED_REASON) };
    default:
      return { ...identity, state: 'queued' };
  }
}

const KINDS: readonly ImportJobKind[] = ['file', 'stillsFolder', 'dicomwebPull', 'deidSlide', 'stagedUpload'];

function kindOf(row: Pick<ImportJobRow, 'kind'>): ImportJobKind {
  return KINDS.find((kind) => kind === row.kind) ?? 'file';
}

/** The stored report; a job that ended without one (the server stopped) reports its file refused with the job's sentence. */
function reportOf(row: ImportJobRow, reason = SERVER_STOPPED_REASON): ImportReport {
  if (row.report !== null) return JSON.parse(row.report) as ImportReport;
  return { outcomes: [{ file: row.file_name, status: 'refused', reason }], itemIds: [] };
}
