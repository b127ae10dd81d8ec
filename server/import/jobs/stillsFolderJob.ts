/**
 * A folder of staged stills imported as one frame set by an import job (POST
 * /api/datasets/:id/stills). The `import_jobs` row names one source blob, so the job's source is
 * the folder's manifest (the stills by name and blob, as the request sent them) stored as a blob,
 * and the job's `kind` says so.
 */
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { StillsImportRequest } from '../../../src/core/api';
import { BlobNotFoundError, readWholeBlob, type BlobStore, type StoredBlob } from '../../blobs/blobStore';
import type { Database } from '../../db/schema';
import type { ImportJobRow } from './jobRows';

/** The job's name: the stills' common top folder (as the admin chose it), else `stills`, written as a folder. */
export function stillsFolderJobName(request: StillsImportRequest): string {
  const tops = new Set(request.files.map((still) => (still.name.includes('/') ? (still.name.split('/')[0] as string) : '')));
  const [top] = tops;
  return `${tops.size === 1 && top ? top : 'stills'}/`;
}

export function isStillsFolderJob(job: Pick<ImportJobRow, 'kind'>): boolean {
  return job.kind === 'stillsFolder';
}

/** Jobs that may still import their stills: those waiting or running, and failed ones an admin may retry. */
const MAY_RUN = ['queued', 'building', 'failed'] as const;

/** The staged stills' keys of every folder job that may still need them (the blob collector keeps them). */
export async function stagedStillsOfJobs(db: Kysely<Database>, blobs: BlobStore): Promise<string[]> {
  const jobs = await db.selectFrom('import_jobs').select('source_sha256').where('kind', '=', 'stillsFolder').where('state', 'in', MAY_RUN).execute();
  const keys: string[] = [];
  for (const job of jobs) {
    try {
      keys.push(...(await manifestOf(blobs, job)).files.map((still) => still.sha256));
    } catch (error) {
      // Its manifest is gone: the job cannot run again, and names nothing to keep.
      if (!(error instanceof BlobNotFoundError)) throw error;
    }
  }
  return keys;
}

async function manifestOf(blobs: BlobStore, job: Pick<ImportJobRow, 'source_sha256'>): Promise<StillsImportRequest> {
  return JSON.parse((await readWholeBlob(blobs, job.source_sha256)).toString('utf8')) as StillsImportRequest;
}

export function storeStillsManifest(blobs: BlobStore, request: StillsImportRequest): Promise<StoredBlob> {
  const manifest: StillsImportRequest = { files: request.files.map(({ name, sha256 }) => ({ name, sha256 })) };
  return blobs.put(Readable.from([Buffer.from(JSON.stringify(manifest))]));
}

/** The folder's stills, each as its staged blob; a still whose blob is gone fails the job (nothing is imported). */
export async function stillsOfJob(blobs: BlobStore, job: Pick<ImportJobRow, 'source_sha256'>): Promise<{ name: string; stored: StoredBlob }[]> {
  const manifest = await manifestOf(blobs, job);
  const files = [];
  for (const still of manifest.files) {
    const stored = await blobs.stat(still.sha256);
    if (!stored) throw new Error(`the staged still ${still.name} is gone; upload the folder again`);
    files.push({ name: still.name, stored });
  }
  return files;
}
