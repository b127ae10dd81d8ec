import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNOTATOR, REVIEWER, startLiveServer, type LiveServer } from '../data/testing/liveServer';
import { annotatorOpenedItem } from './testing/annotatorDevice';
import { createAppStore } from './createAppStore';

let server: LiveServer;
beforeAll(async () => {
  server = await startLiveServer();
});
afterAll(async () => {
  await server.close();
});

/** The annotator opens an item, then their session expires on this device without a sign-out. */
async function deviceLeftByAnnotator(name: string) {
  const { db, store, cached } = await annotatorOpenedItem(server, name);
  store.getState().engine?.stop();
  const row = await db.session.get('current');
  if (!row) throw new Error('the login was not kept');
  await db.session.put({ ...row, login: { ...row.login, expiresAt: '2000-01-01T00:00:00.000Z' } });
  // The page opened again later: the kept login has expired.
  const { store: reopened } = createAppStore({ db, baseUrl: server.baseUrl, engine: { onlineSignal: () => () => undefined } });
  await reopened.getState().restoreSession();
  expect(reopened.getState().sessionStatus).toBe('anonymous');
  expect(await cached()).toEqual([1, 1, 1]);
  return { db, store: reopened, cached };
}

describe('a login after a session expired without a sign-out', () => {
  it('by another user drops what the server told the previous one, and keeps their drafts', async () => {
    const { db, store, cached } = await deviceLeftByAnnotator('user-change-other');
    await store.getState().login(REVIEWER.username, REVIEWER.password);
    expect(await cached()).toEqual([0, 0, 0]);
    expect(await db.heads.count()).toBe(1);
    store.getState().engine?.stop();
    db.close();
    await db.delete();
  });

  it('by the same user keeps their caches for offline reading', async () => {
    const { db, store, cached } = await deviceLeftByAnnotator('user-change-same');
    await store.getState().login(ANNOTATOR.username, ANNOTATOR.password);
    expect(await cached()).toEqual([1, 1, 1]);
    store.getState().engine?.stop();
    db.close();
    await db.delete();
  });
});
