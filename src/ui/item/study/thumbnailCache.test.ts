import { describe, expect, it, vi } from 'vitest';
import type { OfflineStudy } from '../../../offline/offlineStudy';
import { thumbnailUrl } from './thumbnailCache';

/** The offline store's thumbnail half, in memory. */
function memoryStore(): Pick<OfflineStudy, 'thumbnail' | 'keepThumbnail'> & { readonly pictures: Map<string, Blob> } {
  const pictures = new Map<string, Blob>();
  return {
    pictures,
    thumbnail: async (series) => pictures.get(`${series.itemId}@${series.updatedAt}`) ?? null,
    keepThumbnail: async (series, picture) => void pictures.set(`${series.itemId}@${series.updatedAt}`, picture),
  };
}

describe('series thumbnails', () => {
  it('fetches a version once and keeps it on the device, a new version again, and forgets a failure', async () => {
    let made = 0;
    vi.spyOn(URL, 'createObjectURL').mockImplementation(() => `blob:${(made += 1)}`);
    const store = memoryStore();
    const fetchThumbnail = vi.fn(async () => new Blob(['jpeg']));
    const v1 = { itemId: 'cache-test', updatedAt: '1' };
    expect(await thumbnailUrl(v1, fetchThumbnail, store)).toBe('blob:1');
    expect(await thumbnailUrl(v1, fetchThumbnail, store)).toBe('blob:1');
    expect(fetchThumbnail).toHaveBeenCalledTimes(1);
    expect([...store.pictures.keys()]).toEqual(['cache-test@1']);
    expect(await thumbnailUrl({ ...v1, updatedAt: '2' }, fetchThumbnail, store)).toBe('blob:2');
    expect(fetchThumbnail).toHaveBeenCalledTimes(2);

    const failing = vi.fn(async (): Promise<Blob> => {
      throw new Error('offline');
    });
    const v3 = { ...v1, updatedAt: '3' };
    await expect(thumbnailUrl(v3, failing, store)).rejects.toThrow('offline');
    expect(await thumbnailUrl(v3, fetchThumbnail, store)).toBe('blob:3');
  });

  it('shows the copy kept on the device without asking the server (offline, or a later visit)', async () => {
    vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:kept');
    const store = memoryStore();
    const series = { itemId: 'kept-test', updatedAt: '7' };
    store.pictures.set('kept-test@7', new Blob(['jpeg']));
    const unreachable = vi.fn(async (): Promise<Blob> => {
      throw new Error('offline');
    });
    expect(await thumbnailUrl(series, unreachable, store)).toBe('blob:kept');
    expect(unreachable).not.toHaveBeenCalled();
  });
});
