/**
 * The live change stream holds a connection to the server for as long as the page lives: the app
 * opens it once its first screen is up, while the catch-up at start runs at once.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { MejirushiDb } from '../data/db';
import { ANNOTATOR, startLiveServer, type LiveServer } from '../data/testing/liveServer';
import { createAppStore } from './createAppStore';

let server: LiveServer;

beforeAll(async () => {
  server = await startLiveServer();
});
afterAll(async () => {
  await server.close();
});

it('opens the live change stream only once liveStreamAfter resolves, catching up at once', async () => {
  const asked: string[] = [];
  let showFirstScreen = (): void => undefined;
  const firstScreen = new Promise<void>((resolve) => {
    showFirstScreen = resolve;
  });
  const db = new MejirushiDb('live-stream-after');
  const { store } = createAppStore({
    db,
    baseUrl: server.baseUrl,
    engine: { onlineSignal: () => () => undefined },
    fetch: (input, init) => {
      asked.push(input instanceof Request ? input.url : String(input));
      return fetch(input, init);
    },
    liveStreamAfter: () => firstScreen,
  });
  try {
    await store.getState().login(ANNOTATOR.username, ANNOTATOR.password);
    await store.getState().engine?.idle();
    expect(asked.some((url) => new URL(url).pathname === '/api/changes')).toBe(true);
    expect(asked.some((url) => new URL(url).pathname === '/api/changes/stream')).toBe(false);
    expect(store.getState().engine?.liveConnected).toBe(false);

    showFirstScreen();
    await vi.waitFor(() => expect(store.getState().engine?.liveConnected).toBe(true), { timeout: 10_000 });
    expect(asked.filter((url) => new URL(url).pathname === '/api/changes/stream')).toHaveLength(1);
  } finally {
    const engine = store.getState().engine;
    engine?.stop();
    await engine?.idle();
    db.close();
    await db.delete();
  }
});
