import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FrameCache } from './frameCache';

/** A stand-in for a decoded frame: remembers which frame it is and whether it was closed. */
interface FakeBitmap {
  readonly frame: number;
  closed: boolean;
  close(): void;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('FrameCache', () => {
  beforeEach(() => {
    // Node has no createImageBitmap: a blob's text (the frame number) becomes a fake bitmap.
    vi.stubGlobal('createImageBitmap', async (blob: Blob): Promise<FakeBitmap> => {
      const bitmap: FakeBitmap = { frame: Number(await blob.text()), closed: false, close: () => (bitmap.closed = true) };
      return bitmap;
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('loads each frame once, says when it is ready, and marks a failed one', async () => {
    const load = vi.fn(async (frame: number) => (frame === 3 ? Promise.reject(new Error('404')) : new Blob([String(frame)])));
    const settled: number[] = [];
    const cache = new FrameCache(load, (frame) => settled.push(frame));
    cache.request([1, 2, 3]);
    cache.request([1, 2]);
    await flush();
    expect(load).toHaveBeenCalledTimes(3);
    expect(settled.sort()).toEqual([1, 2, 3]);
    expect([cache.isReady(1), cache.isReady(2), cache.isReady(3), cache.hasFailed(3)]).toEqual([true, true, false, true]);
    expect((cache.get(2) as unknown as FakeBitmap).frame).toBe(2);
  });

  it('closes the least recently used frames beyond its capacity, and everything on dispose', async () => {
    const cache = new FrameCache(async (frame) => new Blob([String(frame)]), () => undefined, 2);
    cache.request([1, 2]);
    await flush();
    const first = cache.get(1) as unknown as FakeBitmap;
    cache.request([3]);
    await flush();
    // Frame 1 was read after 2, so 2 is the one closed.
    expect([cache.isReady(1), cache.isReady(2), cache.isReady(3)]).toEqual([true, false, true]);
    cache.dispose();
    expect(first.closed).toBe(true);
    expect(cache.isReady(1)).toBe(false);
  });
});
