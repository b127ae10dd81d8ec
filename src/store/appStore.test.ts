import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AnnotationDocument } from '../core/annotation';
import type { DocumentHead } from '../core/api';
import { labelsByTarget } from '../core/targetLabels';
import { MejirushiDb } from '../data/db';
import { ANNOTATOR, startLiveServer, type LiveServer } from '../data/testing/liveServer';
import { createAppStore, type AppStore } from './createAppStore';

let server: LiveServer;
let counter = 0;
const stores: { store: AppStore; db: MejirushiDb }[] = [];

beforeAll(async () => {
  server = await startLiveServer({ sliceCount: 8 });
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  for (const { store, db } of stores.splice(0)) {
    store.getState().closeItem();
    const engine = store.getState().engine;
    engine?.stop();
    await engine?.idle();
    db.close();
    await db.delete();
  }
  server.setReachable(true);
});

async function loggedInStore(db = new MejirushiDb(`store-${++counter}`)) {
  const { store } = createAppStore({ db, baseUrl: server.baseUrl, engine: { onlineSignal: () => () => undefined } });
  stores.push({ store, db });
  await store.getState().restoreSession();
  if (store.getState().sessionStatus !== 'authenticated') await store.getState().login(ANNOTATOR.username, ANNOTATOR.password);
  return store;
}

async function settled(store: AppStore): Promise<void> {
  await store.getState().whenSavedLocally();
  await store.getState().engine?.idle();
}

const classes = (doc: AnnotationDocument | null | undefined): string[] =>
  server.targetIds.map((targetId) => labelsByTarget(doc ?? server.emptyDoc()).get(targetId)?.classCodes.join('+') ?? '-');

/** Empties the annotator's server document so each test starts from a blank series. */
async function blankServerDocument(): Promise<void> {
  const head = await server.api.getDocument(server.itemId);
  await server.api.putDocument(server.itemId, { ...(head.document ?? server.emptyDoc()), records: {} }, head.revision, crypto.randomUUID());
}

/** Another device labels one slice on the server; returns the head it wrote on top of. */
async function labelElsewhere(targetId: string, classCode: string): Promise<DocumentHead> {
  const head = await server.api.getDocument(server.itemId);
  const id = `label:${targetId}`;
  const at = '2024-05-01T08:00:00.000Z';
  const elsewhere: AnnotationDocument = {
    ...(head.document ?? server.emptyDoc()),
    records: {
      [id]: { type: 'label', id, targetId, classCodes: [classCode], provenance: { authorId: server.login.user.id, createdAt: at, updatedAt: at, source: { kind: 'human' } } },
    },
  };
  await server.api.putDocument(server.itemId, elsewhere, head.revision, crypto.randomUUID());
  return head;
}

describe('app store', () => {
  it('labels one slice per key press, advancing, and the server ends with the same labels', async () => {
    await blankServerDocument();
    const store = await loggedInStore();
    await store.getState().openItemById(server.itemId);
    const open = store.getState().openItem!;
    expect(open.status).toBe('ready');
    expect(open.targetIds).toEqual(server.targetIds);

    const keys = ['sah.absent', 'sah.absent', 'sah.present', 'sah.uncertain', 'sah.absent', 'sah.absent', 'sah.absent', 'sah.present'];
    for (const classCode of keys) store.getState().applyLabel(classCode);
    expect(store.getState().openItem?.sliceIndex).toBe(7); // stays on the last slice
    expect(classes(store.getState().openItem?.doc)).toEqual(['sah.absent', 'sah.absent', 'sah.present', 'sah.uncertain', 'sah.absent', 'sah.absent', 'sah.absent', 'sah.present']);

    await settled(store);
    expect(store.getState().openItem?.sync?.status).toBe('synced');
    const head = await server.api.getDocument(server.itemId);
    expect(classes(head.document)).toEqual(classes(store.getState().openItem?.doc));
  });

  it('labels a Shift-selected range at once, and undo/redo cover it as one step', async () => {
    await blankServerDocument();
    const store = await loggedInStore();
    await store.getState().openItemById(server.itemId);
    store.getState().goToSlice(2);
    store.getState().stepSlice(1, { extend: true });
    store.getState().stepSlice(1, { extend: true });
    expect(store.getState().openItem?.selection).toEqual({ anchor: 2, focus: 4 });

    store.getState().applyLabel('sah.present');
    expect(classes(store.getState().openItem?.doc)).toEqual(['-', '-', 'sah.present', 'sah.present', 'sah.present', '-', '-', '-']);
    expect(store.getState().openItem).toMatchObject({ sliceIndex: 5, selection: null, canUndo: true });

    store.getState().undo();
    expect(classes(store.getState().openItem?.doc)).toEqual(['-', '-', '-', '-', '-', '-', '-', '-']);
    store.getState().redo();
    expect(classes(store.getState().openItem?.doc)).toEqual(['-', '-', 'sah.present', 'sah.present', 'sah.present', '-', '-', '-']);

    // Undo and redo are changes like any other: saved and synced.
    store.getState().undo();
    await settled(store);
    const head = await server.api.getDocument(server.itemId);
    expect(classes(head.document)).toEqual(['-', '-', '-', '-', '-', '-', '-', '-']);
  });

  it('keeps labelling offline and reopens the item from the local draft and cache after a "reload"', async () => {
    await blankServerDocument();
    const db = new MejirushiDb(`store-${++counter}`);
    const first = await loggedInStore(db);
    await first.getState().openItemById(server.itemId);
    await settled(first);

    server.setReachable(false);
    for (let i = 0; i < 5; i += 1) first.getState().applyLabel('sah.absent');
    await settled(first);
    expect(first.getState().openItem?.sync).toMatchObject({ status: 'offline' });
    first.getState().engine?.stop();

    // A new store on the same IndexedDB, still offline: session, item and labels come back.
    const { store: reloaded } = createAppStore({ db, baseUrl: server.baseUrl, engine: { onlineSignal: () => () => undefined } });
    await reloaded.getState().restoreSession();
    expect(reloaded.getState().sessionStatus).toBe('authenticated');
    await reloaded.getState().openItemById(server.itemId);
    const open = reloaded.getState().openItem!;
    expect(open.status).toBe('ready');
    expect(classes(open.doc)).toEqual(['sah.absent', 'sah.absent', 'sah.absent', 'sah.absent', 'sah.absent', '-', '-', '-']);
    await settled(reloaded);
    expect(reloaded.getState().openItem?.sync?.status).toBe('offline');

    server.setReachable(true);
    await reloaded.getState().engine?.retryNow();
    await settled(reloaded);
    expect(reloaded.getState().openItem?.sync?.status).toBe('synced');
    const head = await server.api.getDocument(server.itemId);
    expect(classes(head.document)).toEqual(classes(open.doc));
    reloaded.getState().engine?.stop();
  });

  it("shows each listed item's sync status and local progress from IndexedDB, offline and back", async () => {
    await blankServerDocument();
    const store = await loggedInStore();
    const datasetId = server.detail.item.datasetId;
    await store.getState().loadItems(datasetId);
    expect(store.getState().itemLists[datasetId]?.items.map((item) => item.id)).toEqual([server.itemId]);
    expect(store.getState().itemSync).toEqual({}); // never opened on this device
    await store.getState().openItemById(server.itemId);
    await settled(store);
    server.setReachable(false);
    for (let i = 0; i < 3; i += 1) store.getState().applyLabel('sah.absent');
    await settled(store);
    await store.getState().loadItems(datasetId);
    expect(store.getState().itemLists[datasetId]?.fromCache).toBe(true);
    const offline = store.getState().itemSync[server.itemId];
    expect(offline).toMatchObject({ status: 'offline', unsynced: true, progress: { labelled: 3, total: 8 } });
    expect(offline?.pending).toBeGreaterThan(0);
    server.setReachable(true);
    await store.getState().engine?.retryNow();
    await settled(store);
    await store.getState().refreshItemSync([server.itemId]);
    expect(store.getState().itemSync[server.itemId]).toEqual({ status: 'synced', pending: 0, unsynced: false, progress: { labelled: 3, total: 8 } });
  });

  it('takes in a newer server document for the open item without entering undo', async () => {
    await blankServerDocument();
    const store = await loggedInStore();
    await store.getState().openItemById(server.itemId);
    await settled(store);
    await store.getState().engine?.catchUp();

    const head = await labelElsewhere(server.targetIds[6] as string, 'sah.uncertain');

    await store.getState().engine?.catchUp();
    await settled(store);
    expect(classes(store.getState().openItem?.doc)).toEqual(['-', '-', '-', '-', '-', '-', 'sah.uncertain', '-']);
    expect(store.getState().openItem?.canUndo).toBe(false);
    expect(store.getState().openItem?.sync).toMatchObject({ status: 'synced', revision: head.revision + 1 });
  });

  it('does not keep holding an item whose load was overtaken by closing it', async () => {
    await blankServerDocument();
    const db = new MejirushiDb(`store-${++counter}`);
    const store = await loggedInStore(db);
    const engine = store.getState().engine!;
    await engine.open(server.itemId, server.emptyDoc);
    await engine.catchUp();

    const opening = store.getState().openItemById(server.itemId);
    store.getState().closeItem();
    await opening;

    // Not held: a change made elsewhere goes straight into the draft instead of waiting for an editor.
    await labelElsewhere(server.targetIds[2] as string, 'sah.present');
    await engine.catchUp();
    const draft = await db.drafts.get([server.itemId, server.login.user.id]);
    expect(classes(draft?.doc)).toEqual(['-', '-', 'sah.present', '-', '-', '-', '-', '-']);
  });

  it('submits only when synced, then refuses further edits, and a locked write keeps the draft until the item is returned', async () => {
    await blankServerDocument();
    const store = await loggedInStore();
    await store.getState().openItemById(server.itemId);
    store.getState().applyLabel('sah.absent');
    await settled(store);

    expect(await store.getState().submitItem()).toBe(true);
    expect(store.getState().openItem?.detail?.state).toBe('submitted');
    const before = store.getState().openItem?.doc;
    store.getState().applyLabel('sah.present');
    expect(store.getState().openItem?.doc).toBe(before);

    // Another device that still thinks the item is editable: its write is refused as locked.
    const otherDb = new MejirushiDb(`store-${++counter}`);
    const other = await loggedInStore(otherDb);
    const engine = other.getState().engine!;
    const draft = await engine.open(server.itemId, server.emptyDoc);
    await engine.save(server.itemId, { ...draft.doc, records: {} });
    await engine.idle();
    expect(engine.stateOf(server.itemId)).toMatchObject({ status: 'error', failure: 'locked', pending: 1 });

    // A reviewer returns the item: opening it there sends the refused write, once.
    const submitted = engine.stateOf(server.itemId)!.revision;
    const [locked] = await otherDb.outbox.toArray();
    await server.reviewerApi.review(server.itemId, { annotatorId: server.login.user.id, decision: 'return' });
    await other.getState().openItemById(server.itemId);
    await settled(other);
    expect(other.getState().openItem?.detail?.state).toBe('returned');
    expect(other.getState().openItem?.sync).toMatchObject({ status: 'synced', pending: 0, revision: submitted + 1 });
    const applied = (await server.api.listRevisions(server.itemId)).filter((r) => r.revision > submitted);
    expect(applied.map((r) => r.opId)).toEqual([locked?.opId]);
    expect(classes(await server.api.getDocument(server.itemId).then((h) => h.document))).toEqual(classes(null));
  });
});
