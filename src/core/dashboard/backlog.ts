/**
 * Review backlog age: how long submitted work has waited. The server counts the buckets in SQL
 * from the cut-off instants made here, so both sides draw the same lines.
 */
import type { BacklogAge } from '../api';

const DAY_MS = 86_400_000;

/** The instants (ISO) 1, 3 and 7 days before `now`: work submitted after `oneDay` has waited under a day. */
export function backlogCutoffs(now: Date): { readonly oneDay: string; readonly threeDays: string; readonly sevenDays: string } {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  return { oneDay: before(1), threeDays: before(3), sevenDays: before(7) };
}

/** Days (fractional) from `at` to `now`; null when there is no `at`. */
export function ageInDays(at: string | null, now: Date): number | null {
  return at === null ? null : Math.max(0, now.getTime() - Date.parse(at)) / DAY_MS;
}

/** Where the median sits in the waiting work ordered oldest first: the lower middle of an even count. */
export function medianOffset(waiting: number): number | null {
  return waiting === 0 ? null : Math.floor((waiting - 1) / 2);
}

export interface BacklogCounts {
  readonly waiting: number;
  readonly oldestAt: string | null;
  readonly medianAt: string | null;
  readonly underOneDay: number;
  readonly oneToThreeDays: number;
  readonly threeToSevenDays: number;
}

export function backlogAge(counts: BacklogCounts, now: Date): BacklogAge {
  const { waiting, underOneDay, oneToThreeDays, threeToSevenDays } = counts;
  return {
    waiting,
    oldestDays: ageInDays(counts.oldestAt, now),
    medianDays: ageInDays(counts.medianAt, now),
    buckets: { underOneDay, oneToThreeDays, threeToSevenDays, overSevenDays: waiting - underOneDay - oneToThreeDays - threeToSevenDays },
  };
}
