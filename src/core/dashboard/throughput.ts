/** Throughput per UTC day: the workflow events the audit log counted, with the quiet days filled in as zeros. */
import type { ThroughputDay } from '../api';

const DAY_MS = 86_400_000;

export type ThroughputAction = 'item.submit' | 'item.approve' | 'item.return';
export const THROUGHPUT_ACTIONS: readonly ThroughputAction[] = ['item.submit', 'item.approve', 'item.return'];

/** One counted group: `day` YYYY-MM-DD (UTC), as the server's GROUP BY gives it. */
export interface ThroughputCount {
  readonly day: string;
  readonly action: string;
  readonly count: number;
}

/** The `days` UTC days ending with `now`'s, oldest first. */
export function throughputWindow(now: Date, days: number): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) => new Date(today - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

/** Every day of the window with its counts; counts outside it or of other actions are ignored. */
export function throughputDays(counts: readonly ThroughputCount[], now: Date, days: number): ThroughputDay[] {
  const byDay = new Map(throughputWindow(now, days).map((day) => [day, { day, submits: 0, approvals: 0, returns: 0 }]));
  for (const { day, action, count } of counts) {
    const row = byDay.get(day);
    if (!row) continue;
    if (action === 'item.submit') row.submits += count;
    else if (action === 'item.approve') row.approvals += count;
    else if (action === 'item.return') row.returns += count;
  }
  return [...byDay.values()];
}
