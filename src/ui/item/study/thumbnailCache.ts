/**
 * Series thumbnails for the life of the page, as object URLs, and across visits in the offline
 * study store. The key names the series and its version (StudySeries.updatedAt changes when files
 * are added), so a kept picture is never stale: the device's copy is used first, the server asked
 * only for a version never kept, and each version is fetched at most once however often the
 * reader switches series. Never in the HTTP cache: patient images are served `no-store`.
 */
import type { StudySeries } from '../../../core/api';
import { NetworkError } from '../../../data/api';
import type { OfflineStudy } from '../../../offline/offlineStudy';

type Versioned = Pick<StudySeries, 'itemId' | 'updatedAt'>;

/**
 * What a study panel entry shows in its picture's place. A tagged union, not a URL string beside
 * string markers: `string | 'notKept'` is just `string` to the type checker, so a marker once
 * reached `<img src>` and showed a broken picture where the panel should say "not kept".
 */
export type SeriesThumbnail =
  /** Neither kept nor fetched yet. */
  | { readonly kind: 'pending' }
  | { readonly kind: 'picture'; readonly url: string }
  /** Offline, and this device never kept this version's picture: the entry says so. */
  | { readonly kind: 'notKept' }
  /** The server could not make it (a series without a readable middle slice): an empty frame. */
  | { readonly kind: 'none' };

export const PENDING_THUMBNAIL: SeriesThumbnail = { kind: 'pending' };

const kept = new Map<string, Promise<string>>();

/**
 * The series' thumbnail as an object URL: kept on the device, else fetched and kept. Rejects as
 * the fetch did when neither has it (offline: a series whose thumbnail was never shown here); a
 * failure is forgotten, so a later view tries again.
 */
export function thumbnailUrl(series: Versioned, fetchThumbnail: (itemId: string) => Promise<Blob>, offline: Pick<OfflineStudy, 'thumbnail' | 'keepThumbnail'>): Promise<string> {
  const key = `${series.itemId}@${series.updatedAt}`;
  let url = kept.get(key);
  if (!url) {
    url = (async () => {
      let picture = await offline.thumbnail(series);
      if (!picture) {
        picture = await fetchThumbnail(series.itemId);
        void offline.keepThumbnail(series, picture);
      }
      return URL.createObjectURL(picture);
    })();
    url.catch(() => kept.delete(key));
    kept.set(key, url);
  }
  return url;
}

/** What the entry shows once thumbnailUrl settled: the picture, else why there is none; never rejects. */
export async function seriesThumbnail(...args: Parameters<typeof thumbnailUrl>): Promise<SeriesThumbnail> {
  try {
    return { kind: 'picture', url: await thumbnailUrl(...args) };
  } catch (error) {
    return error instanceof NetworkError ? { kind: 'notKept' } : { kind: 'none' };
  }
}
