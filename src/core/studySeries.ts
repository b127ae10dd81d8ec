/** The series of a study as the study panel lists them, and which one a key moves to. */
import type { StudySeries } from './api';

/** By SeriesNumber (series without one last), then by title, then by id: the order a scanner's console shows. */
export function orderStudySeries(series: readonly StudySeries[]): StudySeries[] {
  return [...series].sort(
    (a, b) => (a.seriesNumber ?? Infinity) - (b.seriesNumber ?? Infinity) || a.title.localeCompare(b.title) || (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0),
  );
}

/** The series `delta` places from `currentId` in `ordered`, stopping at either end; null where there is none to move to. */
export function neighbourSeries(ordered: readonly StudySeries[], currentId: string, delta: 1 | -1): StudySeries | null {
  const at = ordered.findIndex((s) => s.itemId === currentId);
  if (at < 0) return null;
  return ordered[at + delta] ?? null;
}
