/** Keyset-paging cursors: opaque to clients, base64url of the last row's sort key as a list of strings. */
import { badRequest } from './errors';

export function encodeKeysetCursor(parts: readonly string[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** The `length` parts of a cursor this server made, or a 400. */
export function decodeKeysetCursor(cursor: string, length: number): string[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    // A NUL could never be in a cursor this server made (and PostgreSQL cannot compare it).
    if (Array.isArray(parsed) && parsed.length === length && parsed.every((part) => typeof part === 'string' && !part.includes('\u0000'))) {
      return parsed as string[];
    }
  } catch {
    // Falls through to the error below: a cursor not made by this server.
  }
  throw badRequest('cursor is not one this server handed out');
}
