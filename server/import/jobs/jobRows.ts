/**
 * The `import_jobs` rows: a job is written when its upload is stored, updated as its pyramid is
 * built, and given its report once when it ends. Read back as the API's ImportJob.
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

export async function insertImportJob(
  db: Kysely<Database>,
  job: { readonly datasetId: string; readonly createdBy: string | null; readonly fileName: string; readonly kind: ImportJobKind; readonly source: StoredBlob },
  at: string,
): Promise<ImportJobRow> {
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

export async function markBuilding(db: Kysely<Database>, id: string, { phase, percent, counts }: JobProgress, at: string): Promise<void> {
  const counted = counts ? { done_count: counts.done, total_count: counts.total, done_bytes: counts.bytes } : {};
  await db.updateTable('import_jobs').set({ state: 'building', phase, percent, ...counted, updated_at: at }).where('id', '=', id).execute();
}

/**
 * Ends a job with its report: done, or failed with the refusal's code and sentence when nothing
 * was imported (a folder of stills with some refused is done: its report names them). Written
 * whatever the row says now, so a job another instance's start-up took for stopped still ends
 * as it really did.
 */
export async function finishImportJob(db: Kysely<Database>, id: string, report: ImportReport, at: string): Promise<void> {
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
    .execute();
}

/** Ends a job its owner or an admin stopped, with the report of what it had imported (which stays). */
export async function finishCancelledImportJob(db: Kysely<Database>, id: string, report: ImportReport, at: string): Promise<void> {
  await db
    .updateTable('import_jobs')
    .set({ state: 'cancelled', phase: null, failure_code: null, failure_reason: null, report: JSON.stringify(report), updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** The job's name once known: a de-identified slide's pseudonymous one, which the upload could not give. */
export async function renameImportJob(db: Kysely<Database>, id: string, fileName: string, at: string): Promise<void> {
  await db.updateTable('import_jobs').set({ file_name: fileName, updated_at: at }).where('id', '=', id).execute();
}

/**
 * At start-up: jobs a stopped server left queued or building are failed with a sentence (the
 * build's output was never written to an item, so nothing is half-saved) and can be retried.
 */
export async function failUnfinishedImportJobs(db: Kysely<Database>, at: string): Promise<number> {
  const result = await db
    .updateTable('import_jobs')
    .set({ state: 'failed', phase: null, percent: 0, failure_code: 'serverStopped', failure_reason: SERVER_STOPPED_REASON, report: null, updated_at: at })
    .where('state', 'in', ['queued', 'building'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A failed job queued again; null when the job is not failed (it runs, or it is done). */
export async function requeueImportJob(db: Kysely<Database>, id: string, at: string): Promise<ImportJobRow | null> {
  const result = await db
    .updateTable('import_jobs')
    .set({ state: 'queued', phase: null, percent: 0, done_count: null, total_count: null, done_bytes: null, failure_code: null, failure_reason: null, report: null, updated_at: at })
    .where('id', '=', id)
    .where('state', '=', 'failed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? findImportJob(db, id) : null;
}

export function importJobOf(row: ImportJobRow): ImportJob {
  const identity = { id: row.id, datasetId: row.dataset_id, fileName: row.file_name, kind: kindOf(row), createdAt: row.created_at, updatedAt: row.updated_at } as const;
  switch (row.state) {
    case 'building': {
      const building = { ...identity, state: 'building', phase: (row.phase ?? 'opening') as ImportJobPhase, percent: Number(row.percent) } as const;
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

const KINDS: readonly ImportJobKind[] = ['file', 'stillsFolder', 'dicomwebPull', 'deidSlide'];

function kindOf(row: Pick<ImportJobRow, 'kind'>): ImportJobKind {
  return KINDS.find((kind) => kind === row.kind) ?? 'file';
}

/** The stored report; a job that ended without one (the server stopped) reports its file refused with the job's sentence. */
function reportOf(row: ImportJobRow, reason = SERVER_STOPPED_REASON): ImportReport {
  if (row.report !== null) return JSON.parse(row.report) as ImportReport;
  return { outcomes: [{ file: row.file_name, status: 'refused', reason }], itemIds: [] };
}
