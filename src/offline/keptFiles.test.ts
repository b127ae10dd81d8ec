import { describe, expect, it } from 'vitest';
import { KeptFiles, keptFileUrl, type FileStore } from './keptFiles';

/** An in-memory Cache API stand-in; `stored` resolves at each write, which the page does not wait for. */
class FakeStore implements FileStore {
  readonly entries = new Map<string, ArrayBuffer>();
  private written: () => void = () => undefined;
  constructor(private readonly refuse = false) {}
  stored(): Promise<void> {
    return new Promise((resolve) => {
      this.written = resolve;
    });
  }
  async match(url: string) {
    const bytes = this.entries.get(url);
    return bytes ? new Response(bytes) : undefined;
  }
  async put(url: string, response: Response) {
    const bytes = await response.arrayBuffer();
    this.written();
    if (this.refuse) throw new DOMException('full', 'QuotaExceededError');
    this.entries.set(url, bytes);
  }
}

const bytesOf = (...values: number[]) => new Uint8Array(values).buffer;
const URL_A = keptFileUrl('https://mejirushi.example', 'item 1', 'file/a');

describe('kept files', () => {
  it('names a file by the absolute URL the API serves it under', () => {
    expect(URL_A).toBe('https://mejirushi.example/api/items/item%201/files/file%2Fa');
  });

  it('fetches a file once, keeps it, and serves it from the cache after', async () => {
    const store = new FakeStore();
    const files = new KeptFiles(async () => store);
    let fetches = 0;
    const fetchBytes = async () => {
      fetches += 1;
      return bytesOf(1, 2, 3);
    };
    const stored = store.stored();
    expect([...new Uint8Array(await files.load(URL_A, fetchBytes))]).toEqual([1, 2, 3]);
    await stored;
    expect([...new Uint8Array(await files.load(URL_A, fetchBytes))]).toEqual([1, 2, 3]);
    expect(fetches).toBe(1);
  });

  it('keeps the bytes as fetched even when the caller hands the buffer on', async () => {
    const store = new FakeStore();
    const files = new KeptFiles(async () => store);
    const stored = store.stored();
    const bytes = await files.load(URL_A, async () => bytesOf(7, 8));
    // A transfer to a worker detaches the caller's buffer.
    structuredClone(bytes, { transfer: [bytes] });
    await stored;
    expect([...new Uint8Array(store.entries.get(URL_A) ?? new ArrayBuffer(0))]).toEqual([7, 8]);
  });

  it('serves the file when the cache refuses it or there is no cache, and reports a failed fetch', async () => {
    const full = new FakeStore(true);
    const stored = full.stored();
    expect((await new KeptFiles(async () => full).load(URL_A, async () => bytesOf(5))).byteLength).toBe(1);
    await stored;
    expect(full.entries.size).toBe(0);
    expect((await new KeptFiles(async () => null).load(URL_A, async () => bytesOf(5, 6))).byteLength).toBe(2);
    const offline = new KeptFiles(async () => new FakeStore());
    await expect(offline.load(URL_A, () => Promise.reject(new Error('offline')))).rejects.toThrow('offline');
  });
});
