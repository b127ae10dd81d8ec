import { useEffect, useState } from 'react';
import type { StudySeries } from '../../../core/api';
import { orderStudySeries } from '../../../core/studySeries';
import { appServices } from '../../../store';

/**
 * The series of the open item's study the reader may open, in series order (every page of the
 * listing); null until they arrive, and also when the listing cannot be had (offline): the panel
 * is a way to move on, and the series itself reads without it.
 */
export function useStudySeries(itemId: string): readonly StudySeries[] | null {
  const [study, setStudy] = useState<{ readonly itemId: string; readonly series: readonly StudySeries[] } | null>(null);
  useEffect(() => {
    let live = true;
    const load = async () => {
      const all: StudySeries[] = [];
      let cursor: string | null = null;
      do {
        const page = await appServices().api.studySeries(itemId, cursor);
        all.push(...page.series);
        cursor = page.nextCursor;
      } while (cursor !== null && live);
      if (live) setStudy({ itemId, series: orderStudySeries(all) });
    };
    load().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [itemId]);
  return study?.itemId === itemId ? study.series : null;
}
