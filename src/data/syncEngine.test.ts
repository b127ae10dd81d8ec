import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AnnotationDocument } from '../core/annotation';
import { labelsByTarget } from '../core/targetLabels';
import { MejirushiDb } from './db';
import { SyncEngine, type SyncEvent } from './syncEngine';
import { labelled, startLiveServer, type LiveServer } from './testing/liveServer';
import { ManualClock } from './testing/manualClock';

let server: LiveServer;
let dbCounter = 0;
const opened: { db: MejirushiDb; engine: SyncEngine }[] = [];

beforeAll(async () => {
  server = await startLiveServer();
});
afterAll(async () => {
  await server.close();
});

beforeEach(async () => {
  server.setReachable(true);
  await server.startServer();
  server.forwarded.length = 0;
});
afterEach(async () => {
  for (const { db, engine } of opened.splice(0)) {
    engine.stop();
    await engine.idle();
    db.close();
    await db.delete();
  }
});

/** One "device": its own IndexedDB and engine, manual clock and a manual online signal. */
function device() {
  const db = new MejirushiDb(`test-${++dbCounter}`);
  const clock = new ManualClock();
  let goOnline: () => void = () => undefined;
  const events: SyncEvent[] = [];
  const engine = new SyncEngine({
    api: server.api,
    db,
    annotatorId: server.login.user.id,
    clock,
    random: () => 0.5,
    onlineSignal: (onOnline) => {
      goOnline = onOnline;
      return () => undefined;
    },
  });
  engine.subscribe((event) => events.push(event));
  engine.start();
  opened.push({ db, engine });
  return { db, clock, engine, events, online: () => goOnline() };
}

const [SLICE_A, SLICE_B, SLICE_C] = [0, 1, 2];
const target = (index: number): string => server.targetIds[index] as string;
const classesOf = (doc: AnnotationDocument | null | undefined): Record<string, string[]> =>
  Object.fromEntries([...labelsByTarget(doc ?? server.emptyDoc())].map(([targetId, label]) => [targetId, [...label.classCodes]]));

/** Brings the server document to a known state (whatever earlier tests left) through a throwaway device. */
async function serverDocument(doc: (base: AnnotationDocument) => AnnotationDocument): Promise<number> {
  const head = await server.api.getDocument(server.itemId);
  const next = doc({ ...(head.document ?? server.emptyDoc()), records: {} });
  const result = await server.api.putDocument(server.itemId, next, head.revision, crypto.randomUUID());
  return result.revision;
}

async function revisionsSince(revision: number) {
  return (await server.api.listRevisions(server.itemId)).filter((r) => r.revision > revision);
}

describe('SyncEngine against a real server', () => {
  it('saves locally while offline and sends exactly one revision per outbox entry when back online', async () => {
    const start = await serverDocument((doc) => doc);
    const a = device();
    await a.engine.open(server.itemId, server.emptyDoc);
    await a.engine.idle();
    server.setReachable(false);

    const v1 = labelled(server, (await a.db.drafts.get([server.itemId, server.login.user.id]))!.doc, target(SLICE_A), 'sah.present');
    await a.engine.save(server.itemId, v1);
    await a.engine.idle();
    expect(a.engine.stateOf(server.itemId)).toMatchObject({ status: 'offline', pending: 1 });

    // Edits after the first (failed) send open a second entry; further edits coalesce into it.
    const v2 = labelled(server, v1, target(SLICE_B), 'sah.absent');
    const v3 = labelled(server, v2, target(SLICE_C), 'sah.uncertain');
    await a.engine.save(server.itemId, v2);
    await a.engine.save(server.itemId, v3);
    await a.engine.idle();
    const outbox = await a.db.outbox.toArray();
    expect(outbox).toHaveLength(2);
    expect(a.engine.stateOf(server.itemId)).toMatchObject({ status: 'offline', pending: 2 });

    server.setReachable(true);
    a.online();
    await a.engine.idle();

    expect(a.engine.stateOf(server.itemId)).toMatchObject({ status: 'synced', pending: 0, revision: start + 2 });
    const applied = await revisionsSince(start);
    expect(applied.map((r) => r.opId).sort()).toEqual(outbox.map((row) => row.opId).sort());
    const head = await server.api.getDocument(server.itemId);
    expect(classesOf(head.document)).toEqual({
      [target(SLICE_A)]: ['sah.present'],
      [target(SLICE_B)]: ['sah.absent'],
      [target(SLICE_C)]: ['sah.uncertain'],
    });
    expect(await a.db.outbox.count()).toBe(0);
  });

  it('retries with backoff on its own clock, capped, and at once when the browser is online again', async () => {
    await serverDocument((doc) => doc);
    const a = device();
    await a.engine.open(server.itemId, server.emptyDoc);
    await a.engine.idle();
    server.setReachable(false);
    const draft = (await a.db.drafts.get([server.itemId, server.login.user.id]))!;
    await a.engine.save(server.itemId, labelled(server, draft.doc, target(SLICE_A), 'sah.absent'));
    await a.engine.idle();

    const delays: number[] = [];
    for (let attempt = 0; attempt < 7; attempt += 1) {
      const at = a.clock.nextTimerAt();
      expect(at).not.toBeNull();
      delays.push((at as number) - a.clock.now());
      a.clock.advance((at as number) - a.clock.now());
      await a.engine.idle();
    }
    // random() = 0.5 → three quarters of min(cap, base·2^(n-1)).
    expect(delays).toEqual([750, 1500, 3000, 6000, 12000, 22500, 22500]);
    const [row] = await a.db.outbox.toArray();
    expect(row).toMatchObject({ attempts: 8, failure: 'network' });

    server.setReachable(true);
    a.online();
    await a.engine.idle();
    expect(a.engine.stateOf(server.itemId)?.status).toBe('synced');
    expect(a.clock.nextTimerAt()).toBeNull();
  });

  it('applies a write once when its response was lost and the server restarted before the retry', async () => {
    const start = await serverDocument((doc) => doc);
    const a = device();
    await a.engine.open(server.itemId, server.emptyDoc);
    await a.engine.idle();
    server.loseResponses((method, url) => method === 'PUT' && url.includes('/annotations/me'));
    server.forwarded.length = 0;

    const draft = (await a.db.drafts.get([server.itemId, server.login.user.id]))!;
    const doc = labelled(server, draft.doc, target(SLICE_A), 'sah.present');
    await a.engine.save(server.itemId, doc);
    await a.engine.idle();
    expect(a.engine.stateOf(server.itemId)?.status).toBe('offline');
    expect(await revisionsSince(start)).toHaveLength(1); // the server did apply it

    await server.stopServer();
    await server.startServer();
    a.clock.advance(a.clock.nextTimerAt()! - a.clock.now());
    await a.engine.idle();

    const puts = server.forwarded.filter((line) => line.startsWith('PUT '));
    expect(puts).toHaveLength(2); // sent twice…
    const applied = await revisionsSince(start);
    expect(applied).toHaveLength(1); // …applied once
    expect(a.engine.stateOf(server.itemId)).toMatchObject({ status: 'synced', revision: start + 1 });
  });

  it('keeps both versions on a 412 and stops syncing the item until the user resolves it', async () => {
    const start = await serverDocument((doc) => doc);
    const a = device();
    const b = device();
    await a.engine.open(server.itemId, server.emptyDoc);
    const bDraft = await b.engine.open(server.itemId, server.emptyDoc);
    await Promise.all([a.engine.idle(), b.engine.idle()]);

    const aDoc = labelled(server, (await a.db.drafts.get([server.itemId, server.login.user.id]))!.doc, target(SLICE_A), 'sah.present');
    await a.engine.save(server.itemId, aDoc);
    await a.engine.idle();
    expect(a.engine.stateOf(server.itemId)).toMatchObject({ status: 'synced', revision: start + 1 });

    const bDoc = labelled(server, bDraft.doc, target(SLICE_A), 'sah.absent');
    await b.engine.save(server.itemId, bDoc);
    await b.engine.idle();
    const state = b.engine.stateOf(server.itemId);
    expect(state?.status).toBe('conflict');
    const conflicted = (await b.db.drafts.get([server.itemId, server.login.user.id]))!;
    expect(classesOf(conflicted.doc)).toEqual({ [target(SLICE_A)]: ['sah.absent'] });
    expect(conflicted.conflict?.server.revision).toBe(start + 1);
    expect(classesOf(conflicted.conflict?.server.document)).toEqual({ [target(SLICE_A)]: ['sah.present'] });

    // Further edits are saved locally but not sent while the conflict stands.
    await b.engine.save(server.itemId, labelled(server, bDoc, target(SLICE_B), 'sah.absent'));
    await b.engine.idle();
    expect(b.engine.stateOf(server.itemId)?.status).toBe('conflict');
    expect(await revisionsSince(start)).toHaveLength(1);
    const head = await server.api.getDocument(server.itemId);
    expect(classesOf(head.document)).toEqual({ [target(SLICE_A)]: ['sah.present'] });
  });

  it('resolves a conflict by keeping mine: rewritten on top of the server revision', async () => {
    const { b, start } = await conflictBetweenDevices();
    const doc = await b.engine.resolve(server.itemId, 'mine');
    await b.engine.idle();
    expect(b.engine.stateOf(server.itemId)).toMatchObject({ status: 'synced', revision: start + 2 });
    const head = await server.api.getDocument(server.itemId);
    expect(classesOf(head.document)).toEqual(classesOf(doc));
    expect(classesOf(doc)).toEqual({ [target(SLICE_A)]: ['sah.absent'], [target(SLICE_B)]: ['sah.uncertain'] });
  });

  it('resolves a conflict by taking the server version: nothing is sent', async () => {
    const { b, start } = await conflictBetweenDevices();
    const doc = await b.engine.resolve(server.itemId, 'theirs');
    await b.engine.idle();
    expect(b.engine.stateOf(server.itemId)).toMatchObject({ status: 'synced', pending: 0, revision: start + 1 });
    expect(classesOf(doc)).toEqual({ [target(SLICE_A)]: ['sah.present'], [target(SLICE_C)]: ['sah.present'] });
    expect(await revisionsSince(start + 1)).toHaveLength(0);
  });

  it('resolves a conflict by merging record-wise, mine winning where both changed', async () => {
    const { b, start } = await conflictBetweenDevices();
    const doc = await b.engine.resolve(server.itemId, 'merge');
    await b.engine.idle();
    expect(classesOf(doc)).toEqual({
      [target(SLICE_A)]: ['sah.absent'], // both changed: mine
      [target(SLICE_B)]: ['sah.uncertain'], // only mine
      [target(SLICE_C)]: ['sah.present'], // only theirs
    });
    const head = await server.api.getDocument(server.itemId);
    expect(head.revision).toBe(start + 2);
    expect(classesOf(head.document)).toEqual(classesOf(doc));
  });

  it('catches up from the change feed: pulls documents changed elsewhere into drafts without pending edits', async () => {
    const start = await serverDocument((doc) => doc);
    const a = device();
    const b = device();
    await a.engine.open(server.itemId, server.emptyDoc);
    await b.engine.open(server.itemId, server.emptyDoc);
    await Promise.all([a.engine.idle(), b.engine.idle()]);
    await b.engine.catchUp();

    const aDoc = labelled(server, (await a.db.drafts.get([server.itemId, server.login.user.id]))!.doc, target(SLICE_B), 'sah.present');
    await a.engine.save(server.itemId, aDoc);
    await a.engine.idle();

    await b.engine.catchUp();
    const draft = (await b.db.drafts.get([server.itemId, server.login.user.id]))!;
    expect(draft.baseRevision).toBe(start + 1);
    expect(classesOf(draft.doc)).toEqual({ [target(SLICE_B)]: ['sah.present'] });
    expect(b.engine.stateOf(server.itemId)?.status).toBe('synced');
    expect(b.events.some((event) => event.type === 'remote')).toBe(false); // not held: pulled silently

    // Held (open in an editor): offered to the holder, written only when it accepts.
    b.engine.hold(server.itemId);
    await a.engine.save(server.itemId, labelled(server, aDoc, target(SLICE_C), 'sah.absent'));
    await a.engine.idle();
    await b.engine.catchUp();
    const offer = b.events.find((event) => event.type === 'remote');
    expect(offer).toMatchObject({ type: 'remote', itemId: server.itemId, head: { revision: start + 2 } });
    expect((await b.db.drafts.get([server.itemId, server.login.user.id]))!.baseRevision).toBe(start + 1);
    if (offer?.type !== 'remote') throw new Error('no remote offer');
    expect(await b.engine.acceptRemote(server.itemId, offer.head)).toBe(true);
    const accepted = (await b.db.drafts.get([server.itemId, server.login.user.id]))!;
    expect(accepted.baseRevision).toBe(start + 2);
    expect(classesOf(accepted.doc)).toEqual({ [target(SLICE_B)]: ['sah.present'], [target(SLICE_C)]: ['sah.absent'] });

    // Caught up: the checkpoint moved, a second catch-up offers nothing.
    b.events.length = 0;
    await b.engine.catchUp();
    expect(b.events.filter((event) => event.type === 'remote')).toHaveLength(0);
  });

  it('turns a remote change under pending local edits into a conflict instead of pulling it', async () => {
    const start = await serverDocument((doc) => doc);
    const a = device();
    const b = device();
    await a.engine.open(server.itemId, server.emptyDoc);
    const bDraft = await b.engine.open(server.itemId, server.emptyDoc);
    await Promise.all([a.engine.idle(), b.engine.idle()]);

    await a.engine.save(server.itemId, labelled(server, (await a.db.drafts.get([server.itemId, server.login.user.id]))!.doc, target(SLICE_A), 'sah.present'));
    await a.engine.idle();

    server.setReachable(false);
    await b.engine.save(server.itemId, labelled(server, bDraft.doc, target(SLICE_A), 'sah.uncertain'));
    await b.engine.idle();
    server.setReachable(true);
    b.online(); // retries the entry and catches up
    await b.engine.idle();

    expect(b.events.some((event) => event.type === 'remote')).toBe(false);
    expect(b.engine.stateOf(server.itemId)?.status).toBe('conflict');
    const draft = (await b.db.drafts.get([server.itemId, server.login.user.id]))!;
    expect(classesOf(draft.doc)).toEqual({ [target(SLICE_A)]: ['sah.uncertain'] });
    expect(draft.conflict?.server.revision).toBe(start + 1);
  });

  it('keeps every local edit across an engine restart (a reload) and sends them then', async () => {
    const start = await serverDocument((doc) => doc);
    const a = device();
    await a.engine.open(server.itemId, server.emptyDoc);
    await a.engine.idle();
    server.setReachable(false);
    const doc = labelled(server, (await a.db.drafts.get([server.itemId, server.login.user.id]))!.doc, target(SLICE_C), 'sah.absent');
    await a.engine.save(server.itemId, doc);
    await a.engine.idle();
    a.engine.stop();

    server.setReachable(true);
    const reloaded = new SyncEngine({ api: server.api, db: a.db, annotatorId: server.login.user.id, clock: a.clock, onlineSignal: () => () => undefined });
    opened.push({ db: a.db, engine: reloaded });
    reloaded.start();
    await reloaded.idle();
    expect(await reloaded.pendingCount()).toBe(0);
    const head = await server.api.getDocument(server.itemId);
    expect(head.revision).toBe(start + 1);
    expect(classesOf(head.document)).toEqual({ [target(SLICE_C)]: ['sah.absent'] });
  });

  it('holds edits refused as locked (and those behind them) until the item is returned, then sends each once', async () => {
    await serverDocument((doc) => doc);
    const a = device();
    const v1 = labelled(server, (await a.engine.open(server.itemId, server.emptyDoc)).doc, target(SLICE_A), 'sah.present');
    await a.engine.save(server.itemId, v1);
    await a.engine.idle();
    const submitted = a.engine.stateOf(server.itemId)!.revision;
    await server.api.submit(server.itemId, submitted, crypto.randomUUID());

    const v2 = labelled(server, v1, target(SLICE_B), 'sah.absent');
    await a.engine.save(server.itemId, v2);
    await a.engine.idle();
    expect(a.engine.stateOf(server.itemId)).toMatchObject({ status: 'error', failure: 'locked', pending: 1 });
    await a.engine.save(server.itemId, labelled(server, v2, target(SLICE_C), 'sah.uncertain'));
    await a.engine.idle();
    expect(a.engine.stateOf(server.itemId)).toMatchObject({ status: 'error', failure: 'locked', pending: 2 });

    // Still locked: a retry is refused again and changes nothing on either side.
    await a.engine.retryNow();
    await a.engine.idle();
    expect(a.engine.stateOf(server.itemId)).toMatchObject({ status: 'error', failure: 'locked', pending: 2 });
    expect(await revisionsSince(submitted)).toEqual([]);

    await server.reviewerApi.review(server.itemId, { annotatorId: server.login.user.id, decision: 'return' });
    const outbox = await a.db.outbox.toArray();
    await a.engine.retryNow();
    await a.engine.idle();

    expect(a.engine.stateOf(server.itemId)).toMatchObject({ status: 'synced', pending: 0, revision: submitted + 2 });
    expect((await revisionsSince(submitted)).map((r) => r.opId).sort()).toEqual(outbox.map((row) => row.opId).sort());
    const head = await server.api.getDocument(server.itemId);
    expect(classesOf(head.document)).toEqual({
      [target(SLICE_A)]: ['sah.present'],
      [target(SLICE_B)]: ['sah.absent'],
      [target(SLICE_C)]: ['sah.uncertain'],
    });
  });
});

/**
 * Base: slice A present. Server (device A) then: A present stays, C present added.
 * Device B, still on the base: A absent, B uncertain → 412 conflict.
 */
async function conflictBetweenDevices() {
  await serverDocument((doc) => doc);
  const a = device();
  const b = device();
  const base = labelled(server, (await a.engine.open(server.itemId, server.emptyDoc)).doc, target(SLICE_A), 'sah.present');
  await a.engine.save(server.itemId, base);
  await a.engine.idle();
  const start = a.engine.stateOf(server.itemId)!.revision;
  const bDraft = await b.engine.open(server.itemId, server.emptyDoc);
  await b.engine.idle();
  expect(classesOf(bDraft.doc)).toEqual({ [target(SLICE_A)]: ['sah.present'] });

  await a.engine.save(server.itemId, labelled(server, base, target(SLICE_C), 'sah.present'));
  await a.engine.idle();

  const mine = labelled(server, labelled(server, bDraft.doc, target(SLICE_A), 'sah.absent'), target(SLICE_B), 'sah.uncertain');
  await b.engine.save(server.itemId, mine);
  await b.engine.idle();
  expect(b.engine.stateOf(server.itemId)?.status).toBe('conflict');
  return { a, b, start };
}
