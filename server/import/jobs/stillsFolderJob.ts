/**
 * A folder of staged stills imported as one frame set by an import job (POST
 * /api/datasets/:id/stills). The `import_jobs` row names one source blob, so the job's source is
 * the folder's manifest (the stills by name and blob, as the request sent them) stored as a blob,
 * and the job's `kind` says so.
 */
import { Readable } from 'node:stream';
import type { StillsImportRequest } from '../../../src/core/api';
import { readWholeBlob, type BlobStore, type StoredBlob } from '../../blobs/blobStore';
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

export function storeStillsManifest(blobs: BlobStore, request: StillsImportRequest): Promise<StoredBlob> {
  const manifest: StillsImportRequest = { files: request.files.map(({ name, sha256 }) => ({ name, sha256 })) };
  return blobs.put(Readable.from([Buffer.from(JSON.stringify(manifest))]));
}

/** The folder's stills, each as its staged blob; a still whose blob is gone fails the job (nothing is imported). */
export async function stillsOfJob(blobs: BlobStore, job: Pick<ImportJobRow, 'source_sha256'>): Promise<{ name: string; stored: StoredBlob }[]> {
  const manifest = JSON.parse((await readWholeBlob(blobs, job.source_sha256)).toString('utf8')) as StillsImportRequest;
  const files = [];
  for (const still of manifest.files) {
    const stored = await blobs.stat(still.sha256);
    if (!stored) throw new Error(`the staged still ${still.name} is gone; upload the folder again`);
    files.push({ name: still.name, stored });
  }
  return files;
}
