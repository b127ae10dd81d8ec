import { describe, expect, it, vi } from 'vitest';
import { thumbnailUrl } from './thumbnailCache';

describe('series thumbnails', () => {
  it('fetches a version once, a new version again, and forgets a failure', async () => {
    let made = 0;
    vi.spyOn(URL, 'createObjectURL').mockImplementation(() => `blob:${(made += 1)}`);
    const fetchThumbnail = vi.fn(async () => new Blob(['jpeg']));
    const v1 = { itemId: 'cache-test', updatedAt: '1' };
    expect(await thumbnailUrl(v1, fetchThumbnail)).toBe('blob:1');
    expect(await thumbnailUrl(v1, fetchThumbnail)).toBe('blob:1');
    expect(fetchThumbnail).toHaveBeenCalledTimes(1);
    expect(await thumbnailUrl({ ...v1, updatedAt: '2' }, fetchThumbnail)).toBe('blob:2');

    const failing = vi.fn(async (): Promise<Blob> => {
      throw new Error('offline');
    });
    const v3 = { ...v1, updatedAt: '3' };
    await expect(thumbnailUrl(v3, failing)).rejects.toThrow('offline');
    expect(await thumbnailUrl(v3, fetchThumbnail)).toBe('blob:3');
  });
});
