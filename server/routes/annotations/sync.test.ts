import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnnotationRecord } from '../../../src/core/annotation';
import type { AnnotatorHead, BatchResult, ChangeFeed, DocumentInfo, OpsPage, RecordConflictBody, RecordPage, RevisionInfo } from '../../../src/core/api';
import { progressOfRecords } from '../../../src/core/progress';
import { RECORD_LIMITS } from '../../../src/core/validation/annotation';
import { lockDocument } from '../../db/dialect';
import { AT, del, humanBy, label, patchBatch, proposal, put, shape } from '../../testing/documents';
import { MULTI_QUESTION_LABEL_SET } from '../../testing/labelSets';
import { testDialects } from '../../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

describe.each(testDialects('record sync'))('record sync on %s', (dialect) => {
  let server: TestServer;
  let ann: SignedIn;
  let other: SignedIn;
  let reviewer: SignedIn;
  let itemId: string;
  let slices: string[];

  beforeAll(async () => {
    server = await startTestServer(dialect);
    ann = await server.signIn('ann', ['annotator']);
    other = await server.signIn('otto', ['annotator']);
    reviewer = await server.signIn('rita', ['reviewer']);
    ({ itemId, targetIds: slices } = await server.seedDataset({ assignTo: [ann.user.id, other.user.id], labelSet: MULTI_QUESTION_LABEL_SET }));
  });
  afterAll(async () => server.dispose());

  const get = <T>(url: string, who: SignedIn = ann) => server.app.inject({ method: 'GET', url, headers: who.auth }).then((r) => ({ status: r.statusCode, etag: r.headers.etag, body: json<T>(r) }));
  const me = () => `/api/items/${itemId}/annotations/me`;
  const records = async (query = '', who: SignedIn = ann) => (await get<RecordPage>(`${me()}/records${query}`, who)).body;
  const byId = async () => new Map((await records('?limit=5000')).records.map((r) => [r.id, r]));
  const opRows = async () => Number((await server.db.selectFrom('annotation_ops').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const by = (who: SignedIn) => humanBy(who.user.id);

  it('starts empty at revision 0', async () => {
    const head = await get<DocumentInfo>(me());
    expect(head.status).toBe(200);
    expect(head.etag).toBe('"0"');
    expect(head.body).toEqual({ revision: 0, recordCount: 0, updatedAt: null, labelSetId: 'test-multi', labelSetVersion: 1 });
    expect(await records()).toEqual({ records: [], nextCursor: null, revision: 0 });
  });

  it('applies a batch answering several questions, one target carrying records of two questions, and starts work', async () => {
    const batch = [
      put(label(slices[0]!, 'sah.present', by(ann))),
      put(label(itemId, 'quality.good', by(ann), 'quality')),
      put(label(slices[1]!, 'sah.absent', by(ann))),
      put(shape('lesion-1', slices[1]!, { type: 'polygon', points: [[10, 10], [40, 12], [30, 50]] }, by(ann))),
    ];
    const response = await patchBatch(server, ann, itemId, 'b-1', { ops: batch });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers.etag).toBe('"1"');
    const result = json<BatchResult>(response);
    expect(result.revision).toBe(1);
    expect(result.versions).toEqual(Object.fromEntries(batch.map((op) => [op.id, 1])));
    const page = await records();
    expect(page.revision).toBe(1);
    expect(page.records.map((r) => [r.id, r.version, r.schema])).toEqual(
      batch.map((op) => [op.id, 1, 2]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect((await get<{ state: string }>(`/api/items/${itemId}`)).body.state).toBe('inProgress');
    const head = (await get<DocumentInfo>(me())).body;
    expect(head).toMatchObject({ revision: 1, recordCount: 4 });
  });

  it('applies edits of different records from two devices; the same record from a stale base is a 412 with the server copy and nothing applied', async () => {
    const first = label(slices[0]!, 'sah.uncertain', by(ann));
    expect((await patchBatch(server, ann, itemId, 'dev-a-1', { ops: [put(first, 1)] })).statusCode).toBe(200);
    const second = label(slices[1]!, 'sah.present', by(ann));
    expect((await patchBatch(server, ann, itemId, 'dev-b-1', { ops: [put(second, 1)] })).statusCode).toBe(200);

    const before = await opRows();
    const fresh = label(slices[2]!, 'sah.absent', by(ann));
    const stale = await patchBatch(server, ann, itemId, 'dev-b-2', { ops: [put(fresh), put(label(slices[0]!, 'sah.absent', by(ann)), 1)] });
    expect(stale.statusCode).toBe(412);
    const body = json<RecordConflictBody>(stale);
    expect(body.error).toBe('conflict');
    expect(body.revision).toBe(3);
    expect(body.conflicts).toEqual([{ id: first.id, version: 2, schema: 2, record: first }]);
    expect(await opRows()).toBe(before);
    expect((await byId()).has(fresh.id)).toBe(false);

    const never = await patchBatch(server, ann, itemId, 'dev-b-3', { ops: [put(label(slices[3]!, 'sah.absent', by(ann)), 4)] });
    expect(never.statusCode).toBe(412);
    expect(json<RecordConflictBody>(never).conflicts).toEqual([{ id: `label:sah:${slices[3]}`, version: 0, schema: 0, record: null }]);
  });

  it('replays a retried Idempotency-Key, refuses the key with another body (422), and forgets 412s', async () => {
    const before = await opRows();
    const batch = { ops: [put(label(slices[2]!, 'sah.absent', by(ann)))] };
    const original = await patchBatch(server, ann, itemId, 'retry-1', batch);
    expect(original.statusCode).toBe(200);
    const retry = await patchBatch(server, ann, itemId, 'retry-1', batch);
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(original.json());
    expect(await opRows()).toBe(before + 1);
    const reused = await patchBatch(server, ann, itemId, 'retry-1', { ops: [put(label(slices[5]!, 'sah.absent', by(ann)))] });
    expect(reused.statusCode).toBe(422);
    expect(reused.json()).toMatchObject({ error: 'idempotency_key_reused' });
    // The 412 under `dev-b-3` was not remembered: the same key may carry the resolved batch.
    expect((await patchBatch(server, ann, itemId, 'dev-b-3', { ops: [put(label(slices[3]!, 'sah.absent', by(ann)))] })).statusCode).toBe(200);
  });

  it('applies concurrent copies of one batch once', async () => {
    const before = await opRows();
    const batch = { ops: [put(label(slices[4]!, 'sah.present', by(ann)))] };
    const copies = 3;
    const responses = await overlapping(copies, () => patchBatch(server, ann, itemId, 'copies-1', batch));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(copies).fill(200));
    expect(new Set(responses.map((r) => json<BatchResult>(r).revision)).size).toBe(1);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(copies - 1);
    expect(await opRows()).toBe(before + 1);
  });

  /**
   * Runs `count` copies of a request so that they overlap. On PostgreSQL the test holds the
   * document's lock until every copy's transaction waits for it (the overlap a retry racing its
   * original sees); on SQLite writers are serial, so the copies simply start together.
   */
  async function overlapping<T>(count: number, request: () => Promise<T>): Promise<T[]> {
    const start = () => Promise.all(Array.from({ length: count }, request));
    if (server.dialect !== 'postgres') return start();
    let settled = false;
    let copies: Promise<T[]> = Promise.resolve([]);
    await server.db.transaction().execute(async (trx) => {
      await lockDocument(trx, itemId, ann.user.id);
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

  it('refuses a whole batch when one op is invalid: classes, targets, geometry, vertices, mask size, shape of the batch', async () => {
    const before = await opRows();
    const good = put(label(slices[5]!, 'sah.present', by(ann)));
    const outline = (points: [number, number][]) => put(shape('lesion-bad', slices[0]!, { type: 'polygon', points }, by(ann)));
    const mask = (width: number, height: number) =>
      put({ type: 'mask', id: 'mask-bad', questionId: 'lesion', targetId: slices[0]!, classCode: 'lesion.bleed', width, height, runs: [width * height], provenance: by(ann) });
    const cases: [unknown, RegExp][] = [
      [{ ops: [good, put(label(slices[0]!, 'sah.maybe', by(ann)), 2)] }, /sah\.maybe/],
      [{ ops: [good, put(label(`${slices[0]}.nope`, 'sah.absent', by(ann)))] }, /is not a slice of item/],
      [{ ops: [good, put(label(slices[0]!, 'quality.good', by(ann), 'quality'))] }, /is not a series of item/],
      [{ ops: [good, put(label(slices[0]!, 'sah.absent', by(ann), 'nope'))] }, /unknown question/],
      [{ ops: [good, outline([[10, 10], [600, 10], [30, 50]])] }, /outside the 512×512 image/],
      [{ ops: [good, outline(Array.from({ length: RECORD_LIMITS.maxVertices + 1 }, (_, i) => [i % 500, 1] as [number, number]))] }, /at most 10000 points/],
      [{ ops: [good, mask(10, 10)] }, /a mask is the size of its image, 512×512/],
      [{ ops: [good, good] }, /appears twice/],
      [{ ops: [] }, /"ops" must be a list of 1 to 2000 operations/],
      [{ ops: [good], extra: 1 }, /unknown property "extra"/],
      [{ ops: [put(label(slices[5]!, 'sah.present', by(ann)), 2 ** 31)] }, /baseVersion: expected an integer of at most 2147483647/],
      [{ ops: [good], legacyBaseRevision: 2 ** 31 }, /"legacyBaseRevision" must be an integer from 0 to 2147483647/],
      [{ ops: [{ ...good, record: { ...label(slices[5]!, 'sah.absent', by(ann)), id: 'other' } }] }, /must equal the op's id/],
    ];
    for (const [i, [payload, message]] of cases.entries()) {
      const response = await patchBatch(server, ann, itemId, `bad-${i}`, payload);
      expect(response.statusCode, `case ${i}: ${response.body.slice(0, 300)}`).toBe(400);
      expect(json<{ error: string }>(response).error, `case ${i}`).toBe('invalid_batch');
      expect(json<{ message: string }>(response).message, `case ${i}`).toMatch(message);
    }
    const noKey = await patchBatch(server, ann, itemId, null, { ops: [good] });
    expect(noKey.statusCode).toBe(400);
    expect(json<{ message: string }>(noKey).message).toMatch(/Idempotency-Key/);
    expect(await opRows()).toBe(before);
  });

  it('owns authorship: authors, origin, createdAt and decisions must be what the caller did', async () => {
    const before = await opRows();
    const stored = (await byId()).get(`label:sah:${slices[0]}`)?.record as AnnotationRecord;
    const v = (await byId()).get(stored.id)?.version ?? 0;
    const cases: [AnnotationRecord, number, RegExp][] = [
      [label(slices[5]!, 'sah.absent', by(other)), 0, /must be exactly \[".+"\]/],
      [label(slices[5]!, 'sah.absent', { ...by(ann), authors: [ann.user.id, other.user.id] }), 0, /must be exactly/],
      [{ ...stored, provenance: { ...stored.provenance, authors: [other.user.id] } } as AnnotationRecord, v, /must be the stored/],
      [{ ...stored, provenance: { ...stored.provenance, authors: [ann.user.id, other.user.id] } } as AnnotationRecord, v, /must be the stored/],
      [{ ...stored, provenance: { ...proposal(), authors: [ann.user.id], decision: 'accepted', decidedBy: ann.user.id } } as AnnotationRecord, v, /origin of a record cannot change/],
      [{ ...stored, provenance: { ...stored.provenance, createdAt: '2020-01-01T00:00:00.000Z' } } as AnnotationRecord, v, /createdAt cannot change/],
      [label(slices[5]!, 'sah.absent', { ...proposal(), authors: [other.user.id] }), 0, /only you/],
      [label(slices[5]!, 'sah.absent', { ...proposal(), authors: [ann.user.id], decision: 'accepted', decidedBy: other.user.id }), 0, /decidedBy must be/],
    ];
    for (const [i, [record, base, message]] of cases.entries()) {
      const response = await patchBatch(server, ann, itemId, `author-${i}`, { ops: [put(record, base)] });
      expect(response.statusCode, `case ${i}: ${response.body.slice(0, 300)}`).toBe(400);
      expect(json<{ message: string }>(response).message, `case ${i}`).toMatch(message);
    }
    expect(await opRows()).toBe(before);

    // A model's proposal, written pending; accepting it names the caller as author and decider.
    const proposed = label(slices[5]!, 'sah.present', proposal());
    expect((await patchBatch(server, ann, itemId, 'proposal-1', { ops: [put(proposed)] })).statusCode).toBe(200);
    const decidedByOther = { ...proposed, provenance: { ...proposed.provenance, decision: 'accepted', decidedBy: other.user.id, authors: [ann.user.id] } } as AnnotationRecord;
    expect((await patchBatch(server, ann, itemId, 'proposal-2', { ops: [put(decidedByOther, 1)] })).statusCode).toBe(400);
    const accepted = { ...proposed, provenance: { ...proposed.provenance, decision: 'accepted', decidedBy: ann.user.id, authors: [ann.user.id] } } as AnnotationRecord;
    expect((await patchBatch(server, ann, itemId, 'proposal-3', { ops: [put(accepted, 1)] })).statusCode).toBe(200);
  });

  it('keeps a tombstone: a stale edit of a deleted record conflicts; a put on the tombstone version recreates it', async () => {
    const id = `label:sah:${slices[1]}`;
    const version = (await byId()).get(id)?.version ?? 0;
    const deleted = await patchBatch(server, ann, itemId, 'del-1', { ops: [del(id, version)] });
    expect(deleted.statusCode).toBe(200);
    expect(json<BatchResult>(deleted).versions).toEqual({ [id]: version + 1 });
    expect((await byId()).has(id)).toBe(false);
    const stale = await patchBatch(server, ann, itemId, 'del-2', { ops: [put(label(slices[1]!, 'sah.present', by(ann)), version)] });
    expect(stale.statusCode).toBe(412);
    expect(json<RecordConflictBody>(stale).conflicts).toEqual([{ id, version: version + 1, schema: 2, record: null }]);
    const again = await patchBatch(server, ann, itemId, 'del-3', { ops: [put(label(slices[1]!, 'sah.present', by(ann)), version + 1)] });
    expect(again.statusCode).toBe(200);
    expect((await byId()).get(id)?.version).toBe(version + 2);
  });

  it('lets a device that never saw a deleted record re-create it at base 0, with no 412', async () => {
    const id = `label:sah:${slices[2]}`;
    const version = (await byId()).get(id)?.version ?? 0;
    expect((await patchBatch(server, ann, itemId, 'fresh-2', { ops: [del(id, version)] })).statusCode).toBe(200);
    const fresh = await patchBatch(server, ann, itemId, 'fresh-3', { ops: [put(label(slices[2]!, 'sah.absent', by(ann)), 0)] });
    expect(fresh.statusCode).toBe(200);
    expect(json<BatchResult>(fresh).versions).toEqual({ [id]: version + 2 });
    expect((await byId()).get(id)?.version).toBe(version + 2);
    // A live record at base 0 still conflicts: that device would overwrite what it never saw.
    const live = await patchBatch(server, ann, itemId, 'fresh-4', { ops: [put(label(slices[2]!, 'sah.present', by(ann)), 0)] });
    expect(live.statusCode).toBe(412);
  });

  it('pages records by id, by target and by box', async () => {
    const all = await records('?limit=5000');
    const ids = all.records.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    const first = await records('?limit=2');
    expect(first.records.map((r) => r.id)).toEqual(ids.slice(0, 2));
    expect(first.nextCursor).toBe(ids[1]);
    const rest = await records(`?limit=5000&after=${encodeURIComponent(first.nextCursor ?? '')}`);
    expect(rest.records.map((r) => r.id)).toEqual(ids.slice(2));
    expect(rest.nextCursor).toBeNull();

    const onSlice1 = await records(`?target=${encodeURIComponent(slices[1]!)}`);
    expect(onSlice1.records.map((r) => r.id).sort()).toEqual(['label:sah:' + slices[1], 'lesion-1'].sort());
    expect((await records('?bbox=0,0,20,20')).records.map((r) => r.id)).toEqual(['lesion-1']);
    expect((await records('?bbox=41,0,100,100')).records).toEqual([]);
    expect((await get(`${me()}/records?bbox=5,5,1,1`)).status).toBe(400);
    expect((await get(`${me()}/records?bbox=1,2,3`)).status).toBe(400);
  });

  it('hands out the ops after a revision, in whole revisions', async () => {
    const head = (await get<DocumentInfo>(me())).body.revision;
    const all = (await get<OpsPage>(`${me()}/ops?since=0`)).body;
    expect(all.more).toBe(false);
    expect(all.revision).toBe(head);
    expect(all.ops.slice(0, 4).map((op) => [op.revision, op.record.version])).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
    const revisions = all.ops.map((op) => op.revision);
    expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
    const paged = (await get<OpsPage>(`${me()}/ops?since=0&limit=2`)).body;
    // Revision 1 has 4 ops: a page never splits it.
    expect(paged.ops).toHaveLength(4);
    expect(paged).toMatchObject({ revision: 1, more: true });
    const next = (await get<OpsPage>(`${me()}/ops?since=1&limit=1`)).body;
    expect(next.ops.map((op) => op.revision)).toEqual([2]);
    expect((await get<OpsPage>(`${me()}/ops?since=${head}`)).body).toEqual({ ops: [], revision: head, more: false });
  });

  it('lists one revision per applied batch, and audits each batch once', async () => {
    const revisions = (await get<RevisionInfo[]>(`${me()}/revisions`)).body;
    expect(revisions[0]).toMatchObject({ revision: 1, opId: 'b-1', authorId: ann.user.id, opCount: 4, createdAt: AT });
    expect(revisions.map((r) => r.revision)).toEqual(revisions.map((_, i) => i + 1));
    const audits = await server.db.selectFrom('audit_log').select(['revision', 'detail']).where('action', '=', 'annotation.batch').where('user_id', '=', ann.user.id).orderBy('seq').execute();
    expect(audits.map((a) => a.revision)).toEqual(revisions.map((r) => r.revision));
    expect(JSON.parse(audits[0]?.detail ?? '{}')).toMatchObject({ opId: 'b-1', ops: 4 });
  });

  it('keeps labelled targets and the record count equal to a recount', async () => {
    const live = (await records('?limit=5000')).records.map((r) => r.record as AnnotationRecord);
    const doc = await server.db.selectFrom('annotation_docs').selectAll().where('annotator_id', '=', ann.user.id).executeTakeFirstOrThrow();
    expect(Number(doc.labelled)).toBe(progressOfRecords(live, slices).labelled);
    expect(Number(doc.record_count)).toBe(live.length);
    const listing = await get<{ items: { progress: { labelled: number; total: number } }[] }>(`/api/datasets/${(await server.db.selectFrom('items').select('dataset_id').where('id', '=', itemId).executeTakeFirstOrThrow()).dataset_id}/items`);
    expect(listing.body.items[0]?.progress).toEqual({ labelled: progressOfRecords(live, slices).labelled, total: slices.length });
  });

  it('feeds each annotator their own changes and reviewers everyone’s, from a checkpoint', async () => {
    expect((await patchBatch(server, other, itemId, 'o-1', { ops: [put(label(slices[0]!, 'sah.absent', by(other)))] })).statusCode).toBe(200);
    const annFeed = (await get<ChangeFeed>('/api/changes?since=')).body;
    expect(annFeed.changes.every((c) => c.annotatorId === ann.user.id)).toBe(true);
    expect(annFeed.changes.length).toBe(await countOps(ann.user.id));
    expect(annFeed.more).toBe(false);
    const reviewerFeed = (await get<ChangeFeed>('/api/changes', reviewer)).body;
    expect(reviewerFeed.changes.length).toBe(await countOps(null));
    expect(reviewerFeed.changes.at(-1)).toMatchObject({ itemId, annotatorId: other.user.id, record: { id: `label:sah:${slices[0]}`, version: 1 } });

    const idle = (await get<ChangeFeed>(`/api/changes?since=${annFeed.checkpoint}`)).body;
    expect(idle).toEqual({ changes: [], checkpoint: annFeed.checkpoint, more: false });
    // A device that holds nothing starts after the newest change of its own user, without history.
    expect((await get<ChangeFeed>('/api/changes?since=latest')).body).toEqual({ changes: [], checkpoint: annFeed.checkpoint, more: false });
    expect((await get<ChangeFeed>('/api/changes?since=latest', reviewer)).body.checkpoint).not.toBe(annFeed.checkpoint);
    const next = await patchBatch(server, ann, itemId, 'feed-1', { ops: [del(`label:sah:${slices[2]}`, (await byId()).get(`label:sah:${slices[2]}`)?.version ?? 0)] });
    expect(next.statusCode).toBe(200);
    const caughtUp = (await get<ChangeFeed>(`/api/changes?since=${annFeed.checkpoint}`)).body;
    expect(caughtUp.changes).toEqual([{ itemId, annotatorId: ann.user.id, revision: json<BatchResult>(next).revision, record: { id: `label:sah:${slices[2]}`, version: expect.any(Number), schema: 2, record: null } }]);
    const paged = (await get<ChangeFeed>('/api/changes?limit=2')).body;
    expect(paged.changes).toHaveLength(2);
    expect(paged.more).toBe(true);
    expect((await get(`/api/changes?since=12`)).status).toBe(400);
  });

  async function countOps(annotatorId: string | null): Promise<number> {
    let query = server.db.selectFrom('annotation_ops').select((eb) => eb.fn.countAll<number>().as('n'));
    if (annotatorId) query = query.where('annotator_id', '=', annotatorId);
    return Number((await query.executeTakeFirstOrThrow()).n);
  }

  it('shows reviewers every annotator head and records, and nobody else', async () => {
    const heads = await get<AnnotatorHead[]>(`/api/items/${itemId}/annotations`, reviewer);
    expect(heads.status).toBe(200);
    const annHead = (await get<DocumentInfo>(me())).body;
    expect(heads.body.find((h) => h.annotatorId === ann.user.id)).toEqual({
      annotatorId: ann.user.id,
      state: 'inProgress',
      revision: annHead.revision,
      recordCount: annHead.recordCount,
      updatedAt: annHead.updatedAt,
    });
    const theirs = await get<RecordPage>(`/api/items/${itemId}/annotations/${ann.user.id}/records`, reviewer);
    expect(theirs.body).toEqual(await records());
    expect((await get(`/api/items/${itemId}/annotations`, ann)).status).toBe(403);
    expect((await get(`/api/items/${itemId}/annotations/${other.user.id}/records`, ann)).status).toBe(403);
    const unassigned = await patchBatch(server, reviewer, itemId, 'r-1', { ops: [put(label(slices[0]!, 'sah.absent', by(reviewer)))] });
    expect(unassigned.statusCode).toBe(403);
  });

  it('answers each record of a page as its latest op wrote it, as JSON with the ETag of the page revision', async () => {
    const byRecordId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    const note = shape('lesion-page-text', slices[0]!, { type: 'polygon', points: [[1, 2], [30, 2.5], [12, 40]] }, by(ann));
    expect((await patchBatch(server, ann, itemId, 'page-text-1', { ops: [put(note)] })).statusCode).toBe(200);
    const response = await server.app.inject({ method: 'GET', url: `${me()}/records?limit=5000`, headers: ann.auth });
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const page = json<RecordPage>(response);
    expect(response.headers.etag).toBe(`"${page.revision}"`);
    const latest = new Map<string, RecordPage['records'][number]>();
    for (const op of (await get<OpsPage>(`${me()}/ops?since=0&limit=5000`)).body.ops) latest.set(op.record.id, op.record);
    const live = [...latest.values()].filter((record) => record.record !== null).sort(byRecordId);
    expect([...page.records].sort(byRecordId)).toEqual(live);
    expect(page.records.find((r) => r.id === note.id)?.record).toEqual(note);
  });
});
