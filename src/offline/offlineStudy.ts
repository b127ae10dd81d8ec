/**
 * The study panel kept for reading offline: each study listing the reader was given and each
 * series thumbnail shown, in a page-owned Cache API cache bounded and evicted as the slide tiles
 * are (OfflineTiles: a count bound, the oldest stored dropped first, a quota error makes room
 * once). Not the HTTP cache: patient images are served `no-store` (routes/items PATIENT_DATA),
 * and this cache is dropped at sign-out with the other offline files (registerSw.ts).
 *
 * Keys are synthetic absolute URLs (the Cache API keys by URL): a thumbnail's names the series'
 * version, so a kept picture is never stale; a listing's names the user, since a reader is listed
 * only the series assigned to them.
 */
import type { StudySeries } from '../core/api';
import { OfflineTiles } from '../viewer/slide/offlineTiles';

/** Outside the service worker's `mejirushi-` prefix for the reason TILE_CACHE_NAME is. */
export const STUDY_CACHE_NAME = 'study-panel-v1';

/**
 * Entries kept at most: a thumbnail is a 128 px JPEG of a few KB and a listing a few hundred
 * bytes a series, so 2,000 entries are at most some 10 MB: the studies of weeks of reading.
 */
export const MAX_OFFLINE_STUDY_ENTRIES = 2_000;

type Versioned = Pick<StudySeries, 'itemId' | 'updatedAt'>;

export class OfflineStudy {
  /** `origin`: the page's origin, so keys are the absolute URLs the Cache API stores. */
  constructor(
    private readonly entries: OfflineTiles,
    private readonly origin: string,
  ) {}

  /** The series' thumbnail as kept for its version, or null. */
  thumbnail(series: Versioned): Promise<Blob | null> {
    return this.entries.read(this.thumbnailKey(series));
  }

  /** Keeps a thumbnail fetched from the server; never rejects. */
  keepThumbnail(series: Versioned, picture: Blob): Promise<void> {
    return this.entries.keep(this.thumbnailKey(series), picture);
  }

  /** The study listing last given to `userId` that holds `itemId`, or null. */
  async listing(userId: string, itemId: string): Promise<StudySeries[] | null> {
    const kept = await this.entries.read(this.listingKey(userId, itemId));
    if (!kept) return null;
    try {
      return JSON.parse(await kept.text()) as StudySeries[];
    } catch {
      return null; // a damaged entry is as good as none
    }
  }

  /** Keeps `userId`'s listing under each of its series, so whichever is opened offline finds it; never rejects. */
  async keepListing(userId: string, series: readonly StudySeries[]): Promise<void> {
    const text = JSON.stringify(series);
    for (const s of series) await this.entries.keep(this.listingKey(userId, s.itemId), new Blob([text], { type: 'application/json' }));
  }

  private thumbnailKey(series: Versioned): string {
    return new URL(`/api/items/${encodeURIComponent(series.itemId)}/thumbnail?version=${encodeURIComponent(series.updatedAt)}`, this.origin).href;
  }

  private listingKey(userId: string, itemId: string): string {
    return new URL(`/api/items/${encodeURIComponent(itemId)}/study?user=${encodeURIComponent(userId)}`, this.origin).href;
  }
}

let browserStudy: OfflineStudy | null = null;

/** The page's one offline study store (its ledger is read from the Cache API once); keeps nothing where the Cache API is missing. */
export function browserOfflineStudy(): OfflineStudy {
  browserStudy ??= new OfflineStudy(
    new OfflineTiles(() => {
      if (typeof caches === 'undefined') return Promise.reject(new Error('no Cache API'));
      return caches.open(STUDY_CACHE_NAME);
    }, MAX_OFFLINE_STUDY_ENTRIES),
    window.location.origin,
  );
  return browserStudy;
}

/** Deletes the kept study panel (at sign-out); the next use starts a new, empty store. */
export async function dropOfflineStudy(): Promise<void> {
  browserStudy = null;
  if (typeof caches !== 'undefined') await caches.delete(STUDY_CACHE_NAME).catch(() => false);
}
