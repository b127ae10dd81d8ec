import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RecordStore } from '../core/recordStore';
import type { StoredRecord } from '../core/records';
import { labelRecord } from '../core/testing/records';
import { ApiRequestError } from '../data/api';
import { MejirushiDb } from '../data/db';
import { ANNOTATOR, blankServerDocument, serverRecords, startLiveServer, type LiveServer } from '../data/testing/liveServer';
import { createAppStore, type AppStore } from './createAppStore';
import type { OpenItem } from './openItemSlice';

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

/** A reader opens the item, displays `slices` in turn, chooses a window (W 80 / C 40) and leaves. */
async function readAndLeave(db: MejirushiDb, slices: readonly number[]): Promise<void> {
  const store = await loggedInStore(db);
  await store.getState().openItemById(server.itemId);
  for (const slice of slices) {
    store.getState().goToSlice(slice);
    store.getState().markDisplayed(slice);
  }
  store.getState().chooseWindow({ width: 80, center: 40 });
  await settled(store);
  store.getState().closeItem();
  store.getState().engine?.stop();
}

async function settled(store: AppStore): Promise<void> {
  await store.getState().whenSavedLocally();
  await store.getState().engine?.idle();
  // What the engine's last events started (a conflict list read) runs after the saves.
  await store.getState().whenSavedLocally();
}

/** Per slice in order, its class codes joined by '+', '-' when unlabelled. */
function classes(records: RecordStore | readonly StoredRecord[] | null | undefined): string[] {
  const byTarget = new Map<string, string>();
  const list = !records ? [] : 'labelAt' in records ? [...records.records()] : records.flatMap((stored) => (stored.record ? [stored.record] : []));
  for (const record of list) if (record.type === 'label') byTarget.set(record.targetId, record.classCodes.join('+'));
  return server.targetIds.map((targetId) => byTarget.get(targetId) || '-');
}
/** The viewer drew the current slice, then its label key is pressed. */
function labelShown(store: AppStore, classCode: string) {
  store.getState().markDisplayed(store.getState().openItem?.sliceIndex ?? null);
  return store.getState().applyLabel(classCode);
}
const onServer = async () => classes(await serverRecords(server));
const openDocument = (store: AppStore) => store.getState().openItem?.document;

/** Another device labels one slice on the server, over whatever version the server holds. */
async function labelElsewhere(targetId: string, classCode: string, createdAt = '2024-05-01T08:00:00.000Z'): Promise<void> {
  const record = labelRecord(targetId, [classCode], { origin: { kind: 'human' }, createdAt, updatedAt: createdAt, authors: [server.login.user.id] });
  const current = (await serverRecords(server)).find((stored) => stored.id === record.id);
  const put = (baseVersion: number) => server.api.patchRecords(server.itemId, { ops: [{ kind: 'put', id: record.id, baseVersion, record }] }, crypto.randomUUID());
  try {
    await put(current?.version ?? 0);
  } catch (error) {
    // A tombstone the listing does not show: the 412 names its version.
    const version = error instanceof ApiRequestError ? error.recordConflicts?.[0]?.version : undefined;
    if (version === undefined || current) throw error;
    await put(version);
  }
}

describe('app store', () => {
  it('labels one slice per key press, advancing, and the server ends with the same labels', async () => {
    await blankServerDocument(server);
    const store = await loggedInStore();
    await store.getState().openItemById(server.itemId);
    const open = store.getState().openItem!;
    expect(open.status).toBe('ready');
    expect(open.targetIds).toEqual(server.targetIds);

    const keys = ['sah.absent', 'sah.absent', 'sah.present', 'sah.uncertain', 'sah.absent', 'sah.absent', 'sah.absent', 'sah.present'];
    for (const classCode of keys) labelShown(store, classCode);
    expect(store.getState().openItem).toMatchObject({ sliceIndex: 7, labelled: 8 }); // stays on the last slice
    expect(classes(openDocument(store))).toEqual(keys);

    await settled(store);
    expect(store.getState().openItem?.sync?.status).toBe('synced');
    expect(await onServer()).toEqual(keys);
  });

  it('keeps the open item as it is when its sync state is read back unchanged (no re-render)', async () => {
    await blankServerDocument(server);
    const store = await loggedInStore();
    await store.getState().openItemById(server.itemId);
    labelShown(store, 'sah.present');
    await settled(store);
    const before = store.getState().openItem!;
    expect(before.sync?.status).toBe('synced');
    store.getState().handleSyncEvent({ type: 'state', itemId: server.itemId, state: before.sync! });
    expect(store.getState().openItem).toBe(before);
  });

  it('labels a Shift-selected range at once, and undo/redo cover it as one step', async () => {
    await blankServerDocument(server);
    const store = await loggedInStore();
    await store.getState().openItemById(server.itemId);
    const shown = () => store.getState().markDisplayed(store.getState().openItem?.sliceIndex ?? null);
    store.getState().goToSlice(2);
    shown();
    store.getState().stepSlice(1, { extend: true });
    shown();
    store.getState().stepSlice(1, { extend: true });
    shown();
    expect(store.getState().openItem?.selection).toEqual({ anchor: 2, focus: 4 });

    const changes = store.getState().openItem!.changes;
    expect(store.getState().applyLabel('sah.present')).toEqual({ kind: 'labelled' });
    expect(classes(openDocument(store))).toEqual(['-', '-', 'sah.present', 'sah.present', 'sah.present', '-', '-', '-']);
    expect(store.getState().openItem).toMatchObject({ sliceIndex: 5, selection: null, canUndo: true, changes: changes + 1, labelled: 3 });

    store.getState().undo();
    expect(classes(openDocument(store))).toEqual(['-', '-', '-', '-', '-', '-', '-', '-']);
    store.getState().redo();
    expect(classes(openDocument(store))).toEqual(['-', '-', 'sah.present', 'sah.present', 'sah.present', '-', '-', '-']);

    // Undo and redo are changes like any other: saved and synced.
    store.getState().undo();
    await settled(store);
    expect(await onServer()).toEqual(['-', '-', '-', '-', '-', '-', '-', '-']);
  });

  it('keeps labelling offline and reopens the item from IndexedDB and the cache after a "reload"', async () => {
    await blankServerDocument(server);
    const db = new MejirushiDb(`store-${++counter}`);
    const first = await loggedInStore(db);
    await first.getState().openItemById(server.itemId);
    await settled(first);

    server.setReachable(false);
    for (let i = 0; i < 5; i += 1) labelShown(first, 'sah.absent');
    await settled(first);
    expect(first.getState().openItem?.sync).toMatchObject({ status: 'offline', pending: 5 });
    first.getState().engine?.stop();

    // A new store on the same IndexedDB, still offline: session, item and labels come back.
    const { store: reloaded } = createAppStore({ db, baseUrl: server.baseUrl, engine: { onlineSignal: () => () => undefined } });
    await reloaded.getState().restoreSession();
    expect(reloaded.getState().sessionStatus).toBe('authenticated');
    await reloaded.getState().openItemById(server.itemId);
    const expected = ['sah.absent', 'sah.absent', 'sah.absent', 'sah.absent', 'sah.absent', '-', '-', '-'];
    expect(reloaded.getState().openItem?.status).toBe('ready');
    expect(classes(openDocument(reloaded))).toEqual(expected);
    await settled(reloaded);
    expect(reloaded.getState().openItem?.sync?.status).toBe('offline');

    server.setReachable(true);
    await reloaded.getState().engine?.retryNow();
    await settled(reloaded);
    expect(reloaded.getState().openItem?.sync?.status).toBe('synced');
    expect(await onServer()).toEqual(expected);
    reloaded.getState().engine?.stop();
  });

  it("shows each listed item's sync status and local progress from IndexedDB, offline and back", async () => {
    await blankServerDocument(server);
    const store = await loggedInStore();
    const datasetId = server.detail.item.datasetId;
    await store.getState().loadItems(datasetId);
    expect(store.getState().itemLists[datasetId]?.items.map((item) => item.id)).toEqual([server.itemId]);
    expect(store.getState().itemSync).toEqual({}); // never opened on this device
    await store.getState().openItemById(server.itemId);
    await settled(store);
    server.setReachable(false);
    for (let i = 0; i < 3; i += 1) labelShown(store, 'sah.absent');
    await settled(store);
    await store.getState().loadItems(datasetId);
    expect(store.getState().itemLists[datasetId]?.fromCache).toBe(true);
    expect(store.getState().itemSync[server.itemId]).toEqual({ status: 'offline', pending: 3, unsynced: true, progress: { labelled: 3, total: 8 } });
    server.setReachable(true);
    await store.getState().engine?.retryNow();
    await settled(store);
    await store.getState().refreshItemSync([server.itemId]);
    expect(store.getState().itemSync[server.itemId]).toEqual({ status: 'synced', pending: 0, unsynced: false, progress: { labelled: 3, total: 8 } });
  });

  it('takes in a label made on another device for the open item without entering undo', async () => {
    await blankServerDocument(server);
    const store = await loggedInStore();
    await store.getState().openItemById(server.itemId);
    await settled(store);
    await store.getState().engine?.catchUp();

    await labelElsewhere(server.targetIds[6] as string, 'sah.uncertain');

    await store.getState().engine?.catchUp();
    await settled(store);
    expect(classes(openDocument(store))).toEqual(['-', '-', '-', '-', '-', '-', 'sah.uncertain', '-']);
    expect(store.getState().openItem).toMatchObject({ canUndo: false, labelled: 1, sync: { status: 'synced' } });
  });

  it('does not keep holding an item whose load was overtaken by closing it', async () => {
    await blankServerDocument(server);
    const db = new MejirushiDb(`store-${++counter}`);
    const store = await loggedInStore(db);
    const engine = store.getState().engine!;
    const events: string[] = [];
    engine.subscribe((event) => events.push(event.type));
    await engine.open(server.itemId, server.labelSet);
    await engine.catchUp();

    const opening = store.getState().openItemById(server.itemId);
    store.getState().closeItem();
    await opening;

    // Not held: a change made elsewhere goes into IndexedDB without being announced to an editor.
    await labelElsewhere(server.targetIds[2] as string, 'sah.present');
    await engine.catchUp();
    expect(events).not.toContain('remote');
    const row = await db.records.get([server.itemId, server.login.user.id, `label:sah:${server.targetIds[2]}`]);
    expect(row).toMatchObject({ state: 'synced', record: { classCodes: ['sah.present'] } });
  });

  it('asks per record when the same slice changed on both sides, and settles each as chosen', async () => {
    await blankServerDocument(server);
    const store = await loggedInStore();
    await store.getState().openItemById(server.itemId);
    await settled(store);

    server.setReachable(false);
    store.getState().goToSlice(1);
    labelShown(store, 'sah.absent');
    store.getState().goToSlice(3);
    labelShown(store, 'sah.absent');
    await settled(store);
    server.setReachable(true);
    await labelElsewhere(server.targetIds[1] as string, 'sah.present');
    await labelElsewhere(server.targetIds[3] as string, 'sah.present');
    await store.getState().engine?.retryNow();
    await settled(store);

    const open = store.getState().openItem!;
    expect(open.sync).toMatchObject({ status: 'conflict', conflicts: 2 });
    expect(open.conflicts.map((c) => c.id).sort()).toEqual([`label:sah:${server.targetIds[1]}`, `label:sah:${server.targetIds[3]}`].sort());
    expect(classes(openDocument(store))).toEqual(['-', 'sah.absent', '-', 'sah.absent', '-', '-', '-', '-']);

    await store.getState().resolveConflicts(new Map([[`label:sah:${server.targetIds[1]}`, 'mine']]));
    await store.getState().resolveConflicts(new Map([[`label:sah:${server.targetIds[3]}`, 'theirs']]));
    await settled(store);
    const expected = ['-', 'sah.absent', '-', 'sah.present', '-', '-', '-', '-'];
    expect(store.getState().openItem).toMatchObject({ conflicts: [], sync: { status: 'synced', pending: 0 }, canUndo: true });
    expect(classes(openDocument(store))).toEqual(expected);
    expect(await onServer()).toEqual(expected);
  });

  it('submits only when synced, then refuses further edits, and a locked write is kept until the item is returned', async () => {
    await blankServerDocument(server);
    const store = await loggedInStore();
    await store.getState().openItemById(server.itemId);
    labelShown(store, 'sah.absent');
    await settled(store);

    expect(await store.getState().submitItem()).toBe(true);
    expect(store.getState().openItem?.detail?.state).toBe('submitted');
    const changes = store.getState().openItem?.changes;
    labelShown(store, 'sah.present');
    expect(store.getState().openItem?.changes).toBe(changes);

    // Another device that still thinks the item is editable: its write is refused as locked.
    const otherDb = new MejirushiDb(`store-${++counter}`);
    const other = await loggedInStore(otherDb);
    const engine = other.getState().engine!;
    const [record] = await engine.open(server.itemId, server.labelSet);
    if (!record) throw new Error('the label made above should be on the server');
    await engine.save(server.itemId, { [record.id]: [record, null] });
    await engine.idle();
    expect(engine.stateOf(server.itemId)).toMatchObject({ status: 'error', failure: 'locked', pending: 1 });

    // A reviewer returns the item: opening it there sends the refused write, once.
    const [locked] = await otherDb.outbox.toArray();
    const submitted = (await server.api.listRevisions(server.itemId)).length;
    await server.reviewerApi.review(server.itemId, { annotatorId: server.login.user.id, decision: 'return' });
    await other.getState().openItemById(server.itemId);
    await settled(other);
    expect(other.getState().openItem?.detail?.state).toBe('returned');
    expect(other.getState().openItem?.sync).toMatchObject({ status: 'synced', pending: 0 });
    const applied = (await server.api.listRevisions(server.itemId)).slice(submitted);
    expect(applied.map((r) => r.opId)).toEqual([locked?.opId]);
    expect(await onServer()).toEqual(classes(null));
  });

  it('labels only a displayed slice, and asks before labelling slices of a range never displayed', async () => {
    await blankServerDocument(server);
    const store = await loggedInStore();
    await store.getState().openItemById(server.itemId);
    const state = () => store.getState();
    // The first slice is still loading (or failed): the key does nothing and says so.
    expect(state().applyLabel('sah.absent')).toEqual({ kind: 'notDisplayed' });
    state().markDisplayed(0);
    expect(state().applyLabel('sah.absent')).toEqual({ kind: 'labelled' });
    // Moved on to slice 1, not drawn yet: the slice seen before is no longer the one on screen.
    expect(state().openItem).toMatchObject({ sliceIndex: 1, displayedIndex: 0 });
    expect(state().applyLabel('sah.absent')).toEqual({ kind: 'notDisplayed' });
    expect(classes(openDocument(store))).toEqual(['sah.absent', '-', '-', '-', '-', '-', '-', '-']);

    // A range over 0..4 of which only 0 and 4 were displayed: 3 of its 5 slices never were.
    state().goToSlice(4);
    state().markDisplayed(4);
    state().goToSlice(0, { extend: true });
    expect(state().applyLabel('sah.present')).toEqual({ kind: 'ask', unseen: 3, total: 5 });
    expect(classes(openDocument(store))).toEqual(['sah.absent', '-', '-', '-', '-', '-', '-', '-']);
    expect(state().applyLabel('sah.present', 'seenOnly')).toEqual({ kind: 'labelled' });
    expect(classes(openDocument(store))).toEqual(['sah.present', '-', '-', '-', 'sah.present', '-', '-', '-']);
    state().goToSlice(5);
    state().goToSlice(7, { extend: true });
    expect(state().applyLabel('sah.uncertain', 'all')).toEqual({ kind: 'labelled' });
    expect(classes(openDocument(store))).toEqual(['sah.present', '-', '-', '-', 'sah.present', 'sah.uncertain', 'sah.uncertain', 'sah.uncertain']);
  });

  it('undo and redo show the slice their change touched', async () => {
    await blankServerDocument(server);
    const store = await loggedInStore();
    await store.getState().openItemById(server.itemId);
    store.getState().goToSlice(3);
    labelShown(store, 'sah.present');
    store.getState().goToSlice(6);
    store.getState().undo();
    expect(store.getState().openItem?.sliceIndex).toBe(3);
    store.getState().goToSlice(0);
    store.getState().redo();
    expect(store.getState().openItem?.sliceIndex).toBe(3);
  });

  it('reopens an item where the reader left it: slice, window and the slices they have seen', async () => {
    await blankServerDocument(server);
    const db = new MejirushiDb(`store-${++counter}`);
    await readAndLeave(db, [2, 5]);

    const second = await loggedInStore(db);
    await second.getState().openItemById(server.itemId);
    const open = second.getState().openItem;
    expect(open).toMatchObject({ sliceIndex: 5, window: { width: 80, center: 40 }, displayedIndex: null });
    expect([...(open?.seen ?? [])].sort()).toEqual([server.targetIds[2], server.targetIds[5]].sort());
  });

  it("gives a series its reader's place with its detail, before its records load, and keeps what is displayed meanwhile", async () => {
    await blankServerDocument(server);
    const db = new MejirushiDb(`store-${++counter}`);
    await readAndLeave(db, [2]);

    const second = await loggedInStore(db);
    const withDetail: OpenItem[] = [];
    const stop = second.subscribe(({ openItem }) => {
      if (!openItem?.detail || withDetail.length > 0) return;
      withDetail.push(openItem);
      // The viewer, mounted on this state, shows the slice and the reader moves on while the records load.
      second.getState().markDisplayed(openItem.sliceIndex);
      second.getState().goToSlice(4);
      second.getState().markDisplayed(4);
    });
    await second.getState().openItemById(server.itemId);
    stop();
    expect(withDetail[0]).toMatchObject({ status: 'loading', document: null, sliceIndex: 2, window: { width: 80, center: 40 }, targetIds: server.targetIds });
    expect(withDetail[0]?.question?.id).toBeDefined();
    expect(second.getState().openItem).toMatchObject({ status: 'ready', sliceIndex: 4, window: { width: 80, center: 40 } });
    await settled(second);
    second.getState().closeItem();
    second.getState().engine?.stop();

    const third = await loggedInStore(db);
    await third.getState().openItemById(server.itemId);
    expect(third.getState().openItem?.sliceIndex).toBe(4);
    expect([...(third.getState().openItem?.seen ?? [])].sort()).toEqual([server.targetIds[2], server.targetIds[4]].sort());
  });
});
