import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommentThread, CommentThreadList, ItemReview } from '../../../src/core/api';
import { humanBy, label, patchBatch, put } from '../../testing/documents';
import { testDialects } from '../../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

describe.each(testDialects('review comments'))('review comment threads on %s', (dialect) => {
  let server: TestServer;
  let ann: SignedIn;
  let bob: SignedIn;
  let rita: SignedIn;
  /** A reviewer who reads the item: blinded to the other readers' documents and their threads. */
  let rolf: SignedIn;
  let admin: SignedIn;
  let itemId: string;
  let slices: string[];
  let annThread: CommentThread;

  const list = (who: SignedIn, annotatorId: string) => server.app.inject({ method: 'GET', url: `/api/items/${itemId}/comments?annotatorId=${annotatorId}`, headers: who.auth });
  const open = (who: SignedIn, payload: object) => server.app.inject({ method: 'POST', url: `/api/items/${itemId}/comments`, headers: who.auth, payload });
  const act = (who: SignedIn, threadId: string, verb: 'messages' | 'resolve' | 'reopen', payload?: object) =>
    server.app.inject({ method: 'POST', url: `/api/comments/${threadId}/${verb}`, headers: who.auth, ...(payload ? { payload } : {}) });
  const review = (payload: object) => server.app.inject({ method: 'POST', url: `/api/items/${itemId}/review`, headers: rita.auth, payload });
  /** `who` labels slices (index → class) from scratch and submits. */
  const labelAndSubmit = async (who: SignedIn, labels: Record<number, string>) => {
    const ops = Object.entries(labels).map(([index, code]) => put(label(slices[Number(index)]!, code, humanBy(who.user.id))));
    const written = await patchBatch(server, who, itemId, `w-${who.user.id}`, { ops });
    expect(written.statusCode, written.body).toBe(200);
    const submitted = await server.app.inject({ method: 'POST', url: `/api/items/${itemId}/submit`, headers: { ...who.auth, 'if-match': `"${json<{ revision: number }>(written).revision}"` } });
    expect(submitted.statusCode, submitted.body).toBe(200);
  };
  const auditActions = async () =>
    (await server.db.selectFrom('audit_log').select(['action', 'user_id', 'entity_id']).where('action', 'like', 'comment.%').orderBy('seq').execute()).map((row) => [row.action, row.user_id, row.entity_id]);

  beforeAll(async () => {
    server = await startTestServer(dialect);
    ann = await server.signIn('ann', ['annotator']);
    bob = await server.signIn('bob', ['annotator']);
    rita = await server.signIn('rita', ['reviewer']);
    rolf = await server.signIn('rolf', ['reviewer', 'annotator']);
    admin = await server.signIn('admin', ['admin']);
    ({ itemId, targetIds: slices } = await server.seedDataset({ slices: 6, assignTo: [ann.user.id, bob.user.id, rolf.user.id] }));
    await labelAndSubmit(ann, { 0: 'sah.present', 1: 'sah.present', 2: 'sah.absent' });
    await labelAndSubmit(bob, { 0: 'sah.present', 1: 'sah.absent', 2: 'sah.absent', 3: 'sah.absent' });
  });
  afterAll(async () => server.dispose());

  it('lets a reviewer who does not read the item open a thread pinned to a slice of a reader’s document', async () => {
    const response = await open(rita, { annotatorId: ann.user.id, anchor: { kind: 'target', targetId: slices[1] }, body: 'Slice 2 shows no blood.' });
    expect(response.statusCode, response.body).toBe(201);
    annThread = json<CommentThread>(response);
    expect(annThread).toMatchObject({ itemId, annotatorId: ann.user.id, anchor: { kind: 'target', targetId: slices[1] }, status: 'open', createdBy: rita.user.id });
    expect(annThread.messages).toEqual([{ id: expect.any(String), authorId: rita.user.id, authorName: 'rita', body: 'Slice 2 shows no blood.', createdAt: annThread.createdAt }]);
    expect(json<CommentThreadList>(await list(rita, ann.user.id)).threads).toEqual([annThread]);
    expect(json<CommentThreadList>(await list(admin, ann.user.id)).threads).toEqual([annThread]);
    expect(json<CommentThreadList>(await list(rita, bob.user.id)).threads).toEqual([]);
  });

  it('refuses bad anchors and bodies with a sentence, storing nothing', async () => {
    const cases: [object, string, RegExp][] = [
      [{ kind: 'target', targetId: 'not-a-slice' }, 'x', /not-a-slice is not a slice or frame of this item/],
      [{ kind: 'point', targetId: slices[0], x: -1, y: 3 }, 'x', /outside the/],
      [{ kind: 'lasso' }, 'x', /kind must be item, target, point or region/],
      [{ kind: 'item' }, '   ', /write something/],
      [{ kind: 'item' }, 'x'.repeat(4001), /body/],
    ];
    for (const [anchor, body, message] of cases) {
      const response = await open(rita, { annotatorId: ann.user.id, anchor, body });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().message).toMatch(message);
    }
    expect(json<CommentThreadList>(await list(rita, ann.user.id)).threads).toHaveLength(1);
    const stranger = await open(rita, { annotatorId: admin.user.id, anchor: { kind: 'item' }, body: 'x' });
    expect(stranger.statusCode).toBe(404);
  });

  it('blinds readers: the annotator sees only their own document’s threads, other readers none', async () => {
    expect(json<CommentThreadList>(await list(ann, ann.user.id)).threads).toEqual([annThread]);
    for (const reader of [bob, rolf]) {
      const response = await list(reader, ann.user.id);
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ error: 'reader_blinded' });
      expect(response.body).not.toContain('no blood');
      expect((await act(reader, annThread.id, 'messages', { body: 'peek' })).statusCode).toBe(403);
      expect((await act(reader, annThread.id, 'resolve')).statusCode).toBe(403);
    }
    expect((await list(ann, bob.user.id)).statusCode).toBe(403);
    // A reader who also reviews cannot open threads on another reader's document either.
    expect((await open(rolf, { annotatorId: ann.user.id, anchor: { kind: 'item' }, body: 'x' })).statusCode).toBe(403);
  });

  it('lets the annotator reply and resolve but not open or reopen threads; the reviewer reopens', async () => {
    expect((await open(ann, { annotatorId: ann.user.id, anchor: { kind: 'item' }, body: 'x' })).statusCode).toBe(403);
    const replied = await act(ann, annThread.id, 'messages', { body: 'Fixed: slice 2 is absent now.' });
    expect(replied.statusCode, replied.body).toBe(201);
    expect(json<CommentThread>(replied).messages.map((m) => [m.authorId, m.body])).toEqual([
      [rita.user.id, 'Slice 2 shows no blood.'],
      [ann.user.id, 'Fixed: slice 2 is absent now.'],
    ]);
    expect((await act(ann, annThread.id, 'messages', { body: ' ' })).statusCode).toBe(400);
    const resolved = await act(ann, annThread.id, 'resolve');
    expect(json<CommentThread>(resolved).status).toBe('resolved');
    expect((await act(ann, annThread.id, 'reopen')).statusCode).toBe(403);
    expect(json<CommentThread>(await act(rita, annThread.id, 'reopen')).status).toBe('open');
    expect(json<CommentThread>(await act(rita, annThread.id, 'resolve')).status).toBe('resolved');
    expect((await act(rita, '00000000-0000-4000-8000-000000000000', 'resolve')).statusCode).toBe(404);
  });

  it('turns a return’s comment with an anchor into a thread, listed before resolved ones, and keeps the audit detail', async () => {
    expect((await review({ annotatorId: ann.user.id, decision: 'approve', anchor: { kind: 'item' } })).statusCode).toBe(400);
    expect((await review({ annotatorId: ann.user.id, decision: 'return', anchor: { kind: 'item' } })).statusCode).toBe(400);
    expect((await review({ annotatorId: ann.user.id, decision: 'return', comment: 'x', anchor: { kind: 'target', targetId: 'nope' } })).statusCode).toBe(400);
    const anchor = { kind: 'point', targetId: slices[2], x: 10, y: 20 };
    const returned = await review({ annotatorId: ann.user.id, decision: 'return', comment: 'Look again at the bleed here.', anchor });
    expect(returned.statusCode, returned.body).toBe(200);
    const { state, threadId } = json<{ state: string; threadId: string }>(returned);
    expect(state).toBe('returned');
    const threads = json<CommentThreadList>(await list(ann, ann.user.id)).threads;
    expect(threads.map((t) => [t.id, t.status])).toEqual([
      [threadId, 'open'],
      [annThread.id, 'resolved'],
    ]);
    expect(threads[0]).toMatchObject({ anchor, messages: [{ authorId: rita.user.id, body: 'Look again at the bleed here.' }] });
    const audit = await server.db.selectFrom('audit_log').select('detail').where('action', '=', 'item.return').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail)).toEqual({ itemId, annotatorId: ann.user.id, comment: 'Look again at the bleed here.' });
  });

  it('audits every write on the document’s assignment', async () => {
    const doc = `${itemId}/${ann.user.id}`;
    expect(await auditActions()).toEqual([
      ['comment.open', rita.user.id, doc],
      ['comment.reply', ann.user.id, doc],
      ['comment.resolve', ann.user.id, doc],
      ['comment.reopen', rita.user.id, doc],
      ['comment.resolve', rita.user.id, doc],
      ['comment.open', rita.user.id, doc],
    ]);
  });

  it('answers the reviewer’s item screen with every reader and where the handed-in ones differ', async () => {
    const response = await server.app.inject({ method: 'GET', url: `/api/items/${itemId}/review`, headers: rita.auth });
    expect(response.statusCode, response.body).toBe(200);
    const body = json<ItemReview>(response);
    const states = Object.fromEntries(body.readers.map((reader) => [reader.displayName, reader.state]));
    expect(states).toEqual({ ann: 'returned', bob: 'submitted', rolf: 'assigned' });
    // ann was returned: only bob's work is handed in, so nothing is compared yet.
    expect(body.differences).toEqual([]);
    const again = await review({ annotatorId: bob.user.id, decision: 'approve' });
    expect(again.statusCode).toBe(200);
    for (const [who, status] of [[ann, 403], [rolf, 403], [admin, 403]] as const) {
      expect((await server.app.inject({ method: 'GET', url: `/api/items/${itemId}/review`, headers: who.auth })).statusCode).toBe(status);
    }
  });

  it('lists the slices where handed-in readers differ', async () => {
    const batch = { ops: [put(label(slices[1]!, 'sah.absent', humanBy(ann.user.id)), 1)] };
    const written = await patchBatch(server, ann, itemId, 'fix', batch);
    expect(written.statusCode, written.body).toBe(200);
    const submitted = await server.app.inject({ method: 'POST', url: `/api/items/${itemId}/submit`, headers: { ...ann.auth, 'if-match': `"${json<{ revision: number }>(written).revision}"` } });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const body = json<ItemReview>(await server.app.inject({ method: 'GET', url: `/api/items/${itemId}/review`, headers: rita.auth }));
    // Slices 1-3 now agree; slice 4 only bob labelled; nobody labelled 5 and 6.
    expect(body.differences.map((unit) => [unit.questionId, unit.targetKey])).toEqual([['sah', slices[3]]]);
    expect(body.differences[0]?.answers.map((answer) => answer.readerId)).toEqual([ann.user.id, bob.user.id].sort());
  });
});
