import { useMemo } from 'react';
import { appServices } from '../../store';
import { browserOfflineTiles, type OfflineTiles } from '../../viewer/slide/offlineTiles';
import type { LoadTile } from '../../viewer/slide/tileLoadError';
import { createTileLoader } from './tileLoader';

/** One offline tile cache per page load: its ledger is read from the Cache API once. */
let offlineTiles: OfflineTiles | null = null;

/** The tile loader of one slide item (server, then the offline copy). */
export function useSlideTiles(itemId: string): LoadTile {
  return useMemo(() => {
    offlineTiles ??= browserOfflineTiles();
    const api = appServices().api;
    return createTileLoader(itemId, (id, level, x, y) => api.loadSlideTile(id, level, x, y), offlineTiles, window.location.origin);
  }, [itemId]);
}
