/**
 * A copy of the stored login in the page's localStorage, for the early boot script: read
 * synchronously, so an item's detail is asked for before the app's bundle is evaluated. The
 * IndexedDB read the early script did otherwise answers in a task queued behind that evaluation:
 * on a warm visit the detail was asked for ~180 ms after navigation, the server answering in 5–30.
 * The `session` row in IndexedDB stays the truth: the session slice writes and removes this copy
 * with it, and it holds nothing that row does not (same origin, same reach for the page's scripts).
 */
import type { LoginResponse } from '../core/api';

export const LOGIN_COPY_KEY = 'mejirushi:login';

export interface LoginCopy {
  write(login: LoginResponse): void;
  remove(): void;
}

/** The copy kept in `storage`; where the browser refuses storage, writes do nothing. */
export function loginCopyIn(storage: Pick<Storage, 'setItem' | 'removeItem'> | null): LoginCopy {
  const quietly = (change: () => void) => {
    try {
      change();
    } catch {
      // Quota or a refused storage: the early script reads IndexedDB instead.
    }
  };
  return {
    write: (login) => quietly(() => storage?.setItem(LOGIN_COPY_KEY, JSON.stringify(login))),
    remove: () => quietly(() => storage?.removeItem(LOGIN_COPY_KEY)),
  };
}

/** What the copy holds, parsed but not checked (readStoredLogin's rules apply to it). */
export function readLoginCopy(storage: Pick<Storage, 'getItem'> | null): unknown {
  try {
    const text = storage?.getItem(LOGIN_COPY_KEY);
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}
