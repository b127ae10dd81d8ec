/**
 * Which slice each series opens on for a reader of this device (the file, and the frame of a
 * multi-frame file), in localStorage: read synchronously, it lets the early boot script decode that
 * slice before the app has read the reading place from IndexedDB (a read answered only after the
 * app's bundle has run). IndexedDB's `readings` row stays the truth: this copy is written where that
 * row is kept (openItemSlice's keepReading) and forgotten with the item kinds at sign-out. Only ids,
 * the most recent last.
 */
import type { ItemContent, SliceRef } from '../core/item';

export const SHOWN_SLICES_KEY = 'mejirushi.shownSlices';
/** A reading session's worklist; older entries drop off first. */
const LIMIT = 100;

export type ShownSlice = Pick<SliceRef, 'fileId' | 'frame'>;
/** userId, itemId, fileId, frame (null: a single-frame file). */
type Entry = [string, string, string, number | null];

function isEntry(value: unknown): value is Entry {
  return (
    Array.isArray(value) &&
    value.length === 4 &&
    typeof value[0] === 'string' &&
    typeof value[1] === 'string' &&
    typeof value[2] === 'string' &&
    (value[3] === null || typeof value[3] === 'number')
  );
}

function read(storage: Pick<Storage, 'getItem'>): Entry[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(SHOWN_SLICES_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
  } catch {
    // Storage blocked or the value damaged: the app reads the place from IndexedDB as before.
    return [];
  }
}

/** The slice `itemId` opens on for `userId` as last kept here, or null. */
export function shownSliceOf(storage: Pick<Storage, 'getItem'> | null, userId: string, itemId: string): ShownSlice | null {
  const entry = storage ? read(storage).find(([user, item]) => user === userId && item === itemId) : undefined;
  if (!entry) return null;
  return entry[3] === null ? { fileId: entry[2] } : { fileId: entry[2], frame: entry[3] };
}

/** The last entry written by this page, so a slice step that keeps the same slice writes nothing. */
let lastWritten = '';

export function keepShownSlice(storage: Pick<Storage, 'getItem' | 'setItem'>, userId: string, itemId: string, slice: ShownSlice): void {
  const entry: Entry = [userId, itemId, slice.fileId, slice.frame ?? null];
  const text = JSON.stringify(entry);
  if (text === lastWritten) return;
  const entries = read(storage).filter(([user, item]) => user !== userId || item !== itemId);
  entries.push(entry);
  try {
    storage.setItem(SHOWN_SLICES_KEY, JSON.stringify(entries.slice(-LIMIT)));
    lastWritten = text;
  } catch {
    // Storage full or refused: the copy is a head start only.
  }
}

/** Forgets every copy (at sign-out: the ids say which items the user opened). */
export function forgetShownSlices(storage: Pick<Storage, 'removeItem'>): void {
  lastWritten = '';
  try {
    storage.removeItem(SHOWN_SLICES_KEY);
  } catch {
    // Storage refused: signing out goes on regardless.
  }
}

function pageStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Where the reading place is kept: the copy of a series' shown slice, beside IndexedDB's row. */
export function copyShownSlice(userId: string, itemId: string, content: ItemContent | undefined, sliceIndex: number): void {
  const slice = content?.kind === 'series' ? content.slices[sliceIndex] : undefined;
  const storage = pageStorage();
  if (slice && storage) keepShownSlice(storage, userId, itemId, slice);
}
