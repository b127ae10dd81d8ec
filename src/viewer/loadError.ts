/**
 * A readable reason from whatever a failed image load rejects with: Cornerstone and the DICOM image
 * loader reject with Errors, strings, `{ error }` wrappers, events or plain objects.
 */
export function describeLoadError(reason: unknown, depth = 0): string | null {
  if (reason == null || depth > 4) return null;
  if (typeof reason === 'string') return reason.trim() || null;
  if (reason instanceof Error) return reason.message || reason.name;
  if (typeof reason !== 'object') return String(reason);
  const record = reason as Record<string, unknown>;
  for (const key of ['error', 'message', 'detail', 'reason']) {
    const inner = describeLoadError(record[key], depth + 1);
    if (inner) return inner;
  }
  if (typeof record.status === 'number') return `HTTP ${record.status}`;
  return null;
}

export type LoadErrorKind = 'noPixelData' | 'network' | 'notFound' | 'timeout' | 'unreadable';

/**
 * Sorts a reason into what the user can act on. Everything else (a decoder's or parser's
 * complaint) is an image the viewer cannot read: users see a sentence, never the raw reason.
 */
export function classifyLoadError(reason: string): LoadErrorKind {
  if (/no pixel data|pixel data (is )?missing/i.test(reason)) return 'noPixelData';
  if (/failed to fetch|networkerror|network request failed|load failed/i.test(reason)) return 'network';
  if (/\b404\b/.test(reason)) return 'notFound';
  if (/did not load within/i.test(reason)) return 'timeout';
  return 'unreadable';
}
