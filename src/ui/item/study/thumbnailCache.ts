/**
 * Series thumbnails for the life of the page, as object URLs, and across visits in the offline
 * study store. The key names the series and its version (StudySeries.updatedAt changes when files
 * are added), so a kept picture is never stale: the device's copy is used first, the server asked
 * only for a version never kept, and each version is fetched at most once however often the
 * reader switches series. Never in the HTTP cache: patient images are served `no-store`.
 */
import type { StudySeries } from '../../../core/api';
import type { OfflineStudy } from '../../../offline/offlineStudy';

type Versioned = Pick<StudySeries, 'itemId' | 'updatedAt'>;

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
