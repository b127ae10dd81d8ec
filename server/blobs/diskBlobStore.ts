/**
 * The blob store on a local (or shared, mounted) file system:
 * `<data>/blobs/sha256/<2 hex>/<2 hex>/<hash>`. A put writes a temp file under
 * `<data>/blobs/tmp` (same file system, so the final rename is atomic), fsyncs it and renames it
 * into place; readers therefore see a whole blob or none. Several server instances may share the
 * folder: two puts of the same content both end with the same complete file. A blob's mtime is
 * when it was last put (a put of content already there touches it), which the collector's grace
 * period counts from (server/blobs/gc).
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, opendir, readdir, rename, rm, stat, unlink, utimes } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertSha256, BlobNotFoundError, BlobTooLargeError, isSha256, type BlobStore, type ByteRange, type DeleteOptions, type ListedBlob, type PutOptions, type StoredBlob } from './blobStore';

/**
 * Bytes buffered between the source and the disk. With Node's 16 KiB default, each network
 * chunk waits for the previous write and the socket stalls meanwhile; a few MiB let reads go on
 * while a write is in flight and the file stream write several chunks at once (writev). Memory
 * per upload stays bounded by it.
 */
const WRITE_BUFFER_BYTES = 4 * 1024 * 1024;

/** Temp files older than this belong to a process that died mid-upload (any instance). */
const STALE_TEMP_MS = 24 * 60 * 60 * 1000;

export class DiskBlobStore implements BlobStore {
  private readonly tmpDir: string;

  constructor(private readonly root: string) {
    this.tmpDir = join(root, 'tmp');
  }

  pathOf(sha256: string): string {
    assertSha256(sha256);
    return join(this.root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(source: AsyncIterable<Uint8Array>, options: PutOptions = {}): Promise<StoredBlob> {
    const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
    await mkdir(this.tmpDir, { recursive: true });
    const temp = join(this.tmpDir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    let size = 0;
    // Created before the pipeline runs: a write stream opens its file asynchronously, so a source
    // failing at once could have the file made after the clean-up below had removed nothing.
    const file = await open(temp, 'wx');
    try {
      await pipeline(
        source,
        // A synchronous transform: no promise per chunk on a multi-gigabyte upload.
        new Transform({
          highWaterMark: WRITE_BUFFER_BYTES,
          transform(chunk: Buffer, _encoding, done) {
            size += chunk.byteLength;
            if (size > maxBytes) return done(new BlobTooLargeError(maxBytes));
            hash.update(chunk);
            done(null, chunk);
          },
        }),
        file.createWriteStream({ highWaterMark: WRITE_BUFFER_BYTES }),
      );
      const sha256 = hash.digest('hex');
      const path = this.pathOf(sha256);
      const stored = { sha256, size };
      if (await touched(path)) {
        await rm(temp, { force: true });
        options.onStored?.(stored, 'existed');
      } else {
        await fsync(temp);
        await mkdir(dirname(path), { recursive: true });
        await rename(temp, path);
        await fsync(dirname(path));
        options.onStored?.(stored, 'created');
      }
      return stored;
    } catch (error) {
      await file.close().catch(() => undefined);
      await rm(temp, { force: true });
      throw error;
    }
  }

  async stat(sha256: string): Promise<StoredBlob | null> {
    try {
      return { sha256, size: (await stat(this.pathOf(sha256))).size };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async read(sha256: string, range?: ByteRange): Promise<Readable> {
    const path = this.pathOf(sha256);
    // Open first so a missing blob is an error here, not a stream error after headers went out.
    let handle;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      if (isMissing(error)) throw new BlobNotFoundError(sha256);
      throw error;
    }
    return handle.createReadStream({ start: range?.start, end: range?.end });
  }

  async *list(): AsyncIterable<ListedBlob> {
    // Three levels of folders, each read as a stream: one folder's entries at a time, never the whole store's.
    for await (const first of entriesOf(join(this.root, 'sha256'))) {
      for await (const second of entriesOf(join(this.root, 'sha256', first))) {
        const dir = join(this.root, 'sha256', first, second);
        for await (const name of entriesOf(dir)) {
          if (!isSha256(name)) continue;
          const info = await stat(join(dir, name)).catch(() => null);
          if (info?.isFile()) yield { sha256: name, size: info.size, putAt: info.mtime };
        }
      }
    }
  }

  async delete(sha256: string, options: DeleteOptions = {}): Promise<boolean> {
    const path = this.pathOf(sha256);
    try {
      if (options.notPutAfter && (await stat(path)).mtimeMs > options.notPutAfter.getTime()) return false;
      await unlink(path);
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  /** Removes temp files a killed process left behind; recent ones may be another instance's upload. */
  async removeStaleTemps(now: Date = new Date()): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.tmpDir);
    } catch (error) {
      if (isMissing(error)) return 0;
      throw error;
    }
    let removed = 0;
    for (const name of names) {
      const path = join(this.tmpDir, name);
      const info = await stat(path).catch(() => null);
      if (info && now.getTime() - info.mtimeMs > STALE_TEMP_MS) {
        await rm(path, { force: true });
        removed += 1;
      }
    }
    return removed;
  }
}

/** The store of a data folder: `<data>/blobs`. */
export function blobStoreIn(dataDir: string): DiskBlobStore {
  return new DiskBlobStore(join(dataDir, 'blobs'));
}

/**
 * Whether the blob is stored; when it is, its mtime becomes now: put again, it is as young as a
 * new one to the collector. A file another user owns (instances under different accounts on one
 * share) cannot be touched: it is still stored, and only the grace period protects it then.
 */
async function touched(path: string): Promise<boolean> {
  const now = new Date();
  return utimes(path, now, now).then(
    () => true,
    (error: unknown) => {
      if (isMissing(error)) return false;
      if (isNotPermitted(error)) return true;
      throw error;
    },
  );
}

function isNotPermitted(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'EPERM' || code === 'EACCES';
}

/** A folder's entry names as a stream; none when it does not exist (an empty store, or removed meanwhile). */
async function* entriesOf(dir: string): AsyncIterable<string> {
  let handle;
  try {
    handle = await opendir(dir);
  } catch (error) {
    if (isMissing(error)) return;
    throw error;
  }
  for await (const entry of handle) yield entry.name;
}

/** Flushes a file's data, or a folder's entry list, to the disk. */
async function fsync(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isMissing(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ENOENT';
}
