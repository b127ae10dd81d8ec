import { cache, Enums, imageLoader } from '@cornerstonejs/core';
import { useEffect } from 'react';
import { prefetchOrder } from './prefetchOrder';
import type { ViewportHandle } from './useStackViewport';

/** Two loads in flight keep one decode worker busy without crowding out the slice being opened. */
const PREFETCH_CONCURRENCY = 2;

/**
 * Once the current slice is on screen, loads the rest of the series outward from it. Restarts
 * from the new position whenever the page moves; a failure here is not reported (the slice shows
 * its own error when opened).
 */
export function usePrefetch(
  handle: ViewportHandle | null,
  imageIds: readonly string[],
  index: number,
  currentSettled: boolean,
): void {
  useEffect(() => {
    if (!handle || !currentSettled || imageIds.length < 2) return;
    let cancelled = false;
    const queue = prefetchOrder(index, imageIds.length)
      .map((i) => imageIds[i])
      .filter((imageId): imageId is string => imageId !== undefined && !cache.getImageLoadObject(imageId));
    // The same loader options the viewport uses, so a prefetched image is the one it would load.
    const options = (imageId: string): Parameters<typeof imageLoader.loadAndCacheImage>[1] => ({
      ...(handle.renderMode === 'cpu' ? { useRGBA: true } : handle.viewport.getLoaderImageOptions(imageId)),
      priority: 0,
      requestType: Enums.RequestType.Prefetch,
    });
    const work = async () => {
      for (let imageId = queue.shift(); imageId && !cancelled; imageId = queue.shift()) {
        try {
          await imageLoader.loadAndCacheImage(imageId, options(imageId));
        } catch {
          // Reported when the user opens that slice.
        }
      }
    };
    for (let i = 0; i < PREFETCH_CONCURRENCY; i++) void work();
    return () => {
      cancelled = true;
    };
  }, [handle, imageIds, index, currentSettled]);
}
