/**
 * Slide tiles already viewed, kept for reading offline: a Cache API cache bounded by a tile count
 * (see TileLedger), the oldest stored dropped first. Storing never fails the viewer: a quota
 * error evicts the oldest tenth and tries once more, any other refusal just leaves the tile
 * uncached.
 *
 * Done here, in the page's tile loader, rather than in the service worker: the loader already
 * holds the bearer token and sees every tile request, the ledger lives once in the page for the
 * session instead of being rebuilt each time the browser wakes the worker, and the viewer learns
 * directly whether a tile came from the network or the cache (to say why one is missing).
 */
import { TileLedger } from './tileLedger';

/** What the tile cache needs of the Cache API (a fake in tests). */
export interface TileStore {
  /** Stored requests in the order stored, oldest first (the Cache API keeps insertion order). */
  keys(): Promise<ReadonlyArray<{ readonly url: string }>>;
  match(url: string): Promise<Response | undefined>;
  put(url: string, response: Response): Promise<void>;
  delete(url: string): Promise<boolean>;
}

/**
 * The cache's name. Outside the service worker's `mejirushi-` prefix on purpose: the worker
 * deletes every cache of that prefix it does not own when a new version activates, and it cannot
 * import this name (a module shared with the page would split sw.js into chunks a worker cannot
 * load). Cleared at sign-out by the page (registerSw.ts).
 */
export const TILE_CACHE_NAME = 'slide-tiles-v1';

/**
 * Tiles kept at most. Served tiles are 256–512 px JPEG of 10–40 KB, so 20,000 tiles is about
 * 200–800 MB: a day's reading of several slides, within what browsers grant a site.
 */
export const MAX_OFFLINE_TILES = 20_000;

interface Opened {
  readonly store: TileStore;
  readonly ledger: TileLedger;
}

function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'QuotaExceededError' || error.code === 22);
}

export class OfflineTiles {
  private opened: Promise<Opened | null> | null = null;

  constructor(
    private readonly open: () => Promise<TileStore>,
    private readonly maxTiles = MAX_OFFLINE_TILES,
  ) {}

  /** The tile as stored, or null when it was never kept (or there is no cache in this browser). */
  async read(url: string): Promise<Blob | null> {
    const opened = await this.ready();
    if (!opened) return null;
    try {
      const response = await opened.store.match(url);
      return response ? await response.blob() : null;
    } catch {
      return null;
    }
  }

  /** Keeps a tile fetched from the server; resolves when done, never rejects. */
  async keep(url: string, tile: Blob): Promise<void> {
    const opened = await this.ready();
    if (!opened) return;
    const { store, ledger } = opened;
    await this.evict(store, ledger.stored(url));
    try {
      await store.put(url, new Response(tile));
    } catch (error) {
      if (!isQuotaError(error)) return ledger.forget(url);
      await this.evict(store, ledger.makeRoom(url));
      try {
        await store.put(url, new Response(tile));
      } catch {
        ledger.forget(url);
      }
    }
  }

  private ready(): Promise<Opened | null> {
    this.opened ??= (async () => {
      try {
        const store = await this.open();
        const ledger = new TileLedger(this.maxTiles);
        // Once per session: the ledger learns the stored order; anything beyond the bound goes.
        const excess: string[] = [];
        for (const request of await store.keys()) excess.push(...ledger.stored(request.url));
        await this.evict(store, excess);
        return { store, ledger };
      } catch {
        return null; // no Cache API here (insecure context, private mode): tiles are not kept
      }
    })();
    return this.opened;
  }

  private async evict(store: TileStore, urls: readonly string[]): Promise<void> {
    await Promise.all(urls.map((url) => store.delete(url).catch(() => false)));
  }
}

/** The browser's tile cache, or one that keeps nothing where the Cache API is missing. */
export function browserOfflineTiles(): OfflineTiles {
  return new OfflineTiles(() => {
    if (typeof caches === 'undefined') return Promise.reject(new Error('no Cache API'));
    return caches.open(TILE_CACHE_NAME);
  });
}
