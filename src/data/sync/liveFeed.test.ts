import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FEED_LATEST } from '../../core/api';
import type { DocumentEditor } from '../../core/documentEditor';
import { createApiClient } from '../api';
import { checkpointKey, MejirushiDb } from '../db';
import { SyncEngine } from '../syncEngine';
import { editorOf, blankServerDocument, startLiveServer, type LiveServer } from '../testing/liveServer';
import { ManualClock } from '../testing/manualClock';
import { LiveFeed, type ChangeStreamOpener } from './liveFeed';

const BACKOFF = { baseMs: 1_000, capMs: 30_000 };
const encoder = new TextEncoder();

describe('LiveFeed on a scripted stream', () => {
  interface Opened {
    readonly lastEventId: string | null;
    readonly signal: AbortSignal;
    send(text: string): void;
    end(): void;
  }

  function scripted() {
    const opened: Opened[] = [];
    const open: ChangeStreamOpener = async (lastEventId, signal) =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          opened.push({ lastEventId, signal, send: (text) => controller.enqueue(encoder.encode(text)), end: () => controller.close() });
        },
      });
    const clock = new ManualClock();
    const heard: string[] = [];
    let notify = () => undefined as void;
    const next = () => new Promise<void>((resolve) => (notify = resolve));
    const feed = new LiveFeed({
      open,
      clock,
      random: () => 0.5,
      backoff: BACKOFF,
      connected: () => {
        heard.push('connected');
        notify();
      },
      changed: (itemIds) => {
        heard.push(`changed ${itemIds.join(',')}`);
        notify();
      },
      unauthorized: () => heard.push('unauthorized'),
    });
    return { opened, clock, heard, next, feed };
  }

  it('catches up at each connection and event, and reconnects after the stream ends, resuming after the last event id', async () => {
    const { opened, clock, heard, next, feed } = scripted();
    feed.start();
    expect(opened).toHaveLength(1);
    expect(opened[0]?.lastEventId).toBeNull();
    let heardNext = next();
    opened[0]?.send('retry: 2000\nevent: ready\ndata: {"heartbeatMs":1000}\n\n');
    await heardNext;
    expect(feed.open).toBe(true);
    heardNext = next();
    opened[0]?.send(': heartbeat\n\nid: 12.3\nevent: changes\ndata: {"itemIds":["item-1","item-2"]}\n\n');
    await heardNext;
    expect(heard).toEqual(['connected', 'changed item-1,item-2']);

    opened[0]?.end();
    await vi.waitFor(() => expect(feed.open).toBe(false));
    clock.advance(BACKOFF.capMs);
    expect(opened).toHaveLength(2);
    expect(opened[1]?.lastEventId).toBe('12.3');
    heardNext = next();
    opened[1]?.send('event: ready\ndata: {"heartbeatMs":1000}\n\n');
    await heardNext;
    expect(heard).toEqual(['connected', 'changed item-1,item-2', 'connected']);
    feed.stop();
    expect(opened[1]?.signal.aborted).toBe(true);
  });

  it('gives up a stream silent for two heartbeats and opens another', async () => {
    const { opened, clock, next, feed } = scripted();
    feed.start();
    const ready = next();
    opened[0]?.send('event: ready\ndata: {"heartbeatMs":1000}\n\n');
    await ready;
    clock.advance(1_500);
    opened[0]?.send(': heartbeat\n\n');
    await vi.waitFor(() => expect(clock.nextTimerAt()).toBeGreaterThan(clock.now() + 6_000));
    expect(opened[0]?.signal.aborted).toBe(false);
    clock.advance(2 * 1_000 + 5_000);
    expect(opened[0]?.signal.aborted).toBe(true);
    await vi.waitFor(() => expect(feed.open).toBe(false));
    clock.advance(BACKOFF.capMs);
    expect(opened).toHaveLength(2);
    feed.stop();
  });
});

describe('live updates against a real server', () => {
  let server: LiveServer;
  let dbCounter = 0;
  const engines: { engine: SyncEngine; db: MejirushiDb }[] = [];

  beforeAll(async () => {
    server = await startLiveServer();
  });
  afterAll(async () => server.close());
  afterEach(async () => {
    const dbs = new Set<MejirushiDb>();
    for (const { engine, db } of engines.splice(0)) {
      engine.stop();
      await engine.idle();
      dbs.add(db);
    }
    for (const db of dbs) {
      db.close();
      await db.delete();
    }
  });

  const target = (index: number): string => server.targetIds[index] as string;

  /** A device (or, given a database, a tab beside another) with the item open in an editor, following the live stream. */
  async function openDevice(db = new MejirushiDb(`live-${++dbCounter}`)) {
    const clock = new ManualClock();
    const engine = new SyncEngine({
      api: server.api,
      db,
      annotatorId: server.login.user.id,
      clock,
      random: () => 0.5,
      onlineSignal: () => () => undefined,
      changeStream: server.api.changeStream,
    });
    engines.push({ engine, db });
    const waiting: { labels: Record<string, string>; resolve: () => void }[] = [];
    let editor: DocumentEditor | null = null;
    let saving = Promise.resolve();
    const labels = (): Record<string, string> => {
      const out: Record<string, string> = {};
      for (const record of editor?.store.records() ?? []) if (record.type === 'label' && record.classCodes.length > 0) out[record.targetId] = record.classCodes.join(' ');
      return out;
    };
    const check = () => {
      for (const wait of [...waiting]) {
        if (Object.entries(wait.labels).every(([targetId, code]) => labels()[targetId] === code)) {
          waiting.splice(waiting.indexOf(wait), 1);
          wait.resolve();
        }
      }
    };
    engine.subscribe((event) => {
      if (event.type === 'remote' && editor) editor.applyRemote(event.records);
    });
    engine.start();
    engine.hold(server.itemId);
    editor = editorOf(server, await engine.open(server.itemId, server.labelSet));
    const opened = editor;
    opened.subscribe((diff, origin) => {
      if (origin !== 'remote') saving = saving.then(() => engine.save(server.itemId, diff));
      check();
    });
    await vi.waitFor(() => expect(engine.liveConnected).toBe(true));
    await engine.idle();
    return {
      db,
      clock,
      engine,
      editor: opened,
      label: (index: number, classCode: string) => opened.execute('targetLabel/set', { targetId: target(index), classCode }),
      /** Resolves once the editor shows these labels (slice index → class), however they came. */
      shows: (expected: Record<number, string>) =>
        new Promise<void>((resolve) => {
          waiting.push({ labels: Object.fromEntries(Object.entries(expected).map(([index, code]) => [target(Number(index)), code])), resolve });
          check();
        }),
      settled: async () => {
        await saving;
        await engine.idle();
      },
    };
  }

  it('brings a label made on one device to the other’s open editor, outside undo, both ways and without a conflict', async () => {
    await blankServerDocument(server);
    const a = await openDevice();
    const b = await openDevice();

    a.label(0, 'sah.present');
    await b.shows({ 0: 'sah.present' });
    expect(b.editor.canUndo).toBe(false);
    await b.settled();
    expect(b.engine.stateOf(server.itemId)).toMatchObject({ status: 'synced', conflicts: 0 });

    b.label(1, 'sah.absent');
    await a.shows({ 0: 'sah.present', 1: 'sah.absent' });
    await Promise.all([a.settled(), b.settled()]);
    for (const device of [a, b]) expect(device.engine.stateOf(server.itemId)).toMatchObject({ status: 'synced', pending: 0, conflicts: 0 });
    expect(await b.engine.conflictsOf(server.itemId)).toEqual([]);

    // Each holds the server's versions: relabelling the other's slice is an ordinary edit, not a conflict.
    b.label(0, 'sah.uncertain');
    await a.shows({ 0: 'sah.uncertain' });
    await b.settled();
    expect(b.engine.stateOf(server.itemId)).toMatchObject({ status: 'synced', conflicts: 0 });
  });

  it('shows a label made in another tab of the same browser (one IndexedDB)', async () => {
    await blankServerDocument(server);
    const first = await openDevice();
    const second = await openDevice(first.db);
    first.label(2, 'sah.absent');
    await second.shows({ 2: 'sah.absent' });
    second.label(3, 'sah.present');
    await first.shows({ 2: 'sah.absent', 3: 'sah.present' });
    await Promise.all([first.settled(), second.settled()]);
    expect(await first.engine.conflictsOf(server.itemId)).toEqual([]);
  });

  it('does not read back its own acknowledged write, and still reads another device’s', async () => {
    await blankServerDocument(server);
    const a = await openDevice();
    const storedCheckpoint = async () => (await a.db.meta.get(checkpointKey(a.engine.annotatorId)))?.value;
    const before = await storedCheckpoint();
    const followed = a.engine.followedThrough;
    server.forwarded.length = 0;
    a.label(0, 'sah.present');
    await a.settled();
    // The echo is heard once the engine follows the stream past it.
    await vi.waitFor(() => expect(a.engine.followedThrough).not.toBe(followed));
    await a.engine.idle();
    // Its sends only: no feed read, no ops read, and no transaction of its own for the checkpoint.
    expect(server.forwarded.length).toBeGreaterThan(0);
    expect(server.forwarded.filter((line) => !line.startsWith('PATCH '))).toEqual([]);
    const echo = (await server.api.changes(FEED_LATEST, 1)).checkpoint;
    expect(a.engine.followedThrough).toBe(echo);
    expect(await storedCheckpoint()).toBe(before);
    // The next save stores it.
    a.label(2, 'sah.absent');
    await a.settled();
    expect(await storedCheckpoint()).toBe(echo);

    const b = await openDevice();
    b.label(1, 'sah.absent');
    await a.shows({ 0: 'sah.present', 1: 'sah.absent', 2: 'sah.absent' });
    await Promise.all([a.settled(), b.settled()]);
    expect(a.engine.stateOf(server.itemId)).toMatchObject({ status: 'synced', pending: 0, conflicts: 0 });
  });

  it('stores the echo checkpoint held in memory when it stops', async () => {
    await blankServerDocument(server);
    const a = await openDevice();
    a.label(0, 'sah.present');
    await a.settled();
    const echo = (await server.api.changes(FEED_LATEST, 1)).checkpoint;
    await vi.waitFor(() => expect(a.engine.followedThrough).toBe(echo));
    a.engine.stop();
    await vi.waitFor(async () => expect((await a.db.meta.get(checkpointKey(a.engine.annotatorId)))?.value).toBe(echo));
  });

  it('says so when the server refuses the stream for want of a valid session', async () => {
    const signedOut = createApiClient({ baseUrl: server.baseUrl, getToken: () => 'not-a-session-token-0123456789' });
    let refused = () => undefined as void;
    const heard = new Promise<void>((resolve) => (refused = resolve));
    const feed = new LiveFeed({
      open: signedOut.changeStream,
      connected: () => undefined,
      changed: () => undefined,
      unauthorized: refused,
      clock: new ManualClock(),
      random: () => 0.5,
      backoff: BACKOFF,
    });
    feed.start();
    await heard;
    expect(feed.open).toBe(false);
    feed.stop();
  });

  it('reconnects after the server restarts and catches up with what it missed meanwhile', async () => {
    await blankServerDocument(server);
    const a = await openDevice();
    const b = await openDevice();
    await server.stopServer();
    await vi.waitFor(() => expect(b.engine.liveConnected).toBe(false));
    await server.startServer();
    a.label(4, 'sah.uncertain');
    await a.settled();
    // B's stream is down, waiting for its backoff: the label reaches it once it reconnects.
    b.clock.advance(BACKOFF.capMs);
    await b.shows({ 4: 'sah.uncertain' });
    expect(b.engine.liveConnected).toBe(true);
  });
});
