import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, ChangeFeed, ConflictBody, DocumentHead, DocumentWriteResult, RevisionInfo } from '../../../src/core/api';
import { serializeWrites } from '../../db/dialect';
import { sliceLabelDocument } from '../../testing/documents';
import { testDialects } from '../../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

describe.each(testDialects('sync protocol'))('sync protocol on %s', (dialect) => {
  let server: TestServer;
  let admin: SignedIn;
  let ann: SignedIn;
  let other: SignedIn;
  let reviewer: SignedIn;
  let itemId: string;
  let targetIds: string[];

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await server.signIn('admin', ['admin']);
    ann = await server.signIn('ann', ['annotator']);
    other = await server.signIn('otto', ['annotator']);
    reviewer = await server.signIn('rita', ['reviewer']);
    ({ itemId, targetIds } = await server.seedDataset({ assignTo: [ann.user.id, other.user.id] }));
  });
  afterAll(async () => server.dispose());

  const url = () => `/api/items/${itemId}/annotations/me`;
  const put = (who: SignedIn, base: string | null, key: string | null, payload: unknown) =>
    server.app.inject({
      method: 'PUT',
      url: url(),
      headers: { ...who.auth, ...(base === null ? {} : { 'if-match': base }), ...(key === null ? {} : { 'idempotency-key': key }) },
      payload: payload as object,
    });
  const doc = (who: SignedIn, labels: Record<number, string>) => sliceLabelDocument(itemId, who.user.id, targetIds, labels);
  const revisionCount = async () =>
    Number((await server.db.selectFrom('doc_revisions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('starts at revision 0 with ETag "0"', async () => {
    const response = await server.app.inject({ method: 'GET', url: url(), headers: ann.auth });
    expect(response.statusCode).toBe(200);
    expect(response.headers.etag).toBe('"0"');
    expect(json<DocumentHead>(response)).toEqual({ revision: 0, document: null, updatedAt: null });
  });

  it('creates revision 1, returns its ETag, and moves the item to inProgress', async () => {
    const first = doc(ann, { 0: 'sah.present' });
    const response = await put(ann, '"0"', 'op-1', first);
    expect(response.statusCode).toBe(200);
    expect(response.headers.etag).toBe('"1"');
    expect(json<DocumentWriteResult>(response).revision).toBe(1);

    const head = json<DocumentHead>(await server.app.inject({ method: 'GET', url: url(), headers: ann.auth }));
    expect(head.revision).toBe(1);
    expect(head.document).toEqual(first);
    const detail = await server.app.inject({ method: 'GET', url: `/api/items/${itemId}`, headers: ann.auth });
    expect(detail.json()).toMatchObject({ state: 'inProgress' });
  });

  it('updates on the current base and refuses a stale base with 412 and the server head', async () => {
    const second = doc(ann, { 0: 'sah.present', 1: 'sah.absent' });
    expect((await put(ann, '"1"', 'op-2', second)).statusCode).toBe(200);

    const stale = await put(ann, '"1"', 'op-stale', doc(ann, { 0: 'sah.absent' }));
    expect(stale.statusCode).toBe(412);
    const body = json<ConflictBody>(stale);
    expect(body.error).toBe('conflict');
    expect(body.current.revision).toBe(2);
    expect(body.current.document).toEqual(second);
    // Nothing was applied: the head is still revision 2.
    const head = json<DocumentHead>(await server.app.inject({ method: 'GET', url: url(), headers: ann.auth }));
    expect(head.revision).toBe(2);
  });

  it('applies a retried Idempotency-Key once, even when the first response was lost', async () => {
    const before = await revisionCount();
    const third = doc(ann, { 0: 'sah.present', 1: 'sah.absent', 2: 'sah.uncertain' });
    const original = await put(ann, '"2"', 'op-3', third);
    expect(original.statusCode).toBe(200);
    // The client never saw `original`; it sends the very same request again, on the old base.
    const retry = await put(ann, '"2"', 'op-3', third);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(original.json());
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await revisionCount()).toBe(before + 1);
  });

  it('applies concurrent copies of one request once', async () => {
    const base = (await server.app.inject({ method: 'GET', url: url(), headers: ann.auth })).headers.etag;
    expect(base).toMatch(/^"\d+"$/);
    const before = await revisionCount();
    const copies = 3;
    const next = doc(ann, { 0: 'sah.absent' });
    const responses = await overlapping(copies, () => put(ann, `${base}`, 'op-4', next));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(copies).fill(200));
    expect(new Set(responses.map((r) => json<DocumentWriteResult>(r).revision))).toEqual(new Set([Number(JSON.parse(`${base}`)) + 1]));
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(copies - 1);
    expect(await revisionCount()).toBe(before + 1);
  });

  /**
   * Runs `count` copies of a request so that they overlap. On PostgreSQL the test holds the
   * annotation write lock until every copy's transaction waits for it (the overlap a retry racing
   * its original sees); on SQLite writers are serial, so the copies simply start together.
   */
  async function overlapping<T>(count: number, request: () => Promise<T>): Promise<T[]> {
    const start = () => Promise.all(Array.from({ length: count }, request));
    if (server.dialect !== 'postgres') return start();
    let settled = false;
    let copies: Promise<T[]> = Promise.resolve([]);
    await server.db.transaction().execute(async (trx) => {
      await serializeWrites(trx);
      const holder = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
      const pid = holder.rows[0]?.pid;
      copies = start().finally(() => {
        settled = true;
      });
      // Polls the server's own lock table: a condition, not a timed sleep.
      for (;;) {
        const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where ${pid} = any(pg_blocking_pids(pid))`.execute(server.db);
        if ((waiting.rows[0]?.n ?? 0) >= count || settled) break;
      }
    });
    return copies;
  }

  it('refuses the same key with a different request (422) without applying it', async () => {
    const response = await put(ann, '"4"', 'op-4', doc(ann, { 5: 'sah.present' }));
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ error: 'idempotency_key_reused' });
    const head = json<DocumentHead>(await server.app.inject({ method: 'GET', url: url(), headers: ann.auth }));
    expect(head.revision).toBe(4);
  });

  it('lists one revision per applied write with its op id', async () => {
    const response = await server.app.inject({ method: 'GET', url: `${url()}/revisions`, headers: ann.auth });
    expect(response.statusCode).toBe(200);
    expect(json<RevisionInfo[]>(response).map((r) => [r.revision, r.opId])).toEqual([
      [1, 'op-1'],
      [2, 'op-2'],
      [3, 'op-3'],
      [4, 'op-4'],
    ]);
  });

  it('refuses headers and documents that break the protocol', async () => {
    const valid = doc(ann, { 0: 'sah.present' });
    const cases: [string | null, string | null, unknown, RegExp][] = [
      [null, 'k-1', valid, /If-Match/],
      ['"abc"', 'k-2', valid, /If-Match/],
      ['"4"', null, valid, /Idempotency-Key/],
      ['"4"', 'has spaces', valid, /Idempotency-Key/],
      ['"4"', 'k-3', { ...valid, itemId: targetIds[0] }, /itemId/],
      ['"4"', 'k-4', doc(other, { 0: 'sah.present' }), /annotatorId/],
      ['"4"', 'k-5', doc(ann, { 0: 'sah.maybe' }), /sah\.maybe/],
      ['"4"', 'k-6', { ...valid, records: [] }, /records/],
      ['"4"', 'k-7', [valid], /body must be object/],
    ];
    for (const [base, key, payload, message] of cases) {
      const response = await put(ann, base, key, payload);
      expect(response.statusCode, JSON.stringify([base, key])).toBe(400);
      expect(json<{ message: string }>(response).message).toMatch(message);
    }
    const target = `${valid.records['label-0']?.targetId}`;
    const unknownSlice = { ...valid, records: { x: { ...valid.records['label-0'], id: 'x', targetId: `${target}.nope` } } };
    expect((await put(ann, '"4"', 'k-8', unknownSlice)).statusCode).toBe(400);
  });

  it('keeps annotators apart: each has their own document and change feed', async () => {
    const mine = await put(other, '"0"', 'op-1', doc(other, { 3: 'sah.present' }));
    expect(mine.statusCode).toBe(200);
    expect(json<DocumentWriteResult>(mine).revision).toBe(1);

    const annFeed = json<ChangeFeed>(await server.app.inject({ method: 'GET', url: '/api/changes?since=0', headers: ann.auth }));
    expect(annFeed.changes.map((c) => [c.annotatorId, c.revision])).toEqual([1, 2, 3, 4].map((r) => [ann.user.id, r]));
    expect(annFeed.checkpoint).toBe(annFeed.changes[3]?.seq);

    const reviewerFeed = json<ChangeFeed>(await server.app.inject({ method: 'GET', url: '/api/changes?since=0', headers: reviewer.auth }));
    expect(reviewerFeed.changes).toHaveLength(5);
    const seqs = reviewerFeed.changes.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('lets a client catch up from its checkpoint', async () => {
    const start = json<ChangeFeed>(await server.app.inject({ method: 'GET', url: '/api/changes?since=0', headers: ann.auth }));
    const idle = json<ChangeFeed>(await server.app.inject({ method: 'GET', url: `/api/changes?since=${start.checkpoint}`, headers: ann.auth }));
    expect(idle).toEqual({ changes: [], checkpoint: start.checkpoint });

    expect((await put(ann, '"4"', 'op-5', doc(ann, { 0: 'sah.absent', 4: 'sah.absent' }))).statusCode).toBe(200);
    const next = json<ChangeFeed>(await server.app.inject({ method: 'GET', url: `/api/changes?since=${start.checkpoint}`, headers: ann.auth }));
    expect(next.changes).toEqual([{ seq: next.checkpoint, itemId, annotatorId: ann.user.id, revision: 5 }]);

    const paged = json<ChangeFeed>(await server.app.inject({ method: 'GET', url: '/api/changes?since=0&limit=2', headers: ann.auth }));
    expect(paged.changes.map((c) => c.revision)).toEqual([1, 2]);
    expect((await server.app.inject({ method: 'GET', url: '/api/changes?since=-1', headers: ann.auth })).statusCode).toBe(400);
  });

  it('writes one audit row per applied write, with its revision', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/audit?limit=1000', headers: admin.auth });
    expect(response.statusCode).toBe(200);
    const writes = json<AuditEntry[]>(response).filter((entry) => entry.action === 'annotation.write' && entry.userId === ann.user.id);
    expect(writes.map((entry) => entry.revision)).toEqual([5, 4, 3, 2, 1]);
    expect((await server.app.inject({ method: 'GET', url: '/api/audit', headers: ann.auth })).statusCode).toBe(403);
  });

  it('shows reviewers every annotator head, and nobody else', async () => {
    const response = await server.app.inject({ method: 'GET', url: `/api/items/${itemId}/annotations`, headers: reviewer.auth });
    expect(response.statusCode).toBe(200);
    const heads = json<{ annotatorId: string; revision: number; state: string }[]>(response);
    expect(heads.map((h) => [h.annotatorId, h.revision]).sort()).toEqual([
      [ann.user.id, 5],
      [other.user.id, 1],
    ].sort());
    expect((await server.app.inject({ method: 'GET', url: `/api/items/${itemId}/annotations`, headers: ann.auth })).statusCode).toBe(403);
  });

  it('refuses writes by a reviewer who is not assigned', async () => {
    const response = await put(reviewer, '"0"', 'r-1', sliceLabelDocument(itemId, reviewer.user.id, targetIds, { 0: 'sah.present' }));
    expect(response.statusCode).toBe(403);
  });
});
