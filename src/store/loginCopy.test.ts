import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MejirushiDb } from '../data/db';
import { LOGIN_COPY_KEY, loginCopyIn } from '../data/loginCopy';
import { ANNOTATOR, startLiveServer, type LiveServer } from '../data/testing/liveServer';
import { readStoredLoginCopy } from '../early/storedSession';
import { createAppStore } from './createAppStore';

let server: LiveServer;
beforeAll(async () => {
  server = await startLiveServer();
});
afterAll(async () => {
  await server.close();
});

/** A Storage of this test's own (Node has no localStorage). */
function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

function device(name: string, storage: ReturnType<typeof memoryStorage>) {
  const db = new MejirushiDb(name);
  const { store } = createAppStore({ db, baseUrl: server.baseUrl, engine: { onlineSignal: () => () => undefined }, loginCopy: loginCopyIn(storage) });
  return { db, store };
}

describe("the login's copy for the early boot script", () => {
  it('is written with the stored login, read back as the same login, and removed on sign-out', async () => {
    const storage = memoryStorage();
    const { db, store } = device('login-copy-signout', storage);
    await store.getState().login(ANNOTATOR.username, ANNOTATOR.password);
    const stored = (await db.session.get('current'))?.login;
    expect(stored).toBeDefined();
    expect(readStoredLoginCopy(Date.now(), storage)).toEqual(stored);
    await store.getState().logout();
    expect(storage.getItem(LOGIN_COPY_KEY)).toBeNull();
    expect(readStoredLoginCopy(Date.now(), storage)).toBeNull();
    db.close();
    await db.delete();
  });

  it('follows the stored row when the page opens again: made for a login kept before it existed, dropped for an expired one', async () => {
    const storage = memoryStorage();
    const { db, store } = device('login-copy-restore', storage);
    await store.getState().login(ANNOTATOR.username, ANNOTATOR.password);
    store.getState().engine?.stop();
    storage.removeItem(LOGIN_COPY_KEY);
    const reopened = device('login-copy-restore', storage);
    await reopened.store.getState().restoreSession();
    expect(readStoredLoginCopy(Date.now(), storage)?.token).toBe(store.getState().session?.token);
    reopened.store.getState().engine?.stop();
    const row = await db.session.get('current');
    if (!row) throw new Error('the login was not kept');
    await db.session.put({ ...row, login: { ...row.login, expiresAt: '2000-01-01T00:00:00.000Z' } });
    const later = device('login-copy-restore', storage);
    await later.store.getState().restoreSession();
    expect(later.store.getState().sessionStatus).toBe('anonymous');
    expect(storage.getItem(LOGIN_COPY_KEY)).toBeNull();
    for (const each of [db, reopened.db, later.db]) each.close();
    await db.delete();
  });

  it('is not used when it is not a login the app would restore, or not JSON', () => {
    const storage = memoryStorage();
    const now = Date.parse('2026-12-03T12:00:00Z');
    const user = { id: 'u1', username: 'reader', displayName: 'Reader', roles: ['annotator'], disabled: false };
    storage.setItem(LOGIN_COPY_KEY, JSON.stringify({ token: 't', expiresAt: '2026-12-03T13:00:00Z', user: { ...user, mustChangePassword: false } }));
    expect(readStoredLoginCopy(now, storage)?.token).toBe('t');
    storage.setItem(LOGIN_COPY_KEY, JSON.stringify({ token: 't', expiresAt: '2026-12-03T11:59:59Z', user: { ...user, mustChangePassword: false } }));
    expect(readStoredLoginCopy(now, storage)).toBeNull();
    storage.setItem(LOGIN_COPY_KEY, JSON.stringify({ token: 't', expiresAt: '2026-12-03T13:00:00Z', user: { ...user, mustChangePassword: true } }));
    expect(readStoredLoginCopy(now, storage)).toBeNull();
    storage.setItem(LOGIN_COPY_KEY, '{not json');
    expect(readStoredLoginCopy(now, storage)).toBeNull();
    expect(readStoredLoginCopy(now, null)).toBeNull();
  });
});
