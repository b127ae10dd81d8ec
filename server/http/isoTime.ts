/** Times in query strings (filters by date), compared as text against stored toISOString() values. */
import { badRequest } from './errors';

// A date, or a date and time with an optional offset: what <input type="datetime-local"> and toISOString() give.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** `text` in toISOString() form, undefined when absent, or a 400 naming the parameter. */
export function isoTimeOf(name: string, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const time = ISO_TIME.test(text) ? new Date(text) : null;
  if (!time || Number.isNaN(time.getTime())) throw badRequest(`${name} must be an ISO date or time, e.g. 2026-01-31 or 2026-01-31T09:00:00Z`);
  return time.toISOString();
}
