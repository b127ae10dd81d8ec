/**
 * Series thumbnails kept for the life of the page, as object URLs. The key names the series and
 * its version (StudySeries.updatedAt changes when files are added), so a kept picture is never
 * stale and is fetched once however often the reader switches series. In memory only: patient
 * images stay out of the HTTP cache (routes/items PATIENT_DATA), and the few KB a study's
 * thumbnails take are not worth an offline store.
 */
import type { StudySeries } from '../../../core/api';

const kept = new Map<string, Promise<string>>();

/** The series' thumbnail as an object URL, fetched once per version; a failed fetch is forgotten, so a later view tries again. */
export function thumbnailUrl(series: Pick<StudySeries, 'itemId' | 'updatedAt'>, fetchThumbnail: (itemId: string) => Promise<Blob>): Promise<string> {
  const key = `${series.itemId}@${series.updatedAt}`;
  let url = kept.get(key);
  if (!url) {
    url = fetchThumbnail(series.itemId).then((blob) => URL.createObjectURL(blob));
    url.catch(() => kept.delete(key));
    kept.set(key, url);
  }
  return url;
}
