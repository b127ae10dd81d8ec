import { describe, expect, it, vi } from 'vitest';
import { lazyChunk } from './lazyChunk';

describe('lazyChunk', () => {
  it('loads once however often it is asked, and reports the module once evaluated', async () => {
    const load = vi.fn(() => Promise.resolve({ name: 'viewer' }));
    const chunk = lazyChunk(load);
    expect(chunk.loaded()).toBeNull();
    const [a, b] = await Promise.all([chunk.preload(), chunk.preload()]);
    expect(a).toBe(b);
    expect(chunk.loaded()).toBe(a);
    await chunk.preload();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('forgets a failed load, so a later attempt (back online) loads it', async () => {
    const load = vi.fn<() => Promise<{ name: string }>>().mockRejectedValueOnce(new Error('offline')).mockResolvedValueOnce({ name: 'viewer' });
    const chunk = lazyChunk(load);
    await expect(chunk.preload()).rejects.toThrow('offline');
    expect(chunk.loaded()).toBeNull();
    await expect(chunk.preload()).resolves.toEqual({ name: 'viewer' });
    expect(load).toHaveBeenCalledTimes(2);
  });
});
