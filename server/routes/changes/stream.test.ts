import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeFeed, ChangeStreamReady } from '../../../src/core/api';
import { humanBy, label, patchBatch, put } from '../../testing/documents';
import { openEventStream, type EventStreamClient } from '../../testing/eventStreamClient';
import { testDialects } from '../../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

describe.each(testDialects('live change stream'))('live change stream on %s', (dialect) => {
  let server: TestServer;
  let baseUrl: string;
  let ann: SignedIn;
  let otto: SignedIn;
  let rita: SignedIn;
  let itemId: string;
  let slices: string[];
  const streams: EventStreamClient[] = [];

  beforeAll(async () => {
    server = await startTestServer(dialect, { liveChanges: { pollMs: 100, heartbeatMs: 200 } });
    ann = await server.signIn('ann', ['annotator']);
    otto = await server.signIn('otto', ['annotator']);
    rita = await server.signIn('rita', ['reviewer']);
    ({ itemId, targetIds: slices } = await server.seedDataset({ slices: 8, assignTo: [ann.user.id, otto.user.id] }));
    baseUrl = await listen(server.app);
  });
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await server.dispose();
  });

  async function subscribe(who: SignedIn, extra: Record<string, string> = {}, origin = baseUrl): Promise<EventStreamClient> {
    const stream = await openEventStream(origin, { ...who.auth, ...extra });
    streams.push(stream);
    return stream;
  }

  let writes = 0;
  async function labelSlice(who: SignedIn, slice: number, code: string, baseVersion = 0): Promise<void> {
    writes += 1;
    const response = await patchBatch(server, who, itemId, `live-${writes}`, { ops: [put(label(slices[slice] as string, code, humanBy(who.user.id)), baseVersion)] });
    expect(response.statusCode, response.body).toBe(200);
  }

  const feed = async (who: SignedIn, since: string) =>
    json<ChangeFeed>(await server.app.inject({ method: 'GET', url: `/api/changes?since=${encodeURIComponent(since)}`, headers: who.auth }));

  it('refuses a client that is not signed in', async () => {
    const response = await fetch(`${baseUrl}/api/changes/stream`);
    expect(response.status).toBe(401);
    await response.body?.cancel();
  });

  it('announces a write to the writer’s own other devices, its id a feed checkpoint', async () => {
    const before = (await feed(ann, 'latest')).checkpoint;
    const stream = await subscribe(ann);
    expect(stream.status).toBe(200);
    // Nothing is written yet: the stream starts at the empty feed.
    expect(JSON.parse((await stream.next('ready')).data)).toEqual({ heartbeatMs: 200, position: '' });
    await labelSlice(ann, 0, 'sah.present');
    const event = await stream.next('changes');
    expect(JSON.parse(event.data)).toEqual({ after: '', itemIds: [itemId], documents: [{ itemId, annotatorId: ann.user.id, fromRevision: 1, toRevision: 1 }] });
    const missed = await feed(ann, before);
    expect(missed.changes.map((change) => change.record.record?.targetId)).toEqual([slices[0]]);
    expect(event.id).toBe(missed.checkpoint);
    stream.close();
  });

  it('tells each subscriber only of the documents it may follow', async () => {
    const annStream = await subscribe(ann);
    const ottoStream = await subscribe(otto);
    const ritaStream = await subscribe(rita);
    const [annReady, ottoReady] = await Promise.all([annStream, ottoStream, ritaStream].map(async (stream) => JSON.parse((await stream.next('ready')).data) as ChangeStreamReady));
    await labelSlice(otto, 1, 'sah.absent');
    const ottoEvent = await ottoStream.next('changes');
    const ritaEvent = await ritaStream.next('changes');
    expect(ritaEvent.id).toBe(ottoEvent.id);
    const ottosWrite = { itemIds: [itemId], documents: [{ itemId, annotatorId: otto.user.id, fromRevision: 1, toRevision: 1 }] };
    expect(JSON.parse(ottoEvent.data)).toEqual({ after: ottoReady?.position, ...ottosWrite });
    expect(JSON.parse(ritaEvent.data)).toEqual(JSON.parse(ottoEvent.data));
    await labelSlice(ann, 2, 'sah.absent');
    // Ann's first event is her own write: she never heard of Otto's, which came first.
    const annEvent = await annStream.next('changes');
    // So it follows on from where her stream started: Otto's change, in between, is not hers to hear.
    expect(JSON.parse(annEvent.data)).toEqual({ after: annReady?.position, itemIds: [itemId], documents: [{ itemId, annotatorId: ann.user.id, fromRevision: 2, toRevision: 2 }] });
    const annFeed = await feed(ann, ottoEvent.id as string);
    expect(annEvent.id).toBe(annFeed.checkpoint);
    expect(annFeed.changes.map((change) => change.annotatorId)).toEqual([ann.user.id]);
    const ritaNext = await ritaStream.next('changes');
    expect(ritaNext.id).toBe(annEvent.id);
    expect(JSON.parse(ritaNext.data)).toMatchObject({ after: ottoEvent.id });
    for (const stream of [annStream, ottoStream, ritaStream]) stream.close();
  });

  it('tells a client reconnecting with Last-Event-ID what it missed at once', async () => {
    const first = await subscribe(ann);
    await first.next('ready');
    await labelSlice(ann, 3, 'sah.present');
    const seen = await first.next('changes');
    first.close();
    await labelSlice(ann, 4, 'sah.uncertain');
    const resumed = await subscribe(ann, { 'last-event-id': seen.id as string });
    await resumed.next('ready');
    const missed = await resumed.next('changes');
    // Without `after`: it does not follow on from the stream's start, so a client reads it back.
    expect(JSON.parse(missed.data)).toEqual({ itemIds: [itemId], documents: [{ itemId, annotatorId: ann.user.id, fromRevision: 4, toRevision: 4 }] });
    expect(missed.id).toBe((await feed(ann, seen.id as string)).checkpoint);
    resumed.close();
  });

  it('reaches a client of another instance on the same database, and holds no pool connection', async () => {
    const other = await server.anotherInstance();
    const otherUrl = await listen(other);
    // More open streams than the pool has connections (5 on PostgreSQL).
    const many = await Promise.all(Array.from({ length: 8 }, () => subscribe(ann, {}, otherUrl)));
    await Promise.all(many.map((stream) => stream.next('ready')));
    await labelSlice(ann, 5, 'sah.present');
    const events = await Promise.all(many.map((stream) => stream.next('changes')));
    expect(new Set(events.map((event) => event.data)).size).toBe(1);
    expect(JSON.parse(events[0]?.data ?? '')).toMatchObject({ itemIds: [itemId], documents: [{ itemId, annotatorId: ann.user.id, fromRevision: 5, toRevision: 5 }] });
    const me = await other.inject({ method: 'GET', url: '/api/auth/me', headers: ann.auth });
    expect(me.statusCode).toBe(200);
    for (const stream of many) stream.close();
  });

  it('ends the stream once its session is gone (signed out)', async () => {
    const session = await server.signIn('ann-2', ['annotator']);
    const stream = await subscribe(session);
    await stream.next('ready');
    const logout = await server.app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.auth });
    expect(logout.statusCode).toBe(204);
    await stream.ended;
  });
});
