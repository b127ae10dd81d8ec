import { useMemo } from 'react';
import type { SlideItem } from '../../core/item';
import { requestHomeTiles } from '../../early/homeTiles';
import { appServices, appStore } from '../../store';
import { earlyViewerWanted } from '../../viewer/slide/earlyViewer';
import { deviceStorage } from '../item/knownKinds';
import { expectedViewerSize } from '../../viewer/slide/stageMemory';
import { browserOfflineTiles, type OfflineTiles } from '../../viewer/slide/offlineTiles';
import type { LoadTile } from '../../viewer/slide/tileLoadError';
import { homeViewTiles, withPrefetch, type PrefetchingLoader } from '../../viewer/slide/tilePrefetch';
import { createTileLoader } from './tileLoader';

/** One offline tile cache per page load: its ledger is read from the Cache API once. */
let offlineTiles: OfflineTiles | null = null;
/** The open slide's loader, shared by the early prefetch and the viewer (one slide is open at a time). */
let current: { readonly itemId: string; readonly tileVersion: string; readonly tiles: PrefetchingLoader; prefetched: boolean } | null = null;

function slideTilesOf(itemId: string, tileVersion: string): NonNullable<typeof current> {
  if (current?.itemId !== itemId || current.tileVersion !== tileVersion) {
    offlineTiles ??= browserOfflineTiles();
    const api = appServices().api;
    const load = createTileLoader(itemId, tileVersion, (id, version, level, x, y) => api.loadSlideTile(id, version, level, x, y), offlineTiles, window.location.origin);
    current = { itemId, tileVersion, tiles: withPrefetch(load), prefetched: false };
  }
  return current;
}

/**
 * Starts fetching the slide's home view while its records and viewer load. The viewer is not
 * laid out yet: the size it had last time in a window of this size stands in for it, else the
 * window's (see expectedViewerSize). Once per slide: a refreshed detail must not leave tiles
 * waiting for a viewer that already has them.
 */
export function prefetchSlideHome(itemId: string, slide: SlideItem): void {
  const slideTiles = slideTilesOf(itemId, slide.tileVersion);
  if (slideTiles.prefetched) return;
  slideTiles.prefetched = true;
  const viewport = expectedViewerSize(deviceStorage(), { width: window.innerWidth, height: window.innerHeight });
  const tiles = homeViewTiles(slide, viewport, window.devicePixelRatio || 1);
  // The page's first item, which the early boot script may be asking these tiles for too: sent
  // once by whichever asks first (homeTiles.ts); the loader below then takes them.
  const token = appStore().getState().session?.token;
  if (token && earlyViewerWanted()) requestHomeTiles(itemId, slide.tileVersion, tiles, token);
  slideTiles.tiles.prefetch(tiles);
}

/** The tile loader of one slide item's pyramid (server, then the offline copy). */
export function useSlideTiles(itemId: string, tileVersion: string): LoadTile {
  return useMemo(() => slideTilesOf(itemId, tileVersion).tiles.load, [itemId, tileVersion]);
}
