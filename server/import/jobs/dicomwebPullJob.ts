/**
 * A pull from a PACS run as an import job (POST /api/datasets/:id/dicomweb-pull). The
 * `import_jobs` row names one source blob, so the job's source is the pull's request stored as a
 * blob, and the job's `kind` says so. The PACS password is never written there: the job is given
 * it in memory (ImportJobs.enqueue), so a retry after the server restarted cannot send it and
 * says so rather than pulling without it.
 */
import { Readable } from 'node:stream';
import type { DicomwebPullRequest } from '../../../src/core/api';
import { readWholeBlob, type BlobStore, type StoredBlob } from '../../blobs/blobStore';
import type { ImportJobRow } from './jobRows';

/** The request as its job's source blob keeps it: no password, only whether one was given. */
type PullManifest = Omit<DicomwebPullRequest, 'password'> & { readonly passwordGiven: boolean };

export const PASSWORD_NOT_KEPT = 'the PACS password is kept only while its pull runs, never stored; start the pull again with it';

/** The job's name: the PACS's host and what is pulled from it (UIDs, never a query's values, which may name a patient). */
export function dicomwebPullJobName(request: DicomwebPullRequest): string {
  const host = new URL(request.baseUrl).host;
  const picked = request.studyInstanceUids;
  if (picked?.length === 1) return `${host}: study ${picked[0]}`;
  if (picked) return `${host}: ${picked.length} picked studies`;
  if (request.studyInstanceUid && request.seriesInstanceUid) return `${host}: series ${request.seriesInstanceUid}`;
  if (request.studyInstanceUid) return `${host}: study ${request.studyInstanceUid}`;
  return `${host}: query`;
}

export function isDicomwebPullJob(job: Pick<ImportJobRow, 'kind'>): boolean {
  return job.kind === 'dicomwebPull';
}

export function storePullManifest(blobs: BlobStore, request: DicomwebPullRequest): Promise<StoredBlob> {
  const { password, ...kept } = request;
  const manifest: PullManifest = { ...kept, passwordGiven: password !== undefined };
  return blobs.put(Readable.from([Buffer.from(JSON.stringify(manifest))]));
}

/** The job's request again, with the password it was given in memory; throws when it needs one it no longer has. */
export async function pullRequestOfJob(blobs: BlobStore, job: Pick<ImportJobRow, 'source_sha256'>, password: string | undefined): Promise<DicomwebPullRequest> {
  const { passwordGiven, ...request } = JSON.parse((await readWholeBlob(blobs, job.source_sha256)).toString('utf8')) as PullManifest;
  if (!passwordGiven) return request;
  if (password === undefined) throw new Error(PASSWORD_NOT_KEPT);
  return { ...request, password };
}
