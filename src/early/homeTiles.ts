/**
 * The one owner of the page's first slide's home-view tile GETs. The early boot script and the
 * app's prefetch both want those tiles; each used to ask on its own, and where the app's prefetch
 * came before the early script had sent its requests (1 cold page in 5, wsi-tiles bench), every
 * tile went out twice. Both ask here: the first to ask sends each tile (the early script through
 * its tile worker, which decodes it too), the other shares that request (earlyRequests.ts), and
 * the app's loader takes its answer as it takes any early request's.
 */
import { slideTilePath } from '../data/slideTilePath';
import type { TileAddress } from '../viewer/slide/tilePrefetch';
import { sendEarly } from './earlyRequests';
import type { TileWorker } from './tileWorker';

export interface HomeTile {
  readonly tile: TileAddress;
  /** Its bitmap, decoded in the worker where this call sent it there; null where it was already asked for (the page decodes its copy). */
  readonly bitmap: Promise<ImageBitmap | null> | null;
}

export interface HomeTileSending {
  /** Sends through this worker (and decodes there) where given; else the page's fetch. */
  readonly worker?: TileWorker | null;
  /** Before each path, as the app's API client puts its base URL ('' in the page). */
  readonly origin?: string;
}

/** Sends each of `tiles` with `token` unless it is sent already. */
export function requestHomeTiles(itemId: string, tileVersion: string, tiles: readonly TileAddress[], token: string, { worker = null, origin = '' }: HomeTileSending = {}): HomeTile[] {
  return tiles.map((tile) => {
    const path = `${origin}${slideTilePath(itemId, tileVersion, tile.level, tile.x, tile.y)}`;
    sendEarly(path, token, worker ? { send: worker.send } : {});
    return { tile, bitmap: worker?.takeBitmap(path) ?? null };
  });
}
