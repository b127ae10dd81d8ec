/**
 * The import job that commits a staged upload (kind `stagedUpload`): its source blob is a small
 * manifest naming the session; the job imports the session's files in index order through the
 * importer every upload goes through, keeps each imported file's de-identification report with
 * the dataset, then releases the staged files (the imported ones are their items' now; the
 * session row stays to answer a retried commit until the idle sweep).
 * The request that commits answers 202 with the job at once, so no request waits on the import.
 */
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { FileImportOutcome, ImportJobCounts, ImportReport } from '../../src/core/api';
import { parseDeidReport } from '../../src/core/deid/report';
import { readWholeBlob, type BlobStore, type StoredBlob } from '../blobs/blobStore';
import type { Database } from '../db/schema';
import { saveDeidReport } from '../deid/policies';
import { importDicomFiles, type ImportOptions } from '../import/importFiles';
import type { ImportJobRow } from '../import/jobs/jobRows';
import { releaseStagedFiles, stagedFilesOf } from './stagedUploads';

interface StagedUploadManifest {
  readonly stagedUploadId: string;
}

export function isStagedUploadJob(job: Pick<ImportJobRow, 'kind'>): boolean {
  return job.kind === 'stagedUpload';
}

export function storeStagedUploadManifest(blobs: BlobStore, stagedUploadId: string): Promise<StoredBlob> {
  const manifest: StagedUploadManifest = { stagedUploadId };
  return blobs.put(Readable.from([Buffer.from(JSON.stringify(manifest))]));
}

/** `onCounts`: files decided of the session's, and their bytes, as the import goes (each percent once). */
export async function importStagedUpload(
  db: Kysely<Database>,
  job: Pick<ImportJobRow, 'source_sha256' | 'dataset_id' | 'created_by'>,
  options: ImportOptions,
  onCounts: (counts: ImportJobCounts) => void = () => {},
): Promise<ImportReport> {
  const { stagedUploadId } = JSON.parse((await readWholeBlob(options.blobs, job.source_sha256)).toString('utf8')) as StagedUploadManifest;
  const files = await stagedFilesOf(db, stagedUploadId);
  if (files.length === 0) throw new Error('the staged files are gone (the upload was cancelled or swept): upload them again');
  const sizes = new Map(files.map((file) => [file.name, Number(file.size)]));
  const counts = { done: 0, total: files.length, bytes: 0 };
  let shownPercent = -1;
  const decided = (outcome: FileImportOutcome) => {
    counts.done += 1;
    counts.bytes += sizes.get(outcome.file) ?? 0;
    const percent = Math.floor((counts.done * 100) / counts.total);
    if (percent !== shownPercent) onCounts({ ...counts });
    shownPercent = percent;
  };
  const report = await importDicomFiles(
    db,
    job.dataset_id,
    files.map((file) => ({ name: file.name, stored: { sha256: file.sha256, size: Number(file.size) } })),
    job.created_by,
    { ...options, onOutcome: decided },
  );
  const at = (options.now ?? (() => new Date()))().toISOString();
  const reports = new Map(files.map((file) => [file.name, file.report]));
  for (const outcome of report.outcomes) {
    const text = outcome.status === 'imported' ? reports.get(outcome.file) : null;
    const parsed = text ? parseDeidReport(JSON.parse(text)) : null;
    if (parsed) await saveDeidReport(db, job.dataset_id, parsed, at);
  }
  if (!options.signal?.aborted) await releaseStagedFiles(db, options.blobs, stagedUploadId);
  return report;
}
