/**
 * The slide page's tile loader for one pyramid of a slide (its tileVersion): the server first
 * (bearer header through the API client), the tile then kept for offline reading; when the
 * network fails, or the server does (5xx), the copy kept earlier. A pyramid the server no longer
 * serves (410 `tile_version_gone`) is reported as such, not answered from an old copy. Failures become TileLoadErrors the viewer turns into a sentence. A tile asked for
 * again while its request is in flight (the navigator wants the same coarse tiles as the view)
 * shares that request.
 */
import { ApiRequestError, NetworkError, slideTilePath } from '../../data/api';
import type { OfflineTiles } from '../../viewer/slide/offlineTiles';
import { TileLoadError, type LoadTile } from '../../viewer/slide/tileLoadError';

type FetchTile = (itemId: string, tileVersion: string, level: number, x: number, y: number) => Promise<Blob>;

/** `origin`: the page's origin, so cache keys are the absolute URLs the Cache API stores. */
export function createTileLoader(itemId: string, tileVersion: string, fetchTile: FetchTile, offline: OfflineTiles, origin: string): LoadTile {
  const inFlight = new Map<string, Promise<Blob>>();

  async function load(key: string, level: number, x: number, y: number): Promise<Blob> {
    try {
      const tile = await fetchTile(itemId, tileVersion, level, x, y);
      void offline.keep(key, tile);
      return tile;
    } catch (error) {
      if (error instanceof ApiRequestError && error.code === 'tile_version_gone') throw new TileLoadError('rebuilt', String(error));
      const unreachable = error instanceof NetworkError || (error instanceof ApiRequestError && error.status >= 500);
      if (!unreachable) throw new TileLoadError('server', String(error));
      const kept = await offline.read(key);
      if (kept) return kept;
      throw new TileLoadError(error instanceof NetworkError ? 'offline' : 'server', String(error));
    }
  }

  return (level, x, y) => {
    const key = new URL(slideTilePath(itemId, tileVersion, level, x, y), origin).href;
    const pending = inFlight.get(key);
    if (pending) return pending;
    const tile = load(key, level, x, y).finally(() => inFlight.delete(key));
    inFlight.set(key, tile);
    return tile;
  };
}
