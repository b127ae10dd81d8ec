/**
 * The session this device keeps (the `session` table of the app's IndexedDB, row `current`: see
 * src/data/db.ts and sessionSlice.restoreSession), read without Dexie for the early boot script.
 * It never creates or upgrades the database: on a device without one it answers null and leaves
 * Dexie to create it as usual.
 */
import type { LoginResponse } from '../core/api';
import { readLoginCopy } from '../data/loginCopy';

/** MejirushiDb's default name (src/data/db.ts). */
export const APP_DB_NAME = 'mejirushi';

function readCurrentRow(name: string): Promise<unknown> {
  return new Promise((resolve) => {
    const opening = indexedDB.open(name);
    // Only a database that does not exist yet is "upgraded" by an open without a version: undo it.
    opening.onupgradeneeded = () => opening.transaction?.abort();
    opening.onerror = () => resolve(null);
    opening.onblocked = () => resolve(null);
    opening.onsuccess = () => {
      const db = opening.result;
      // Dexie's upgrade of a newer build must not wait for this connection.
      db.onversionchange = () => db.close();
      try {
        const reading = db.transaction('session', 'readonly').objectStore('session').get('current');
        reading.onsuccess = () => resolve(reading.result);
        reading.onerror = () => resolve(null);
      } catch {
        // No session table (a database this build does not know): nothing to read.
        resolve(null);
      } finally {
        db.close();
      }
    };
  });
}

function isLogin(value: unknown): value is LoginResponse {
  if (typeof value !== 'object' || value === null) return false;
  const login = value as Partial<LoginResponse>;
  return typeof login.token === 'string' && typeof login.expiresAt === 'string' && typeof login.user === 'object' && login.user !== null;
}

/** `value` when it is a login the app would restore and use at once (as restoreSession), else null. */
function usableLogin(value: unknown, now: number): LoginResponse | null {
  if (!isLogin(value) || Date.parse(value.expiresAt) <= now || value.user.mustChangePassword) return null;
  return value;
}

/**
 * The stored login, when it is one the app would restore and use at once: not expired at `now`,
 * and no one-time password waiting to be changed. Else null.
 */
export async function readStoredLogin(now: number, name: string = APP_DB_NAME): Promise<LoginResponse | null> {
  const row = await readCurrentRow(name).catch(() => null);
  return usableLogin(typeof row === 'object' && row !== null ? (row as { login?: unknown }).login : undefined, now);
}

/** The same, from the synchronous copy the session slice keeps beside the row (loginCopy.ts); null if none. */
export function readStoredLoginCopy(now: number, storage: Pick<Storage, 'getItem'> | null): LoginResponse | null {
  return usableLogin(readLoginCopy(storage), now);
}
