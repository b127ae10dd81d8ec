import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AnnotationRecord } from '../core/annotation';
import type { ModelInput } from '../core/models/modelInput';
import { TEST_SAH_MANIFEST } from '../core/testing/models';
import { shownLabelProposals } from '../core/proposalFilter';
import { MejirushiDb } from '../data/db';
import { ANNOTATOR, blankServerDocument, serverRecords, startLiveServer, type LiveServer } from '../data/testing/liveServer';
import type { RunInput } from '../inference/runController';
import { inProcessClient } from '../inference/testing/inProcessClient';
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
    store.getState().closeProposals();
    store.getState().closeItem();
    const engine = store.getState().engine;
    engine?.stop();
    await engine?.idle();
    db.close();
    await db.delete();
  }
});

/** The "model": slices 2 and 3 (of 6) bleed, with these scores; the rest are absent at 0.9. */
const SCORES: Readonly<Record<number, number>> = { 1: 0.95, 2: 0.55 };

function client() {
  return inProcessClient({
    infer: (_, input) => {
      const index = server.targetIds.indexOf(input.targetId);
      const score = SCORES[index];
      return [{ type: 'label', questionId: 'sah', targetId: input.targetId, classCode: score ? 'sah.present' : 'sah.absent', score: score ?? 0.9 }];
    },
  });
}

/** Stands in for the series reader: one tiny HU slice per target. */
const seriesInputs = (): RunInput[] => server.targetIds.map((targetId) => ({ read: async (): Promise<ModelInput> => ({ kind: 'ctSlice', targetId, width: 1, height: 1, hu: new Float32Array([40]), spacing: [1, 1] }) }));

async function openStore(name: string, blank = true): Promise<{ store: AppStore; db: MejirushiDb }> {
  const db = new MejirushiDb(`proposals-${name}-${++counter}`);
  const inference = client();
  const { store } = createAppStore({
    db,
    baseUrl: server.baseUrl,
    engine: { onlineSignal: () => () => undefined },
    proposals: { listModels: async () => [{ manifest: TEST_SAH_MANIFEST, builtin: true }], inference: () => inference },
  });
  stores.push({ store, db });
  await store.getState().login(ANNOTATOR.username, ANNOTATOR.password);
  if (blank) await blankServerDocument(server);
  await store.getState().openItemById(server.itemId);
  await store.getState().loadModels();
  return { store, db };
}

async function runToEnd(store: AppStore): Promise<void> {
  expect(store.getState().runModel(TEST_SAH_MANIFEST, seriesInputs(), 'series')).toBe(true);
  await expect.poll(() => store.getState().proposals?.run?.status).toBe('finished');
}

const pendingOf = (store: AppStore, threshold = 0) => {
  const document = store.getState().openItem?.document;
  if (!document) throw new Error('no document');
  return shownLabelProposals(document, 'sah', server.targetIds, { sah: threshold });
};

describe('proposals on the open series', () => {
  it('lists the models that apply, runs one, and streams its proposals into the document', async () => {
    const { store } = await openStore('run');
    expect(store.getState().proposals?.models?.map((m) => m.manifest.id)).toEqual(['sah-net']);
    await runToEnd(store);
    expect(store.getState().proposals?.run).toMatchObject({ done: 6, total: 6, proposals: 6, scope: 'series', modelName: TEST_SAH_MANIFEST.name });
    expect(pendingOf(store).map((r) => r.classCodes[0])).toEqual(['sah.absent', 'sah.present', 'sah.present', 'sah.absent', 'sah.absent', 'sah.absent']);
    // Pending proposals do not count as labelled slices.
    expect(store.getState().openItem?.labelled).toBe(0);
  });

  it('hides proposals below the confidence slider from “accept all”, and keeps them', async () => {
    const { store } = await openStore('slider');
    await runToEnd(store);
    store.getState().setConfidence('sah', 0.6);
    const shown = pendingOf(store, store.getState().proposals?.thresholds['sah']);
    expect(shown).toHaveLength(5);
    expect(store.getState().decideProposals(shown.map((r) => r.id), 'accepted')).toEqual({ kind: 'done' });
    expect(store.getState().openItem?.labelled).toBe(5);
    // The 0.55 proposal is still there, pending, for a lower threshold.
    expect(pendingOf(store).map((r) => r.targetId)).toEqual([server.targetIds[2]]);
    // Accepting all is one undo step.
    store.getState().undo();
    expect(store.getState().openItem?.labelled).toBe(0);
  });

  it('reaches the server with its provenance and comes back after a reload', async () => {
    const { store } = await openStore('sync');
    await runToEnd(store);
    const [first, second] = pendingOf(store);
    store.getState().decideProposals([first!.id], 'accepted');
    store.getState().decideProposals([second!.id], 'rejected');
    await store.getState().whenSavedLocally();
    await store.getState().engine?.retryNow();
    // Every batch answered (the proposals' own may have gone before the decisions were saved).
    await store.getState().engine?.idle();
    expect(await store.getState().engine?.pendingCount()).toBe(0);
    expect(await serverRecords(server)).toHaveLength(6);
    const onServer = new Map((await serverRecords(server)).map((s) => [s.id, s.record] as [string, AnnotationRecord | null]));
    expect(onServer.get(first!.id)?.provenance).toMatchObject({ decision: 'accepted', decidedBy: store.getState().session?.user.id, origin: { kind: 'model', modelId: 'sah-net', version: '1.1.0', contentHash: 'c'.repeat(64), threshold: 0.5, score: 0.9 } });
    expect(onServer.get(second!.id)?.provenance.decision).toBe('rejected');

    const again = await openStore('sync-reload', false);
    const document = again.store.getState().openItem?.document;
    expect(document?.get(first!.id)?.provenance.decision).toBe('accepted');
    expect(document?.get(second!.id)?.provenance.decision).toBe('rejected');
    expect(pendingOf(again.store)).toHaveLength(4);
  });

  it('cancels a run: the proposals so far stay, the rest never come', async () => {
    const { store } = await openStore('cancel');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const inputs = seriesInputs().map((input, i) => (i === 3 ? { read: async () => (await held, input.read()) } : input));
    store.getState().runModel(TEST_SAH_MANIFEST, inputs, 'series');
    await expect.poll(() => store.getState().proposals?.run?.done).toBe(3);
    store.getState().cancelRun();
    release();
    await expect.poll(() => store.getState().proposals?.run?.status).toBe('cancelled');
    expect(pendingOf(store).map((r) => r.targetId)).toEqual(server.targetIds.slice(0, 3));
    expect(store.getState().proposals?.run).toMatchObject({ done: 3, total: 6 });
  });

  it('offers no model when the app has no inference services', async () => {
    const db = new MejirushiDb(`proposals-none-${++counter}`);
    const { store } = createAppStore({ db, baseUrl: server.baseUrl, engine: { onlineSignal: () => () => undefined } });
    stores.push({ store, db });
    await store.getState().login(ANNOTATOR.username, ANNOTATOR.password);
    await store.getState().openItemById(server.itemId);
    await store.getState().loadModels();
    expect(store.getState().proposals?.models).toEqual([]);
    expect(store.getState().runModel(TEST_SAH_MANIFEST, seriesInputs(), 'series')).toBe(false);
  });
});
