import { describe, expect, it } from 'vitest';
import { OfflineTiles, type TileStore } from './offlineTiles';

/** An in-memory Cache API stand-in that refuses writes past `quota` entries, as a full disk does. */
class FakeStore implements TileStore {
  readonly entries = new Map<string, Blob>();
  constructor(private readonly quota = Infinity) {}
  keys() {
    return Promise.resolve([...this.entries.keys()].map((url) => ({ url })));
  }
  async match(url: string) {
    const blob = this.entries.get(url);
    return blob ? new Response(blob) : undefined;
  }
  async put(url: string, response: Response) {
    const blob = await response.blob();
    if (!this.entries.has(url) && this.entries.size >= this.quota) throw new DOMException('full', 'QuotaExceededError');
    this.entries.delete(url);
    this.entries.set(url, blob);
  }
  async delete(url: string) {
    return this.entries.delete(url);
  }
}

const tile = (text: string) => new Blob([text], { type: 'image/jpeg' });

describe('offline tiles', () => {
  it('serves a kept tile back and nothing for one never kept', async () => {
    const tiles = new OfflineTiles(async () => new FakeStore(), 10);
    await tiles.keep('/t/0/0/0', tile('zero'));
    expect(await (await tiles.read('/t/0/0/0'))?.text()).toBe('zero');
    expect(await tiles.read('/t/0/1/0')).toBeNull();
  });

  it('stays within its bound, dropping the oldest first, across sessions', async () => {
    const store = new FakeStore();
    const first = new OfflineTiles(async () => store, 3);
    for (const n of [1, 2, 3, 4]) await first.keep(`/t/${n}`, tile(String(n)));
    expect([...store.entries.keys()]).toEqual(['/t/2', '/t/3', '/t/4']);
    // A later session with a smaller bound trims what an earlier one left, oldest first.
    const second = new OfflineTiles(async () => store, 2);
    await second.keep('/t/5', tile('5'));
    expect([...store.entries.keys()]).toEqual(['/t/4', '/t/5']);
  });

  it('evicts and carries on when the storage quota is full', async () => {
    const store = new FakeStore(5);
    const tiles = new OfflineTiles(async () => store, 100);
    for (let n = 0; n < 8; n++) await tiles.keep(`/t/${n}`, tile(String(n)));
    expect(store.entries.size).toBeLessThanOrEqual(5);
    expect(await (await tiles.read('/t/7'))?.text()).toBe('7');
    expect(store.entries.has('/t/0')).toBe(false);
  });

  it('keeps nothing, and says so by answering null, where there is no cache', async () => {
    const tiles = new OfflineTiles(() => Promise.reject(new Error('no Cache API')));
    await expect(tiles.keep('/t/1', tile('1'))).resolves.toBeUndefined();
    expect(await tiles.read('/t/1')).toBeNull();
  });

  it('never fails the caller when the cache refuses a write for another reason', async () => {
    const store = new FakeStore();
    store.put = () => Promise.reject(new TypeError('refused'));
    const tiles = new OfflineTiles(async () => store, 10);
    await expect(tiles.keep('/t/1', tile('1'))).resolves.toBeUndefined();
    expect(await tiles.read('/t/1')).toBeNull();
  });
});
