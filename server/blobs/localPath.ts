/**
 * A local file path for a blob, for tools that only read files (vips, OpenSlide). The disk store
 * lends its own file; any other store (an object store) gets a streamed temp copy, removed on
 * release. Never reads the blob into memory.
 */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { WorkDirs } from '../workDirs/workDirs';
import type { BlobStore } from './blobStore';
import { DiskBlobStore } from './diskBlobStore';

export interface LentPath {
  readonly path: string;
  /** Ends the loan: removes a temp copy; the store's own file stays. */
  release(): Promise<void>;
}

export async function lendLocalPath(store: BlobStore, sha256: string, workDirs: WorkDirs): Promise<LentPath> {
  if (store instanceof DiskBlobStore) {
    const path = store.pathOf(sha256);
    return { path, release: async () => undefined };
  }
  const dir = await workDirs.workDir('blob');
  const path = join(dir.path, sha256);
  try {
    await pipeline(await store.read(sha256), createWriteStream(path));
  } catch (error) {
    await dir.release();
    throw error;
  }
  return { path, release: dir.release };
}
