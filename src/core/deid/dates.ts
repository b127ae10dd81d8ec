/** Shifting DICOM dates (DA `YYYYMMDD`, DT `YYYYMMDDHHMMSS.FFFFFF&ZZXX`) by whole days, in the calendar (UTC, no time zone moves). */

const DAY_MS = 86_400_000;

/** The date moved by `days`, or null when the value is not a full date. */
export function shiftDate(value: string, days: number): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const back = new Date(time);
  // 20230230 is no date: refused rather than rolled into March.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  const moved = new Date(time + days * DAY_MS);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(moved.getUTCFullYear(), 4)}${pad(moved.getUTCMonth() + 1, 2)}${pad(moved.getUTCDate(), 2)}`;
}

/** A date-time with its date part moved by `days` (time and offset kept), or null when it has no full date. */
export function shiftDateTime(value: string, days: number): string | null {
  const trimmed = value.trim();
  const date = shiftDate(trimmed.slice(0, 8), days);
  return date === null ? null : date + trimmed.slice(8);
}
