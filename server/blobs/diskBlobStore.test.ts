import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobNotFoundError, BlobTooLargeError, readWholeBlob, type ListedBlob } from './blobStore';
import { DiskBlobStore } from './diskBlobStore';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Every file under a folder, relative, sorted. */
function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
    .sort();
}

async function listAll(store: DiskBlobStore): Promise<ListedBlob[]> {
  const listed: ListedBlob[] = [];
  for await (const blob of store.list()) listed.push(blob);
  return listed;
}

async function text(stream: Readable): Promise<string> {
  let out = '';
  for await (const chunk of stream) out += (chunk as Buffer).toString('latin1');
  return out;
}

describe('DiskBlobStore', () => {
  let root: string;
  let store: DiskBlobStore;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'mejirushi-blobs-'));
    store = new DiskBlobStore(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('stores content under its SHA-256, sharded by the first two byte pairs, and reads it back', async () => {
    const bytes = Buffer.from('0123456789abcdef'.repeat(10_000));
    const hash = sha(bytes);
    // Many small chunks: the hash is taken while streaming, across chunk boundaries.
    const stored = await store.put(Readable.from(Array.from({ length: 100 }, (_, i) => bytes.subarray(i * 1600, (i + 1) * 1600))));
    expect(stored).toEqual({ sha256: hash, size: bytes.length });
    expect(filesUnder(root)).toEqual([join('sha256', hash.slice(0, 2), hash.slice(2, 4), hash)]);
    expect(readFileSync(store.pathOf(hash)).equals(bytes)).toBe(true);
    expect(await store.stat(hash)).toEqual(stored);
    expect((await readWholeBlob(store, hash)).equals(bytes)).toBe(true);
  });

  it('keeps identical content once', async () => {
    const first = await store.put(Readable.from([Buffer.from('same bytes')]));
    const second = await store.put(Readable.from([Buffer.from('same '), Buffer.from('bytes')]));
    expect(second).toEqual(first);
    expect(filesUnder(root)).toHaveLength(1);
  });

  it('reads an inclusive byte range', async () => {
    const { sha256 } = await store.put(Readable.from([Buffer.from('0123456789')]));
    expect(await text(await store.read(sha256, { start: 2, end: 5 }))).toBe('2345');
    expect(await text(await store.read(sha256, { start: 9, end: 9 }))).toBe('9');
  });

  it('answers null / BlobNotFoundError for a blob it does not hold, and refuses malformed names', async () => {
    const absent = sha(Buffer.from('never stored'));
    expect(await store.stat(absent)).toBeNull();
    await expect(store.read(absent)).rejects.toBeInstanceOf(BlobNotFoundError);
    await expect(store.stat('../../etc/passwd')).rejects.toThrow(/not a SHA-256/);
  });

  it('leaves no blob and no temp file when the source fails midway', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield Buffer.alloc(64 * 1024, 1);
      throw new Error('connection reset');
    }
    await expect(store.put(failing())).rejects.toThrow('connection reset');
    expect(filesUnder(root)).toEqual([]);
  });

  it('refuses content over maxBytes and keeps nothing', async () => {
    const chunks = Array.from({ length: 10 }, () => Buffer.alloc(1000, 7));
    await expect(store.put(Readable.from(chunks), { maxBytes: 5000 })).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(filesUnder(root)).toEqual([]);
    expect((await store.put(Readable.from(chunks), { maxBytes: 10_000 })).size).toBe(10_000);
  });

  it('removes temp files a killed process left, but not recent ones', async () => {
    mkdirSync(join(root, 'tmp'), { recursive: true });
    writeFileSync(join(root, 'tmp', 'old.part'), 'x');
    writeFileSync(join(root, 'tmp', 'fresh.part'), 'y');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    utimesSync(join(root, 'tmp', 'old.part'), twoDaysAgo, twoDaysAgo);
    expect(await store.removeStaleTemps()).toBe(1);
    expect(filesUnder(root)).toEqual([join('tmp', 'fresh.part')]);
  });

  it('lists every blob with its size and last put, skipping temp files and strays', async () => {
    const a = await store.put(Readable.from([Buffer.from('first')]));
    const b = await store.put(Readable.from([Buffer.from('second blob')]));
    mkdirSync(join(root, 'tmp'), { recursive: true });
    writeFileSync(join(root, 'tmp', 'upload.part'), 'x');
    writeFileSync(join(root, 'sha256', a.sha256.slice(0, 2), a.sha256.slice(2, 4), 'not-a-digest'), 'x');
    const listed = await listAll(store);
    expect(listed.map(({ sha256, size }) => ({ sha256, size })).sort((x, y) => x.sha256.localeCompare(y.sha256))).toEqual([a, b].sort((x, y) => x.sha256.localeCompare(y.sha256)));
    for (const blob of listed) expect(Math.abs(blob.putAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(await listAll(new DiskBlobStore(join(root, 'none')))).toEqual([]);
  });

  it('says whether a put made the blob, and a put of stored content makes it young again', async () => {
    const outcomes: string[] = [];
    const onStored = (_blob: unknown, outcome: string) => outcomes.push(outcome);
    const blob = await store.put(Readable.from([Buffer.from('again')]), { onStored });
    const path = store.pathOf(blob.sha256);
    const dayAgo = new Date(Date.now() - 24 * 3600 * 1000);
    utimesSync(path, dayAgo, dayAgo);
    await store.put(Readable.from([Buffer.from('again')]), { onStored });
    expect(outcomes).toEqual(['created', 'existed']);
    const [listed] = await listAll(store);
    expect(listed?.putAt.getTime()).toBeGreaterThan(dayAgo.getTime() + 60_000);
  });

  it('deletes a blob idempotently, and not one put after the given time', async () => {
    const blob = await store.put(Readable.from([Buffer.from('doomed')]));
    const hourAgo = new Date(Date.now() - 3600 * 1000);
    expect(await store.delete(blob.sha256, { notPutAfter: hourAgo })).toBe(false);
    expect(await store.stat(blob.sha256)).toEqual(blob);
    expect(await store.delete(blob.sha256)).toBe(true);
    expect(await store.stat(blob.sha256)).toBeNull();
    await expect(store.read(blob.sha256)).rejects.toBeInstanceOf(BlobNotFoundError);
    expect(await store.delete(blob.sha256)).toBe(false);
    await expect(store.delete('../etc/passwd')).rejects.toThrow(/not a SHA-256/);
  });
});
