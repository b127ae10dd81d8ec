/**
 * Which slice each series opens on for a reader of this device (the file, and the frame of a
 * multi-frame file), in localStorage: read synchronously, it lets the early boot script decode that
 * slice before the app has read the reading place from IndexedDB (a read answered only after the
 * app's bundle has run). IndexedDB's `readings` row stays the truth: this copy follows it, written
 * when the item is left or the page hidden (ShownSliceCopier), and forgotten with the item kinds at
 * sign-out. Only ids and the reader's chosen window (so the early viewer draws the slice as the app
 * will, earlySeriesView.ts), the most recent last.
 */
import type { ItemContent, SliceRef } from '../core/item';

export const SHOWN_SLICES_KEY = 'mejirushi.shownSlices';
/** A reading session's worklist; older entries drop off first. */
const LIMIT = 100;

export type ShownSlice = Pick<SliceRef, 'fileId' | 'frame'>;
/** The window the reader chose, modality units (HU for CT). */
export interface ShownWindow {
  readonly width: number;
  readonly center: number;
}
/**
 * userId, itemId, fileId, frame (null: a single-frame file), then the chosen window as [width,
 * center] (null, or absent in a copy an older version wrote: each slice's own).
 */
type Entry = [string, string, string, number | null, ([number, number] | null)?];

const isWindowCopy = (value: unknown): value is [number, number] | null | undefined =>
  value === undefined || value === null || (Array.isArray(value) && value.length === 2 && value.every(Number.isFinite));

function isEntry(value: unknown): value is Entry {
  return (
    Array.isArray(value) &&
    (value.length === 4 || value.length === 5) &&
    typeof value[0] === 'string' &&
    typeof value[1] === 'string' &&
    typeof value[2] === 'string' &&
    (value[3] === null || typeof value[3] === 'number') &&
    isWindowCopy(value[4])
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

const entryOf = (storage: Pick<Storage, 'getItem'> | null, userId: string, itemId: string) =>
  storage ? read(storage).find(([user, item]) => user === userId && item === itemId) : undefined;

/** The slice `itemId` opens on for `userId` as last kept here, or null. */
export function shownSliceOf(storage: Pick<Storage, 'getItem'> | null, userId: string, itemId: string): ShownSlice | null {
  const entry = entryOf(storage, userId, itemId);
  if (!entry) return null;
  return entry[3] === null ? { fileId: entry[2] } : { fileId: entry[2], frame: entry[3] };
}

/** The window `userId` last chose on `itemId` as kept here; null: each slice's own, or nothing kept. */
export function shownWindowOf(storage: Pick<Storage, 'getItem'> | null, userId: string, itemId: string): ShownWindow | null {
  const window = entryOf(storage, userId, itemId)?.[4];
  return window ? { width: window[0], center: window[1] } : null;
}

export function keepShownSlice(storage: Pick<Storage, 'getItem' | 'setItem'>, userId: string, itemId: string, slice: ShownSlice, window: ShownWindow | null = null): void {
  const entry: Entry = [userId, itemId, slice.fileId, slice.frame ?? null, window ? [window.width, window.center] : null];
  const entries = read(storage).filter(([user, item]) => user !== userId || item !== itemId);
  entries.push(entry);
  try {
    storage.setItem(SHOWN_SLICES_KEY, JSON.stringify(entries.slice(-LIMIT)));
  } catch {
    // Storage full or refused: the copy is a head start only.
  }
}

/** Forgets every copy (at sign-out: the ids say which items the user opened). */
export function forgetShownSlices(storage: Pick<Storage, 'removeItem'>): void {
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

/** Calls `hidden` whenever the page is hidden or unloaded, for as long as the page lives. */
export type PageHiding = (hidden: () => void) => void;

/** The page's own: `pagehide` (a reload, a navigation away) and `visibilitychange` to hidden (a tab switch, a phone locked: maybe never back). */
export const pageHiding: PageHiding = (hidden) => {
  if (typeof window === 'undefined' || typeof document === 'undefined') return;
  window.addEventListener('pagehide', hidden);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') hidden();
  });
};

/**
 * Keeps the copy of the open series' shown slice. A slice step only notes it in memory: a
 * localStorage read and write (synchronous) on every step would sit on the labelling hot path. The
 * note is written when the item is left (`write`) and when the page is hidden or unloaded, the
 * last moment before the early script's next read.
 */
export class ShownSliceCopier {
  private noted: { readonly userId: string; readonly itemId: string; readonly slice: ShownSlice; readonly window: ShownWindow | null } | null = null;

  constructor(
    private readonly storage: () => Pick<Storage, 'getItem' | 'setItem'> | null = pageStorage,
    hiding: PageHiding = pageHiding,
  ) {
    hiding(() => this.write());
  }

  /** The reader is on `sliceIndex` of the item, in `window` (null: each slice's own): written later (see the class). */
  note(userId: string, itemId: string, content: ItemContent | undefined, sliceIndex: number, window: ShownWindow | null = null): void {
    const slice = content?.kind === 'series' ? content.slices[sliceIndex] : undefined;
    if (slice) this.noted = { userId, itemId, slice, window };
  }

  /** Writes what was noted since the last write, if anything. */
  write(): void {
    const noted = this.noted;
    this.noted = null;
    const storage = noted ? this.storage() : null;
    if (noted && storage) keepShownSlice(storage, noted.userId, noted.itemId, noted.slice, noted.window);
  }
}
