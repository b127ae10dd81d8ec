import { describe, expect, it, vi } from 'vitest';
import type { OfflineStudy } from '../../../offline/offlineStudy';
import { ApiRequestError, NetworkError } from '../../../data/api';
import { seriesThumbnail, thumbnailUrl } from './thumbnailCache';

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

  it('says "not kept" offline for a version this device never kept, and is never a URL then', async () => {
    vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:kept');
    const store = memoryStore();
    store.pictures.set('five@1', new Blob(['jpeg']));
    const offline = vi.fn(async (): Promise<Blob> => {
      throw new NetworkError(new TypeError('Failed to fetch'));
    });
    expect(await seriesThumbnail({ itemId: 'five', updatedAt: '1' }, offline, store)).toEqual({ kind: 'picture', url: 'blob:kept' });
    expect(await seriesThumbnail({ itemId: 'ten', updatedAt: '1' }, offline, store)).toEqual({ kind: 'notKept' });
    expect(offline).toHaveBeenCalledTimes(1);
  });

  it('shows an empty frame where the server answered but could not make a picture', async () => {
    const store = memoryStore();
    const refused = vi.fn(async (): Promise<Blob> => {
      throw new ApiRequestError(404, { error: 'no_thumbnail' }, null);
    });
    expect(await seriesThumbnail({ itemId: 'unreadable', updatedAt: '1' }, refused, store)).toEqual({ kind: 'none' });
  });
});
