import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ToolCommand } from '../core/tools/tool';
import { MejirushiDb } from '../data/db';
import { ANNOTATOR, blankServerDocument, startLiveServer, type LiveServer } from '../data/testing/liveServer';
import { createAppStore, type AppStore } from './createAppStore';

let server: LiveServer;
let counter = 0;
const stores: { store: AppStore; db: MejirushiDb }[] = [];

beforeAll(async () => {
  server = await startLiveServer({ sliceCount: 6 });
});
afterAll(async () => {
  await server?.close();
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
});

async function openStore(): Promise<AppStore> {
  const db = new MejirushiDb(`run-commands-${++counter}`);
  const { store } = createAppStore({ db, baseUrl: server.baseUrl, engine: { onlineSignal: () => () => undefined } });
  stores.push({ store, db });
  await store.getState().login(ANNOTATOR.username, ANNOTATOR.password);
  await blankServerDocument(server);
  await store.getState().openItemById(server.itemId);
  return store;
}

const label = (targetId: string, classCode: string): ToolCommand => ({ name: 'targetLabel/set', params: { targetId, classCode } });

/** Class per target of the open document ('-' when unlabelled). */
function labels(store: AppStore): string[] {
  const document = store.getState().openItem?.document;
  return server.targetIds.map((targetId) => {
    const record = document?.recordsAt(targetId).find((r) => r.type === 'label');
    return record?.type === 'label' ? record.classCodes.join('+') : '-';
  });
}

describe('runCommands', () => {
  it('runs a tool’s commands as one undo step', async () => {
    const store = await openStore();
    const [first, second] = server.targetIds as [string, string];
    expect(store.getState().runCommands([label(first, 'sah.present'), label(second, 'sah.absent')])).toEqual({ kind: 'done' });
    expect(labels(store)).toEqual(['sah.present', 'sah.absent', '-', '-', '-', '-']);
    expect(store.getState().openItem?.canUndo).toBe(true);

    store.getState().undo();
    expect(labels(store)).toEqual(['-', '-', '-', '-', '-', '-']);
    store.getState().redo();
    expect(labels(store)).toEqual(['sah.present', 'sah.absent', '-', '-', '-', '-']);
  });

  it('refuses a batch with a bad command whole, saying why, and changes nothing', async () => {
    const store = await openStore();
    const [first, second] = server.targetIds as [string, string];
    store.getState().runCommands([label(first, 'sah.uncertain')]);
    const outcome = store.getState().runCommands([label(second, 'sah.present'), label(first, 'sah.nonsense')]);
    expect(outcome.kind).toBe('refused');
    expect(outcome.kind === 'refused' && outcome.reason).toContain('sah.nonsense');
    expect(labels(store)).toEqual(['sah.uncertain', '-', '-', '-', '-', '-']);
    // The earlier step is still the one undo takes back.
    store.getState().undo();
    expect(labels(store)).toEqual(['-', '-', '-', '-', '-', '-']);
  });

  it('answers notEditable, changing nothing, when no item accepts edits', async () => {
    const store = await openStore();
    const [first] = server.targetIds as [string];
    store.getState().closeItem();
    expect(store.getState().runCommands([label(first, 'sah.present')])).toEqual({ kind: 'notEditable' });
  });
});
