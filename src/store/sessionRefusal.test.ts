import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../core/api';
import { ApiRequestError } from '../data/api';
import { MejirushiDb } from '../data/db';
import { createAppStore, type AppStore } from './createAppStore';
import { toAppError } from './loadError';

/** Still on its one-time password, so no sync engine starts: only the requests under test reach the stub. */
const LOGIN: LoginResponse = {
  token: 'token-of-the-test-session-0001',
  expiresAt: '2099-01-01T00:00:00.000Z',
  user: { id: 'u1', username: 'ann', displayName: 'Ann', roles: ['annotator'], mustChangePassword: true, disabled: false },
};

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** A server that signs in, then answers every other request with `refusal`. */
function serverRefusingWith(refusal: () => Response): typeof fetch {
  return async (input) => {
    const url = String(input);
    return url.endsWith('/api/auth/login') ? answer(200, LOGIN) : refusal();
  };
}

describe('a session the server refuses', () => {
  const opened: { store: AppStore; db: MejirushiDb }[] = [];
  afterEach(async () => {
    for (const { store, db } of opened.splice(0)) {
      expect(store.getState().engine).toBeNull();
      db.close();
      await db.delete();
    }
  });

  async function signedInStore(fetch: typeof globalThis.fetch) {
    const db = new MejirushiDb(`refusal-${opened.length}-${Date.now()}`);
    const { store } = createAppStore({ db, fetch, engine: { onlineSignal: () => () => undefined } });
    opened.push({ store, db });
    await store.getState().login('ann', 'a passphrase here');
    return store;
  }

  it('because the account was disabled: signed out, and the login page can say why', async () => {
    const store = await signedInStore(serverRefusingWith(() => answer(401, { error: 'account_disabled', message: 'disabled' })));
    expect(store.getState().accountDisabled).toBe(false);
    await store.getState().loadDatasets();
    expect(store.getState()).toMatchObject({ sessionExpired: true, accountDisabled: true });
    // A new sign-in clears it.
    await store.getState().login('ann', 'a passphrase here');
    expect(store.getState()).toMatchObject({ sessionExpired: false, accountDisabled: false });
  });

  it('because it expired: signed out without the disabled notice', async () => {
    const store = await signedInStore(serverRefusingWith(() => answer(401, { error: 'unauthorized', message: 'expired' })));
    await store.getState().loadDatasets();
    expect(store.getState()).toMatchObject({ sessionExpired: true, accountDisabled: false });
  });

  it('keeps the wait of a locked sign-in (Retry-After) for the sentence', async () => {
    const db = new MejirushiDb(`refusal-locked-${Date.now()}`);
    const { store } = createAppStore({ db, fetch: async () => answer(429, { error: 'login_locked', message: 'too many' }, { 'retry-after': '120' }) });
    opened.push({ store, db });
    const refused = await store.getState().login('ann', 'x').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiRequestError);
    expect(toAppError(refused)).toMatchObject({ kind: 'http', status: 429, code: 'login_locked', retryAfterSeconds: 120 });
  });
});
