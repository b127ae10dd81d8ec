import { useEffect, useState } from 'react';
import type { StudySeries } from '../../../core/api';
import { orderStudySeries } from '../../../core/studySeries';
import { ApiRequestError, NetworkError } from '../../../data/api';
import { browserOfflineStudy } from '../../../offline/offlineStudy';
import { appServices, appStore } from '../../../store';

interface ListedStudy {
  /** Whose listing it is: another user of this page may be allowed fewer of its series. */
  readonly userId: string;
  readonly series: readonly StudySeries[];
}

/**
 * The last study listed. Switching to another of its series remounts the workspace: shown from
 * here at once, the panel neither vanishes nor resizes the viewer while the list is asked again.
 */
let lastStudy: ListedStudy | null = null;

const userId = (): string | null => appStore().getState().session?.user.id ?? null;

/** The server could not be reached or failed (not: it refused): the listing kept on the device stands in. */
const unreachable = (error: unknown): boolean => error instanceof NetworkError || (error instanceof ApiRequestError && error.status >= 500);

/**
 * The series of the open item's study the reader may open, in series order (every page of the
 * listing), kept on the device as it arrives; offline, the listing kept the last time this user
 * saw the study. Null until one is had, and when none can be: the panel is a way to move on, and
 * the series itself reads without it.
 */
export function useStudySeries(itemId: string): readonly StudySeries[] | null {
  const [study, setStudy] = useState<{ readonly itemId: string; readonly series: readonly StudySeries[] } | null>(() =>
    lastStudy && lastStudy.userId === userId() && lastStudy.series.some((s) => s.itemId === itemId) ? { itemId, series: lastStudy.series } : null,
  );
  useEffect(() => {
    let live = true;
    const show = (user: string | null, series: readonly StudySeries[]) => {
      lastStudy = user === null ? null : { userId: user, series };
      setStudy({ itemId, series });
    };
    const load = async () => {
      const all: StudySeries[] = [];
      let cursor: string | null = null;
      do {
        const page = await appServices().api.studySeries(itemId, cursor);
        all.push(...page.series);
        cursor = page.nextCursor;
      } while (cursor !== null && live);
      if (!live) return;
      const series = orderStudySeries(all);
      const user = userId();
      show(user, series);
      if (user !== null) void browserOfflineStudy().keepListing(user, series);
    };
    const loadKept = async (error: unknown) => {
      const user = userId();
      if (!unreachable(error) || user === null) return;
      const kept = await browserOfflineStudy().listing(user, itemId);
      if (kept && live) show(user, kept);
    };
    load().catch(loadKept).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [itemId]);
  return study?.itemId === itemId ? study.series : null;
}
