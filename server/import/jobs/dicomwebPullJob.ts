/**
 * A pull from a PACS run as an import job (POST /api/datasets/:id/dicomweb-pull). The
 * `import_jobs` row names one source blob, so the job's source is the pull's request stored as a
 * blob, and the job's `kind` says so. The PACS password is never written there: the job is given
 * it in memory (ImportJobs.submit's secret), so a retry after the server restarted cannot send it
 * and says so rather than pulling without it. Into a dataset that requires de-identification, what
 * names the studies (the PACS's UIDs, a query's values) is held the same way: those UIDs identify
 * as much as a patient's name, and nothing identifying may be stored.
 */
import { Readable } from 'node:stream';
import type { DicomwebPullRequest } from '../../../src/core/api';
import { readWholeBlob, type BlobStore, type StoredBlob } from '../../blobs/blobStore';
import type { ImportJobRow } from './jobRows';

/** What a pull names its studies by. */
type PulledStudies = Pick<DicomwebPullRequest, 'studyInstanceUids' | 'studyInstanceUid' | 'seriesInstanceUid' | 'query'>;

/** What the job holds in memory only (its secret, as JSON). */
type Held = Pick<DicomwebPullRequest, 'password'> & PulledStudies;

/** The request as its job's source blob keeps it: no password, only whether one was given; no studies when they are held. */
type PullManifest = Omit<DicomwebPullRequest, keyof Held> & PulledStudies & { readonly passwordGiven: boolean; readonly studiesHeld?: boolean };

export const PASSWORD_NOT_KEPT = 'the PACS password is kept only while its pull runs, never stored; start the pull again with it';

export const STUDIES_NOT_KEPT = 'into a dataset that requires de-identification, the studies a pull names are kept only while it runs, never stored; start the pull again';

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

/** The name of a pull whose studies are held: how many, never which. */
function heldPullJobName(request: DicomwebPullRequest): string {
  const host = new URL(request.baseUrl).host;
  const picked = request.studyInstanceUids;
  if (picked) return `${host}: ${picked.length} picked ${picked.length === 1 ? 'study' : 'studies'}`;
  if (request.studyInstanceUid && request.seriesInstanceUid) return `${host}: one series`;
  if (request.studyInstanceUid) return `${host}: one study`;
  return `${host}: query`;
}

export function isDicomwebPullJob(job: Pick<ImportJobRow, 'kind'>): boolean {
  return job.kind === 'dicomwebPull';
}

/** What a pull's job is submitted with: its name, its stored request, and what it holds in memory. */
export interface PullJobSource {
  readonly fileName: string;
  readonly manifest: StoredBlob;
  readonly secret: string | undefined;
}

/** `holdStudies`: the dataset requires de-identification, so the studies' UIDs and a query are held, not stored. */
export async function pullJobSource(blobs: BlobStore, request: DicomwebPullRequest, holdStudies: boolean): Promise<PullJobSource> {
  const { password, studyInstanceUids, studyInstanceUid, seriesInstanceUid, query, ...kept } = request;
  const studies: PulledStudies = { studyInstanceUids, studyInstanceUid, seriesInstanceUid, query };
  const manifest: PullManifest = { ...kept, ...(holdStudies ? { studiesHeld: true } : studies), passwordGiven: password !== undefined };
  const held: Held = { password, ...(holdStudies ? studies : {}) };
  const secret = Object.values(held).some((value) => value !== undefined) ? JSON.stringify(held) : undefined;
  return {
    fileName: holdStudies ? heldPullJobName(request) : dicomwebPullJobName(request),
    manifest: await blobs.put(Readable.from([Buffer.from(JSON.stringify(manifest))])),
    secret,
  };
}

/** The job's request again, with what it was given in memory; throws when it needs what it no longer has. */
export async function pullRequestOfJob(blobs: BlobStore, job: Pick<ImportJobRow, 'source_sha256'>, secret: string | undefined): Promise<DicomwebPullRequest> {
  const { passwordGiven, studiesHeld, ...stored } = JSON.parse((await readWholeBlob(blobs, job.source_sha256)).toString('utf8')) as PullManifest;
  const held = secret === undefined ? undefined : (JSON.parse(secret) as Held);
  if (studiesHeld && held === undefined) throw new Error(STUDIES_NOT_KEPT);
  if (passwordGiven && held?.password === undefined) throw new Error(PASSWORD_NOT_KEPT);
  // JSON drops the fields left undefined, so the request comes back as it was sent.
  return JSON.parse(JSON.stringify({ ...stored, ...held })) as DicomwebPullRequest;
}
