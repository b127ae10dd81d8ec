/**
 * Staged upload sessions (migration 0029): an admin opens one on a dataset, sends its files one a
 * request while the browser is still checking the others, then commits (an import job takes them
 * in index order, stagedUploadJob.ts) or aborts (rows deleted, blobs released). Nothing staged is
 * imported before the commit. A session is its creator's: another admin sees none of it (404).
 *
 * Every admin's staged bytes are bounded (`quotaBytes`): the sum is read and the file's row written
 * in one transaction, serialised per admin (an advisory lock on PostgreSQL; SQLite's writers are
 * serial already), so two lanes sending at once cannot both fit under the last free bytes.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { BlobStore, StoredBlob } from '../blobs/blobStore';
import { forgetBlob, unreferencedOf } from '../blobs/gc/blobReferences';
import { dialectOf, toNumber } from '../db/dialect';
import type { Database, StagedUploadFilesTable, StagedUploadsTable } from '../db/schema';
import { conflict, HttpError, notFound } from '../http/errors';
import { writeAudit } from '../services/audit';

export type { StagedUploadLimits } from '../config';

export type StagedUploadRow = StagedUploadsTable;
export type StagedFileRow = StagedUploadFilesTable;

export async function createStagedUpload(db: Kysely<Database>, datasetId: string, adminId: string, at: string): Promise<StagedUploadRow> {
  const row: StagedUploadRow = { id: randomUUID(), dataset_id: datasetId, created_by: adminId, state: 'open', job_id: null, created_at: at, touched_at: at };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('staged_uploads').values(row).execute();
    await writeAudit(trx, { at, userId: adminId, action: 'stagedUpload.create', entity: 'staged_upload', entityId: row.id, detail: { datasetId } });
  });
  return row;
}

/** The admin's own session, or 404 (another admin's is not told apart from none). */
export async function ownStagedUpload(db: Kysely<Database>, id: string, adminId: string): Promise<StagedUploadRow> {
  const row = await db.selectFrom('staged_uploads').selectAll().where('id', '=', id).where('created_by', '=', adminId).executeTakeFirst();
  if (!row) throw notFound(`no staged upload ${id}`);
  return row;
}

const notOpen = (id: string) => conflict('staged_upload_committed', `staged upload ${id} is committed: it takes no more files`);

export interface StagedFile {
  readonly index: number;
  readonly name: string;
  readonly stored: StoredBlob;
  /** The de-identification report as JSON, or null. */
  readonly report: string | null;
  /**
   * When its blob was put, by this machine's clock (the store's, not the app's: tests move the
   * app's): an abort deletes the blob only if nobody has put it since.
   */
  readonly putAt: Date;
}

/**
 * Keeps `file` in the admin's open session (the same index again replaces it). 413 when the
 * admin's staged bytes would pass `quotaBytes`; the blob is then kept by nothing and collected.
 */
export async function stageFile(db: Kysely<Database>, uploadId: string, adminId: string, file: StagedFile, quotaBytes: number, at: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockAdminStaging(trx, adminId);
    const upload = await ownStagedUpload(trx, uploadId, adminId);
    if (upload.state !== 'open') throw notOpen(uploadId);
    const held = await stagedBytesOf(trx, adminId, { uploadId, index: file.index });
    if (held + file.stored.size > quotaBytes) {
      throw new HttpError(413, 'staged_quota_exceeded', `staging this file (${file.stored.size} bytes) would pass your quota of ${quotaBytes} staged bytes (${held} held): commit or cancel an upload first`);
    }
    const values = { name: file.name, sha256: file.stored.sha256, size: file.stored.size, report: file.report, staged_at: file.putAt.toISOString() };
    await trx
      .insertInto('staged_upload_files')
      .values({ upload_id: uploadId, file_index: file.index, ...values })
      .onConflict((oc) => oc.columns(['upload_id', 'file_index']).doUpdateSet(values))
      .execute();
    await trx.updateTable('staged_uploads').set({ touched_at: at }).where('id', '=', uploadId).execute();
  });
}

/** One admin's staging writes queue here; other admins' run in parallel. */
async function lockAdminStaging(trx: Transaction<Database>, adminId: string): Promise<void> {
  if (dialectOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(hashtextextended(${`mejirushi.staged/${adminId}`}, 0))`.execute(trx);
}

/** The admin's staged bytes over all sessions, less the file `except` would replace. */
export async function stagedBytesOf(db: Kysely<Database>, adminId: string, except?: { uploadId: string; index: number }): Promise<number> {
  let query = db
    .selectFrom('staged_upload_files as f')
    .innerJoin('staged_uploads as u', 'u.id', 'f.upload_id')
    .select((eb) => eb.fn.sum<number | string | null>('f.size').as('bytes'))
    .where('u.created_by', '=', adminId);
  if (except) query = query.where((eb) => eb.not(eb.and([eb('f.upload_id', '=', except.uploadId), eb('f.file_index', '=', except.index)])));
  return toNumber((await query.executeTakeFirst())?.bytes);
}

/** The session's files in index order. */
export function stagedFilesOf(db: Kysely<Database>, uploadId: string): Promise<StagedFileRow[]> {
  return db.selectFrom('staged_upload_files').selectAll().where('upload_id', '=', uploadId).orderBy('file_index').execute();
}

/**
 * Marks the admin's open session committed, once: a second commit (a retried request) answers
 * the job of the first (`jobId`), or 409 while the first is between its two steps.
 */
export async function markCommitted(db: Kysely<Database>, uploadId: string, adminId: string, at: string): Promise<{ readonly first: true } | { readonly first: false; readonly jobId: string }> {
  return db.transaction().execute(async (trx) => {
    const upload = await ownStagedUpload(trx, uploadId, adminId);
    if (upload.state !== 'open') {
      if (upload.job_id) return { first: false, jobId: upload.job_id };
      throw conflict('staged_upload_committing', `staged upload ${uploadId} is being committed`);
    }
    const files = await trx.selectFrom('staged_upload_files').select((eb) => eb.fn.countAll<number | string>().as('n')).where('upload_id', '=', uploadId).executeTakeFirst();
    await trx.updateTable('staged_uploads').set({ state: 'committed', touched_at: at }).where('id', '=', uploadId).execute();
    await writeAudit(trx, { at, userId: adminId, action: 'stagedUpload.commit', entity: 'staged_upload', entityId: uploadId, detail: { datasetId: upload.dataset_id, files: toNumber(files?.n) } });
    return { first: true };
  });
}

/** The commit's second step: its job named. */
export async function recordCommitJob(db: Kysely<Database>, uploadId: string, jobId: string): Promise<void> {
  await db.updateTable('staged_uploads').set({ job_id: jobId }).where('id', '=', uploadId).execute();
}

/** Back to open (the job could not be written): the admin may commit again. */
export async function reopen(db: Kysely<Database>, uploadId: string): Promise<void> {
  await db.updateTable('staged_uploads').set({ state: 'open' }).where('id', '=', uploadId).where('job_id', 'is', null).execute();
}

/**
 * Deletes the session and its file rows (an audit row says by whom: the admin, or null for the
 * idle sweep), then releases the blobs nothing else keeps. Answers how many blobs went.
 */
export async function discardStagedUpload(db: Kysely<Database>, blobs: BlobStore, uploadId: string, actorId: string | null, at: string, reason: 'aborted' | 'idle' | 'imported'): Promise<number> {
  const files = await db.transaction().execute(async (trx) => {
    const rows = await takeFileRows(trx, uploadId);
    const deleted = await trx.deleteFrom('staged_uploads').where('id', '=', uploadId).executeTakeFirst();
    if (reason !== 'imported' && Number(deleted.numDeletedRows) > 0) {
      await writeAudit(trx, { at, userId: actorId, action: 'stagedUpload.abort', entity: 'staged_upload', entityId: uploadId, detail: { reason, files: rows.length } });
    }
    return rows;
  });
  return releaseStagedBlobs(db, blobs, files);
}

/**
 * The import's end: the session's file rows deleted and their blobs released where nothing else
 * keeps them (the imported files' are their items' now). The session row stays, committed, so a
 * retried commit still answers its job, until the idle sweep removes it.
 */
export async function releaseStagedFiles(db: Kysely<Database>, blobs: BlobStore, uploadId: string): Promise<number> {
  return releaseStagedBlobs(db, blobs, await db.transaction().execute((trx) => takeFileRows(trx, uploadId)));
}

async function takeFileRows(db: Kysely<Database>, uploadId: string): Promise<Pick<StagedFileRow, 'sha256' | 'staged_at'>[]> {
  const rows = await db.selectFrom('staged_upload_files').select(['sha256', 'staged_at']).where('upload_id', '=', uploadId).execute();
  await db.deleteFrom('staged_upload_files').where('upload_id', '=', uploadId).execute();
  return rows;
}

/** Deletes the staged blobs no row refers to any more (each only when not stored again since it was staged). */
async function releaseStagedBlobs(db: Kysely<Database>, blobs: BlobStore, files: readonly Pick<StagedFileRow, 'sha256' | 'staged_at'>[]): Promise<number> {
  const stagedAt = new Map(files.map((file) => [file.sha256, file.staged_at]));
  let released = 0;
  for (const key of await unreferencedOf(db, blobs, stagedAt.keys())) {
    if (await blobs.delete(key, { notPutAfter: new Date(stagedAt.get(key) as string) })) {
      await forgetBlob(db, key);
      released += 1;
    }
  }
  return released;
}
