/**
 * Blobs opened for positioned reads while one import runs: each is read where it lies (the disk
 * store's own file, or a streamed local copy of another store's), never loaded whole. `close`
 * ends every loan.
 */
import type { BlobStore } from '../blobs/blobStore';
import { lendLocalPath, type LentPath } from '../blobs/localPath';
import type { WorkDirs } from '../workDirs/workDirs';
import { openFileSource, type ClosableByteSource } from './dicomWsi/byteSource';

export class BlobSources {
  private readonly open = new Map<string, Promise<{ source: ClosableByteSource; lent: LentPath }>>();

  constructor(
    private readonly blobs: BlobStore,
    private readonly workDirs: WorkDirs,
  ) {}

  /** The blob as a byte source, opened once however often it is asked for. */
  async source(sha256: string): Promise<ClosableByteSource> {
    let opened = this.open.get(sha256);
    if (!opened) {
      opened = (async () => {
        const lent = await lendLocalPath(this.blobs, sha256, this.workDirs);
        try {
          return { source: await openFileSource(lent.path), lent };
        } catch (error) {
          await lent.release();
          throw error;
        }
      })();
      this.open.set(sha256, opened);
    }
    return (await opened).source;
  }

  async close(): Promise<void> {
    const all = [...this.open.values()];
    this.open.clear();
    for (const settled of await Promise.allSettled(all)) {
      if (settled.status !== 'fulfilled') continue;
      await settled.value.source.close();
      await settled.value.lent.release();
    }
  }
}
