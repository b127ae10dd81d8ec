const DAY_MS = 86_400_000;

/**
 * The ISO-8601 week of an instant, in UTC, as `2026-W49`: weeks start on Monday and belong to the
 * year of their Thursday, so 1 January may fall in the previous year's last week.
 */
export function isoWeek(at: string): string {
  const time = Date.parse(at);
  if (Number.isNaN(time)) throw new RangeError(`${JSON.stringify(at)} is not an ISO-8601 date`);
  const date = new Date(time);
  const mondayBased = (date.getUTCDay() + 6) % 7;
  const thursday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - mondayBased + 3));
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
