import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSnapshot } from '../../../src/core/annotation';
import type { AuditEntry, RecordConflictBody } from '../../../src/core/api';
import { SAH_SLICE_LABEL_SET } from '../../../src/core/labelSets/builtin';
import { humanBy, label, patchBatch, put } from '../../testing/documents';
import { testDialects } from '../../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

describe.each(testDialects('item state machine'))('item state machine through the API on %s', (dialect) => {
  let server: TestServer;
  let admin: SignedIn;
  let ann: SignedIn;
  let reviewer: SignedIn;
  /** A reviewer who also reads the item: blinded to the other reader. */
  let readingReviewer: SignedIn;
  let itemId: string;
  let targetIds: string[];
  let op = 0;
  const versions = new Map<string, number>();

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await server.signIn('admin', ['admin']);
    ann = await server.signIn('ann', ['annotator']);
    reviewer = await server.signIn('rita', ['reviewer', 'annotator']);
    readingReviewer = await server.signIn('rolf', ['reviewer', 'annotator']);
    ({ itemId, targetIds } = await server.seedDataset({ assignTo: [ann.user.id, readingReviewer.user.id] }));
  });
  afterAll(async () => server.dispose());

  const state = async (who: SignedIn = ann) =>
    json<{ state: string }>(await server.app.inject({ method: 'GET', url: `/api/items/${itemId}`, headers: who.auth })).state;
  /** Labels slices (index → class) on the versions this client has seen. */
  const write = async (labels: Record<number, string>) => {
    op += 1;
    const ops = Object.entries(labels).map(([index, code]) => {
      const record = label(targetIds[Number(index)]!, code, humanBy(ann.user.id));
      return put(record, versions.get(record.id) ?? 0);
    });
    const response = await patchBatch(server, ann, itemId, `w-${op}`, { ops });
    if (response.statusCode === 200) for (const [id, version] of Object.entries(response.json().versions as Record<string, number>)) versions.set(id, version);
    return response;
  };
  const submit = (base: number, key?: string) =>
    server.app.inject({
      method: 'POST',
      url: `/api/items/${itemId}/submit`,
      headers: { ...ann.auth, 'if-match': `"${base}"`, ...(key ? { 'idempotency-key': key } : {}) },
    });
  const review = (who: SignedIn, decision: string, annotatorId = ann.user.id, comment?: string) =>
    server.app.inject({
      method: 'POST',
      url: `/api/items/${itemId}/review`,
      headers: who.auth,
      payload: { annotatorId, decision, ...(comment ? { comment } : {}) },
    });

  it('assigned → inProgress on the first write', async () => {
    expect(await state()).toBe('assigned');
    const response = await write({ 0: 'sah.present' });
    expect(response.statusCode).toBe(200);
    expect(await state()).toBe('inProgress');
  });

  it('refuses a submit on a stale revision with 412 and the revision, freezing nothing', async () => {
    const response = await submit(0);
    expect(response.statusCode).toBe(412);
    expect(json<RecordConflictBody>(response)).toMatchObject({ error: 'conflict', revision: 1, conflicts: [] });
    expect(await state()).toBe('inProgress');
    expect(await server.db.selectFrom('annotation_snapshots').selectAll().execute()).toEqual([]);
  });

  it('inProgress → submitted, then locks the document (409) and refuses a second submit (409)', async () => {
    const response = await submit(1, 'submit-1');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ state: 'submitted' });
    expect(await state()).toBe('submitted');
    // A retried submit with its key is answered from the first one.
    expect((await submit(1, 'submit-1')).json()).toEqual({ state: 'submitted' });
    const snapshots = await server.db.selectFrom('annotation_snapshots').selectAll().execute();
    expect(snapshots.map((s) => [s.annotator_id, Number(s.revision), s.reason])).toEqual([[ann.user.id, 1, 'submit']]);
    const frozen = JSON.parse(snapshots[0]?.body ?? '{}') as DocumentSnapshot;
    expect(frozen).toMatchObject({ itemId, annotatorId: ann.user.id, labelSetId: 'sah-slice', labelSetVersion: SAH_SLICE_LABEL_SET.version });
    expect(frozen.records).toEqual([label(targetIds[0]!, 'sah.present', humanBy(ann.user.id))]);

    const locked = await write({ 0: 'sah.absent' });
    expect(locked.statusCode).toBe(409);
    expect(locked.json()).toMatchObject({ error: 'item_locked' });
    expect((await submit(1)).statusCode).toBe(409);
  });

  it('only a reviewer reviews, never their own work nor an item they read, and only submitted work', async () => {
    expect((await review(ann, 'approve')).statusCode).toBe(403);
    expect((await review(reviewer, 'approve', reviewer.user.id)).statusCode).toBe(403);
    expect((await review(admin, 'approve')).statusCode).toBe(403);
    const reader = await review(readingReviewer, 'approve');
    expect(reader.statusCode).toBe(403);
    expect(reader.json()).toMatchObject({ error: 'reader_blinded' });
    expect(await state()).toBe('submitted');
    const notSubmitted = await review(reviewer, 'approve', readingReviewer.user.id);
    expect(notSubmitted.statusCode).toBe(409);
    expect((await review(reviewer, 'maybe')).statusCode).toBe(400);
  });

  it('submitted → returned → inProgress on the next write → submitted → approved (then locked)', async () => {
    const returned = await review(reviewer, 'return', ann.user.id, 'slice 3 looks positive');
    expect(returned.statusCode).toBe(200);
    expect(returned.json()).toEqual({ state: 'returned' });
    expect(await state()).toBe('returned');

    expect((await write({ 2: 'sah.present' })).statusCode).toBe(200);
    expect(await state()).toBe('inProgress');
    expect((await submit(2)).statusCode).toBe(200);

    const approved = await review(reviewer, 'approve');
    expect(approved.json()).toEqual({ state: 'approved' });
    expect(await state()).toBe('approved');
    expect((await write({ 0: 'sah.absent' })).statusCode).toBe(409);
    expect((await review(reviewer, 'return')).statusCode).toBe(409);
  });

  it('audits every transition with the revision it concerned', async () => {
    const entries = json<AuditEntry[]>(await server.app.inject({ method: 'GET', url: '/api/audit?limit=100', headers: admin.auth }));
    const trail = entries
      .filter((entry) => entry.action.startsWith('item.') && entry.entity === 'assignment')
      .map((entry) => [entry.action, entry.revision])
      .reverse();
    expect(trail).toEqual([
      ['item.submit', 1],
      ['item.return', 1],
      ['item.submit', 2],
      ['item.approve', 2],
    ]);
  });
});
