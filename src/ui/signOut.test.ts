import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveServer, type LiveServer } from '../data/testing/liveServer';
import { annotatorOpenedItem } from '../store/testing/annotatorDevice';
import { keepShownSlice, shownSliceOf } from '../data/shownSliceCopy';
import { knownKind, rememberKind } from './item/knownKinds';
import { memoryStorage } from './testing/memoryStorage';
import { signOut } from './signOut';

let server: LiveServer;
beforeAll(async () => {
  server = await startLiveServer();
});
afterAll(async () => {
  await server.close();
});

describe('sign-out', () => {
  it('ends the session and drops what the server told the user, then forgets the item kinds they opened and the offline files', async () => {
    const { db, store, cached } = await annotatorOpenedItem(server, 'sign-out');
    expect(await cached()).toEqual([1, 1, 1]);
    const storage = memoryStorage();
    storage.setItem('mejirushi.language', 'ja');
    rememberKind(storage, server.itemId, 'series');
    keepShownSlice(storage, 'u1', server.itemId, { fileId: 'f1' });
    const steps: string[] = [];
    const logout = async () => {
      await store.getState().logout();
      steps.push('logged out');
    };

    await signOut(logout, storage, async () => void steps.push('offline files dropped'));

    expect(store.getState().sessionStatus).toBe('anonymous');
    expect(await db.session.get('current')).toBeUndefined();
    expect(await cached()).toEqual([0, 0, 0]);
    // The user's sync state (drafts, outbox, here the document's head) stays for their next login.
    expect(await db.heads.count()).toBe(1);
    expect(knownKind(storage, server.itemId)).toBeNull();
    expect(shownSliceOf(storage, 'u1', server.itemId)).toBeNull();
    // A device setting, not the user's: it stays.
    expect(storage.getItem('mejirushi.language')).toBe('ja');
    expect(steps).toEqual(['logged out', 'offline files dropped']);
    db.close();
    await db.delete();
  });
});
