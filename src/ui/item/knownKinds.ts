/**
 * The kinds of the items this device has opened, kept in localStorage: read synchronously, they
 * tell the page which viewer an item's URL needs before anything is read from IndexedDB or the
 * server, so a series this device knows starts Cornerstone and its decode workers at once, and
 * no slide viewer is loaded on a guess (see `boot`). Only ids and kinds, the most recent last.
 */
import type { ItemKind } from '../../core/item';

const KEY = 'mejirushi.itemKinds';
/** Enough for a reading session's worklist; older entries drop off first. */
const LIMIT = 500;

type KindStorage = Pick<Storage, 'getItem' | 'setItem'>;

function isKind(value: unknown): value is ItemKind {
  return value === 'series' || value === 'slide' || value === 'frameSet';
}

function read(storage: KindStorage): [string, ItemKind][] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (entry): entry is [string, ItemKind] => Array.isArray(entry) && typeof entry[0] === 'string' && isKind(entry[1]),
    );
  } catch {
    // Storage blocked or the value damaged: nothing is known, the page guesses as on a new device.
    return [];
  }
}

export function knownKind(storage: KindStorage, itemId: string): ItemKind | null {
  return read(storage).find(([id]) => id === itemId)?.[1] ?? null;
}

export function rememberKind(storage: KindStorage, itemId: string, kind: ItemKind): void {
  const entries = read(storage).filter(([id]) => id !== itemId);
  entries.push([itemId, kind]);
  try {
    storage.setItem(KEY, JSON.stringify(entries.slice(-LIMIT)));
  } catch {
    // Storage full or blocked: the hint is an optimisation only.
  }
}

/** Forgets every remembered kind (at sign-out: the ids say which items the user opened). */
export function forgetKinds(storage: Pick<Storage, 'removeItem'>): void {
  try {
    storage.removeItem(KEY);
  } catch {
    // Storage refused: signing out goes on regardless.
  }
}

/** The page's localStorage, or null where the browser refuses it. */
export function deviceStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
