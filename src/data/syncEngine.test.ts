import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnnotationRecord } from '../core/annotation';
import type { DocumentEditor } from '../core/documentEditor';
import type { StoredRecord } from '../core/records';
import { MejirushiDb, type RecordRow } from './db';
import { SyncEngine, type SyncEvent } from './syncEngine';
import { blankServerDocument, editorOf, serverRecords, startLiveServer, type LiveServer } from './testing/liveServer';
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

/**
 * One "device": its own IndexedDB and engine, manual clock, manual online signal, and an editor
 * whose changes are saved as the app saves them (each diff, in order).
 */
function device(options: { readonly recordsPageSize?: number; readonly db?: MejirushiDb } = {}) {
  const db = options.db ?? new MejirushiDb(`test-${++dbCounter}`);
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
    ...(options.recordsPageSize ? { recordsPageSize: options.recordsPageSize } : {}),
  });
  engine.subscribe((event) => events.push(event));
  engine.start();
  opened.push({ db, engine });
  let saving = Promise.resolve();
  let editor: DocumentEditor | null = null;
  engine.subscribe((event) => {
    if (event.type === 'remote' && editor) editor.applyRemote(event.records);
  });
  const self = {
    db,
    clock,
    engine,
    events,
    online: () => goOnline(),
    /** Opens the item in an editor (held): local changes are saved, remote ones applied. */
    async open(): Promise<DocumentEditor> {
      engine.hold(server.itemId);
      const next = editorOf(server, await engine.open(server.itemId, server.labelSet));
      next.subscribe((diff, origin) => {
        if (origin !== 'remote') saving = saving.then(() => engine.save(server.itemId, diff));
      });
      editor = next;
      return next;
    },
    /** Saved locally, then nothing sending or catching up. */
    async settled(): Promise<void> {
      await saving;
      await engine.idle();
    },
    editor(): DocumentEditor {
      if (!editor) throw new Error('open the item first');
      return editor;
    },
    label(index: number, classCode: string): void {
      self.editor().execute('targetLabel/set', { targetId: target(index), classCode });
    },
  };
  return self;
}

const [SLICE_A, SLICE_B, SLICE_C, SLICE_D] = [0, 1, 2, 3];
const target = (index: number): string => server.targetIds[index] as string;
const labelId = (index: number): string => `label:sah:${target(index)}`;

/** Slice target id → class codes, of records or stored records. */
function labels(records: Iterable<AnnotationRecord | StoredRecord | null>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of records) {
    const record = entry && 'version' in entry ? entry.record : entry;
    if (record?.type === 'label' && record.classCodes.length > 0) out[record.targetId] = record.classCodes.join(' ');
  }
  return out;
}
const at = (entries: Record<number, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(entries).map(([index, code]) => [target(Number(index)), code]));
const onServer = async () => labels(await serverRecords(server));

async function revisionsSince(revision: number) {
  return (await server.api.listRevisions(server.itemId)).filter((r) => r.revision > revision);
}

describe('SyncEngine against a real server', () => {
  it('saves offline and sends each batch exactly once when back online, one op per record however often edited', async () => {
    const start = await blankServerDocument(server);
    const a = device();
    const editor = await a.open();
    await a.settled();
    server.setReachable(false);

    a.label(SLICE_A, 'sah.present');
    a.label(SLICE_A, 'sah.absent');
    a.label(SLICE_B, 'sah.absent');
    a.label(SLICE_C, 'sah.uncertain');
    a.label(SLICE_D, 'sah.absent');
    await a.settled();
    expect(a.engine.stateOf(server.itemId)).toMatchObject({ status: 'offline', pending: 4 });
    // The batch frozen at the first (failed) send, and one open batch behind it for the rest.
    const batches = await a.db.outbox.toArray();
    expect(batches.length).toBeLessThanOrEqual(2);

    server.setReachable(true);
    a.online();
    await a.settled();

    expect(a.engine.stateOf(server.itemId)).toMatchObject({ status: 'synced', pending: 0, revision: start + batches.length });
    const applied = await revisionsSince(start);
    expect(applied.map((r) => r.opId).sort()).toEqual(batches.map((batch) => batch.opId).sort());
    expect(applied.reduce((sum, r) => sum + r.opCount, 0)).toBeLessThanOrEqual(5);
    expect(await onServer()).toEqual(at({ [SLICE_A]: 'sah.absent', [SLICE_B]: 'sah.absent', [SLICE_C]: 'sah.uncertain', [SLICE_D]: 'sah.absent' }));
    expect(labels(editor.store.records())).toEqual(await onServer());
    expect(await a.db.outbox.count()).toBe(0);
  });

  it('retries with backoff on its own clock, capped, and at once when the browser is online again', async () => {
    await blankServerDocument(server);
    const a = device();
    await a.open();
    await a.settled();
    server.setReachable(false);
    a.label(SLICE_A, 'sah.absent');
    await a.settled();

    const delays: number[] = [];
    for (let attempt = 0; attempt < 7; attempt += 1) {
      const next = a.clock.nextTimerAt();
      expect(next).not.toBeNull();
      delays.push((next as number) - a.clock.now());
      a.clock.advance((next as number) - a.clock.now());
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

  it('applies a batch once when its response was lost and the server restarted before the retry', async () => {
    await blankServerDocument(server);
    const a = device();
    await a.open();
    a.label(SLICE_A, 'sah.absent');
    await a.settled();
    const start = a.engine.stateOf(server.itemId)!.revision;
    a.editor().undo(); // back to the unlabelled slice: the label deleted again
    await a.settled();
    server.loseResponses((method, url) => method === 'PATCH' && url.includes('/annotations/me'));
    server.forwarded.length = 0;

    a.label(SLICE_A, 'sah.present');
    await a.settled();
    expect(a.engine.stateOf(server.itemId)?.status).toBe('offline');
    expect(await revisionsSince(start + 1)).toHaveLength(1); // the server did apply it

    await server.stopServer();
    await server.startServer();
    a.clock.advance(a.clock.nextTimerAt()! - a.clock.now());
    await a.engine.idle();

    expect(server.forwarded.filter((line) => line.startsWith('PATCH '))).toHaveLength(2); // sent twice…
    expect(await revisionsSince(start + 1)).toHaveLength(1); // …applied once
    expect(a.engine.stateOf(server.itemId)).toMatchObject({ status: 'synced', revision: start + 2 });
    expect(await onServer()).toEqual(at({ [SLICE_A]: 'sah.present' }));
  });

  it('two devices labelling different slices both apply, without a conflict, and each catches up with the other', async () => {
    await blankServerDocument(server);
    const a = device();
    const b = device();
    const editorA = await a.open();
    const editorB = await b.open();
    await Promise.all([a.settled(), b.settled()]);

    a.label(SLICE_A, 'sah.present');
    b.label(SLICE_B, 'sah.absent');
    await Promise.all([a.settled(), b.settled()]);
    expect(a.engine.stateOf(server.itemId)?.status).toBe('synced');
    expect(b.engine.stateOf(server.itemId)?.status).toBe('synced');
    const both = at({ [SLICE_A]: 'sah.present', [SLICE_B]: 'sah.absent' });
    expect(await onServer()).toEqual(both);

    await a.engine.catchUp();
    await b.engine.catchUp();
    await Promise.all([a.settled(), b.settled()]);
    expect(labels(editorA.store.records())).toEqual(both);
    expect(labels(editorB.store.records())).toEqual(both);
    // Taken in outside undo: each device undoes only its own step.
    expect(editorB.undo()).not.toBeNull();
    expect(labels(editorB.store.records())).toEqual(at({ [SLICE_A]: 'sah.present' }));
    await b.settled();
    expect(await onServer()).toEqual(at({ [SLICE_A]: 'sah.present' }));
  });

  it('the same slice labelled on both: the second device keeps both versions of that record only, the rest syncs', async () => {
    const { b, start } = await conflictBetweenDevices();
    const state = b.engine.stateOf(server.itemId);
    expect(state).toMatchObject({ status: 'conflict', conflicts: 1, pending: 0 });
    const [conflict] = await b.engine.conflictsOf(server.itemId);
    expect(conflict).toMatchObject({ id: labelId(SLICE_A), mine: { classCodes: ['sah.absent'] }, server: { classCodes: ['sah.present'] }, base: null });
    // B's other record went out in a batch of its own; A's record on the server is untouched.
    expect(await onServer()).toEqual(at({ [SLICE_A]: 'sah.present', [SLICE_B]: 'sah.uncertain' }));
    expect((await revisionsSince(start)).map((r) => r.opCount)).toEqual([1]);

    // Further edits of the conflicting record stay local; others keep syncing.
    b.label(SLICE_A, 'sah.uncertain');
    b.label(SLICE_C, 'sah.absent');
    await b.settled();
    expect(await onServer()).toEqual(at({ [SLICE_A]: 'sah.present', [SLICE_B]: 'sah.uncertain', [SLICE_C]: 'sah.absent' }));
    expect(b.engine.stateOf(server.itemId)).toMatchObject({ status: 'conflict', conflicts: 1 });
  });

  it('resolves a conflict by keeping mine: sent over the server version', async () => {
    const { b, editorB } = await conflictBetweenDevices();
    const rebased = await b.engine.resolve(server.itemId, new Map([[labelId(SLICE_A), 'mine']]));
    editorB.applyRemote(rebased);
    await b.settled();
    expect(b.engine.stateOf(server.itemId)).toMatchObject({ status: 'synced', conflicts: 0, pending: 0 });
    expect(await onServer()).toEqual(at({ [SLICE_A]: 'sah.absent', [SLICE_B]: 'sah.uncertain' }));
    expect(labels(editorB.store.records())).toEqual(await onServer());
  });

  it("resolves a conflict by taking the server's: nothing is sent, the editor shows theirs", async () => {
    const { b, editorB, start } = await conflictBetweenDevices();
    const revision = (await revisionsSince(start)).length + start;
    const theirs = await b.engine.resolve(server.itemId, new Map([[labelId(SLICE_A), 'theirs']]));
    editorB.applyRemote(theirs);
    await b.settled();
    expect(b.engine.stateOf(server.itemId)).toMatchObject({ status: 'synced', conflicts: 0, pending: 0 });
    expect(await revisionsSince(revision)).toHaveLength(0);
    expect(labels(editorB.store.records())).toEqual(at({ [SLICE_A]: 'sah.present', [SLICE_B]: 'sah.uncertain' }));
  });

  it('takes in changes from the change feed where nothing local waits, and announces them for a held item', async () => {
    await blankServerDocument(server);
    const a = device();
    const b = device();
    await a.open();
    await a.settled();
    await b.engine.open(server.itemId, server.labelSet); // opened once here, not held
    await b.engine.idle();
    await b.engine.catchUp();

    a.label(SLICE_B, 'sah.present');
    await a.settled();
    await b.engine.catchUp();
    const row = await b.db.records.get([server.itemId, server.login.user.id, labelId(SLICE_B)]);
    const stored = (await serverRecords(server)).find((record) => record.id === labelId(SLICE_B));
    expect(row).toMatchObject({ state: 'synced', baseVersion: stored?.version, record: { classCodes: ['sah.present'] } });
    expect(b.events.some((event) => event.type === 'remote')).toBe(false);

    const editorB = await b.open();
    expect(labels(editorB.store.records())).toEqual(at({ [SLICE_B]: 'sah.present' }));
    a.label(SLICE_C, 'sah.absent');
    await a.settled();
    await b.engine.catchUp();
    const remote = b.events.filter((event) => event.type === 'remote');
    // The open's own catch-up may repeat what IndexedDB already held synced (the editor shows it already).
    expect(remote.filter((event) => event.records.has(labelId(SLICE_C)))).toHaveLength(1);
    expect(labels(editorB.store.records())).toEqual(at({ [SLICE_B]: 'sah.present', [SLICE_C]: 'sah.absent' }));
    expect(editorB.canUndo).toBe(false);

    // Caught up: the checkpoint moved, a second catch-up announces nothing.
    await b.engine.catchUp();
    expect(b.events.filter((event) => event.type === 'remote')).toHaveLength(remote.length);
  });

  it('on a device that holds nothing yet, follows the feed from the newest change instead of replaying history', async () => {
    await blankServerDocument(server);
    const a = device();
    await a.open();
    a.label(SLICE_A, 'sah.present');
    await a.settled();
    server.forwarded.length = 0;

    const fresh = device();
    await fresh.engine.idle();
    const feedCalls = () => server.forwarded.filter((line) => line.startsWith('GET /api/changes'));
    expect(feedCalls()).toHaveLength(1);
    expect(feedCalls()[0]).toContain('since=latest');

    const editor = await fresh.open();
    await fresh.settled();
    expect(labels(editor.store.records())).toEqual(at({ [SLICE_A]: 'sah.present' }));
    a.label(SLICE_B, 'sah.absent');
    await a.settled();
    await fresh.engine.catchUp();
    await fresh.settled();
    expect(labels(editor.store.records())).toEqual(at({ [SLICE_A]: 'sah.present', [SLICE_B]: 'sah.absent' }));
    expect(feedCalls().at(-1)).not.toContain('since=latest');
  });

  it('leaves a record changed here to its batch: a remote change of it becomes a conflict, never an overwrite', async () => {
    await blankServerDocument(server);
    const a = device();
    const b = device();
    await a.open();
    const editorB = await b.open();
    await Promise.all([a.settled(), b.settled()]);

    a.label(SLICE_A, 'sah.present');
    await a.settled();
    server.setReachable(false);
    b.label(SLICE_A, 'sah.uncertain');
    await b.settled();
    server.setReachable(true);
    b.online(); // retries the batch and catches up
    await b.settled();

    expect(b.events.some((event) => event.type === 'remote')).toBe(false);
    expect(b.engine.stateOf(server.itemId)).toMatchObject({ status: 'conflict', conflicts: 1 });
    expect(labels(editorB.store.records())).toEqual(at({ [SLICE_A]: 'sah.uncertain' }));
    expect(await onServer()).toEqual(at({ [SLICE_A]: 'sah.present' }));
  });

  it('keeps every local edit across an engine restart (a reload) and sends them then', async () => {
    await blankServerDocument(server);
    const a = device();
    await a.open();
    await a.settled();
    server.setReachable(false);
    a.label(SLICE_C, 'sah.absent');
    await a.settled();
    a.engine.stop();

    server.setReachable(true);
    const reloaded = new SyncEngine({ api: server.api, db: a.db, annotatorId: server.login.user.id, clock: a.clock, onlineSignal: () => () => undefined });
    opened.push({ db: a.db, engine: reloaded });
    reloaded.start();
    await reloaded.idle();
    expect(await reloaded.pendingCount()).toBe(0);
    expect(await onServer()).toEqual(at({ [SLICE_C]: 'sah.absent' }));
  });

  it('holds batches refused as locked (and edits behind them) until the item is returned, then sends each once', async () => {
    await blankServerDocument(server);
    const a = device();
    await a.open();
    for (const slice of [SLICE_A, SLICE_B, SLICE_C]) a.label(slice, 'sah.present');
    await a.settled();
    await a.engine.catchUpItem(server.itemId);
    const submitted = a.engine.stateOf(server.itemId)!.revision;
    await server.api.submit(server.itemId, submitted, crypto.randomUUID());

    a.label(SLICE_B, 'sah.absent');
    await a.settled();
    expect(a.engine.stateOf(server.itemId)).toMatchObject({ status: 'error', failure: 'locked', pending: 1 });
    a.label(SLICE_C, 'sah.uncertain');
    await a.settled();
    expect(a.engine.stateOf(server.itemId)).toMatchObject({ status: 'error', failure: 'locked', pending: 2 });

    // Still locked: a retry is refused again and changes nothing on either side.
    await a.engine.retryNow();
    await a.settled();
    expect(a.engine.stateOf(server.itemId)).toMatchObject({ status: 'error', failure: 'locked', pending: 2 });
    expect(await revisionsSince(submitted)).toEqual([]);

    await server.reviewerApi.review(server.itemId, { annotatorId: server.login.user.id, decision: 'return' });
    const [locked] = (await a.db.outbox.toArray()).sort((x, y) => x.seq - y.seq);
    await a.engine.retryLocked(server.itemId);
    await a.settled();

    expect(a.engine.stateOf(server.itemId)).toMatchObject({ status: 'synced', pending: 0 });
    const applied = await revisionsSince(submitted);
    expect(applied[0]?.opId).toBe(locked?.opId);
    expect(applied.map((r) => r.opCount)).toEqual([1, 1]);
    expect(await onServer()).toEqual(at({ [SLICE_A]: 'sah.present', [SLICE_B]: 'sah.absent', [SLICE_C]: 'sah.uncertain' }));
  });

  it('loads a document page by page on its first open here, then opens from IndexedDB and catches up with /ops', async () => {
    await blankServerDocument(server);
    const a = device();
    await a.open();
    for (let i = 0; i < server.targetIds.length; i += 1) a.label(i, 'sah.absent');
    await a.settled();

    const b = device({ recordsPageSize: 2 });
    server.forwarded.length = 0;
    const records = await b.engine.open(server.itemId, server.labelSet);
    expect(records).toHaveLength(server.targetIds.length);
    const pages = server.forwarded.filter((line) => line.startsWith('GET ') && line.includes('/annotations/me/records'));
    expect(pages).toHaveLength(server.targetIds.length / 2);
    await b.engine.idle();

    a.label(SLICE_A, 'sah.present');
    await a.settled();
    server.forwarded.length = 0;
    const again = await b.engine.open(server.itemId, server.labelSet);
    await b.engine.idle();
    expect(server.forwarded.some((line) => line.includes('/annotations/me/records'))).toBe(false);
    expect(server.forwarded.some((line) => line.includes('/annotations/me/ops?since='))).toBe(true);
    expect(labels(again)).toEqual(labels(records));
    expect(labels(await b.engine.open(server.itemId, server.labelSet))).toEqual(await onServer());
  });
  it('marks a synced item unreachable while the server does not answer, and clears it when it does', async () => {
    await blankServerDocument(server);
    const a = device();
    await a.open();
    await a.settled();
    expect(a.engine.stateOf(server.itemId)).toMatchObject({ status: 'synced', pending: 0 });
    expect(a.engine.stateOf(server.itemId)?.unreachable).toBeUndefined();
    server.setReachable(false);
    await a.engine.catchUp().catch(() => undefined);
    await a.engine.idle();
    expect(a.engine.stateOf(server.itemId)).toMatchObject({ status: 'synced', pending: 0, unreachable: true });
    server.setReachable(true);
    await a.engine.catchUp();
    await a.engine.idle();
    expect(a.engine.stateOf(server.itemId)?.unreachable).toBeUndefined();
  });

  it('writes at the next start what only the journal kept (the tab closed at once), an undo included, and sends it once', async () => {
    await blankServerDocument(server);
    const a = device();
    // An editor whose changes are journaled only, as when the page goes before any save runs.
    const editor = editorOf(server, await a.engine.open(server.itemId, server.labelSet));
    await a.settled();
    const present = editor.execute('targetLabel/set', { targetId: target(SLICE_A), classCode: 'sah.present' });
    const presentEntry = a.engine.journal(server.itemId, [present]);
    expect(presentEntry[0]?.journaled).toBeTruthy();
    // The first change also reached its rows (the live path): the replay must not apply it again.
    await a.engine.saveAll(server.itemId, presentEntry);
    // Two changes journaled together (one transaction), as a page going away writes what waits.
    a.engine.journal(server.itemId, [
      editor.execute('targetLabel/set', { targetId: target(SLICE_B), classCode: 'sah.absent' }),
      editor.execute('targetLabel/set', { targetId: target(SLICE_C), classCode: 'sah.absent' }),
    ]);
    const undo = editor.undo();
    if (!undo) throw new Error('nothing to undo');
    a.engine.journal(server.itemId, [undo]);
    a.engine.stop();
    await a.engine.idle();
    expect(await a.db.journal.count()).toBe(3);

    const reloaded = new SyncEngine({ api: server.api, db: a.db, annotatorId: server.login.user.id, clock: a.clock, onlineSignal: () => () => undefined });
    opened.push({ db: a.db, engine: reloaded });
    reloaded.start();
    await reloaded.idle();
    expect(await a.db.journal.count()).toBe(0);
    expect(await reloaded.pendingCount()).toBe(0);
    expect(await onServer()).toEqual(at({ [SLICE_A]: 'sah.present', [SLICE_B]: 'sah.absent' }));

    // An entry already written (its row deleted with the write) is never applied a second time.
    await reloaded.saveAll(server.itemId, presentEntry);
    expect(await reloaded.pendingCount()).toBe(0);
    expect((await reloaded.conflictsOf(server.itemId)).length).toBe(0);
  });

  it('writes changes journaled one after another in one save, in order, skipping one a replay already wrote', async () => {
    await blankServerDocument(server);
    const a = device();
    const editor = editorOf(server, await a.engine.open(server.itemId, server.labelSet));
    await a.settled();
    const [present, absent, other] = a.engine.journal(server.itemId, [
      editor.execute('targetLabel/set', { targetId: target(SLICE_A), classCode: 'sah.present' }),
      editor.execute('targetLabel/set', { targetId: target(SLICE_A), classCode: 'sah.absent' }),
      editor.execute('targetLabel/set', { targetId: target(SLICE_B), classCode: 'sah.uncertain' }),
    ]);
    if (!present || !absent || !other) throw new Error('three changes journaled');
    // As if a replay (another tab's) had written the last one already: it must not be applied twice.
    await a.engine.saveAll(server.itemId, [other]);
    await a.engine.saveAll(server.itemId, [present, absent, other]);
    expect(await a.db.journal.count()).toBe(0);
    await a.engine.idle();
    expect(await a.engine.pendingCount()).toBe(0);
    expect((await a.engine.conflictsOf(server.itemId)).length).toBe(0);
    expect(await onServer()).toEqual(at({ [SLICE_A]: 'sah.absent', [SLICE_B]: 'sah.uncertain' }));
  });

  it('saves gathered changes in one transaction and sends in one more after the request; a change undone in the same save sends nothing', async () => {
    const start = await blankServerDocument(server);
    // Dexie binds the database's `transaction` when it opens: the spy must be there first.
    const transactions = vi.spyOn(IDBDatabase.prototype, 'transaction');
    const a = device();
    const editor = editorOf(server, await a.engine.open(server.itemId, server.labelSet));
    await a.settled();
    const diffs = [
      editor.execute('targetLabel/set', { targetId: target(SLICE_A), classCode: 'sah.present' }),
      editor.execute('targetLabel/set', { targetId: target(SLICE_B), classCode: 'sah.absent' }),
    ];
    const undo = editor.undo();
    if (!undo) throw new Error('nothing to undo');
    const changes = a.engine.journal(server.itemId, [...diffs, undo]);
    transactions.mockClear();
    const requests = vi.spyOn(server.api, 'patchRecords');
    await a.engine.saveAll(server.itemId, changes);
    await a.engine.idle();
    // This device's transactions (the spy sees every database): the save's, which freezes its own batch
    // (nothing else waited, so the drain needs no first look), and the answer's. One request: the
    // record an earlier test left deleted on the server is re-created at base 0 with no 412.
    expect(requests).toHaveBeenCalledTimes(1);
    expect(transactions.mock.contexts.filter((database) => database === a.db.backendDB())).toHaveLength(2);
    transactions.mockRestore();
    requests.mockRestore();

    expect(a.engine.stateOf(server.itemId)).toMatchObject({ status: 'synced', pending: 0 });
    const applied = await revisionsSince(start);
    expect(applied.map((r) => r.opCount)).toEqual([1]);
    expect(await onServer()).toEqual(at({ [SLICE_A]: 'sah.present' }));
    expect(await a.db.journal.count()).toBe(0);
    expect(await a.db.outbox.count()).toBe(0);
  });

  it('freezes the batch of a save with nothing else waiting: shown as syncing at once, its record row saved once, carried by its batch, and sent once', async () => {
    await blankServerDocument(server);
    const a = device();
    await a.open();
    // The record made live on the server first, so this device knows its version and the save below
    // is an edit of it (earlier tests labelled this slice and blankServerDocument deleted it).
    a.label(SLICE_D, 'sah.absent');
    await a.settled();
    a.events.length = 0;
    const puts = vi.spyOn(IDBObjectStore.prototype, 'put');
    const requests = vi.spyOn(server.api, 'patchRecords');
    a.label(SLICE_D, 'sah.uncertain');
    await a.settled();
    // This device's records only: an earlier test's engine may still be finishing a write to its own database.
    const ours = (store: IDBObjectStore) => store.name === 'records' && store.transaction.db.name === a.db.name;
    const recordPuts = puts.mock.calls.filter((_call, index) => ours(puts.mock.contexts[index] as IDBObjectStore)).map(([row]) => row as RecordRow);
    const sends = requests.mock.calls.length;
    puts.mockRestore();
    requests.mockRestore();
    const statuses = a.events.flatMap((event) => (event.type === 'state' ? [event.state.status] : []));
    expect(statuses).toEqual(['syncing', 'synced']);
    expect(sends).toBe(1);
    // Saved once, already carried by its batch (not saved dirty, then frozen); the answer's write
    // (and, when the stream's echo comes before the answer, the echo's) leaves it synced.
    expect(recordPuts.filter((row) => row.state === 'dirty')).toEqual([expect.objectContaining({ id: expect.any(String), batch: expect.any(String) })]);
    expect(recordPuts.at(-1)).toMatchObject({ state: 'synced' });
    expect(await onServer()).toMatchObject(at({ [SLICE_D]: 'sah.uncertain' }));
  });
});

/**
 * Both devices open the blank series. Device A labels slice A present and syncs; device B, not
 * having caught up, labels slice A absent and slice B uncertain in one step → 412 for slice A.
 */
async function conflictBetweenDevices() {
  const start = await blankServerDocument(server);
  const a = device();
  const b = device();
  await a.open();
  const editorB = await b.open();
  await Promise.all([a.settled(), b.settled()]);

  a.label(SLICE_A, 'sah.present');
  await a.settled();

  editorB.beginBatch();
  b.label(SLICE_A, 'sah.absent');
  b.label(SLICE_B, 'sah.uncertain');
  editorB.endBatch();
  await b.settled();
  return { a, b, editorB, start: start + 1 };
}
