/**
 * Calendar days (YYYY-MM-DD) for due dates: a day on the lead's and the reader's calendars, not
 * an instant, so it is compared with the reader's local date, never converted through UTC.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is YYYY-MM-DD naming a day that exists (2026-02-30 does not). */
export function isCalendarDate(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The local calendar day of `at` as YYYY-MM-DD. */
export function localCalendarDate(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

export type DueStatus = 'none' | 'upcoming' | 'dueToday' | 'overdue';

/** Where a due day stands on `today` (YYYY-MM-DD; string order is day order). Done work is never overdue. */
export function dueStatus(dueDate: string | null, today: string, done: boolean): DueStatus {
  if (dueDate === null || done) return 'none';
  if (dueDate < today) return 'overdue';
  return dueDate === today ? 'dueToday' : 'upcoming';
}
