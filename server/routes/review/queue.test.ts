import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchResult, ReviewQueuePage, ReviewQueueRow } from '../../../src/core/api';
import { humanBy, label, patchBatch, put } from '../../testing/documents';
import { testDialects } from '../../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

describe.each(testDialects('review-queue'))('the review queue on %s', (dialect) => {
  let server: TestServer;
  let ann: SignedIn;
  let bob: SignedIn;
  let rr: SignedIn;
  let rita: SignedIn;
  let lead: SignedIn;
  /** disputed: ann, bob and rr read it (bob differs); agreed: ann and bob read it alike. */
  let disputed: { datasetId: string; itemId: string; targetIds: string[] };
  let agreed: { datasetId: string; itemId: string; targetIds: string[] };
  const versions = new Map<string, number>();
  let op = 0;

  const write = async (who: SignedIn, item: typeof disputed, code: string): Promise<number> => {
    op += 1;
    const record = label(item.targetIds[0]!, code, humanBy(who.user.id));
    const key = `${who.user.id}/${item.itemId}/${record.id}`;
    const response = await patchBatch(server, who, item.itemId, `q-${op}`, { ops: [put(record, versions.get(key) ?? 0)] });
    expect(response.statusCode).toBe(200);
    const result = json<BatchResult>(response);
    versions.set(key, result.versions[record.id]!);
    return result.revision;
  };
  const handIn = async (who: SignedIn, item: typeof disputed, code: string): Promise<void> => {
    const revision = await write(who, item, code);
    const response = await server.app.inject({ method: 'POST', url: `/api/items/${item.itemId}/submit`, headers: { ...who.auth, 'if-match': `"${revision}"` } });
    expect(response.statusCode).toBe(200);
    server.advance(60_000);
  };
  const review = async (item: typeof disputed, annotator: SignedIn, decision: 'approve' | 'return'): Promise<void> => {
    const response = await server.app.inject({ method: 'POST', url: `/api/items/${item.itemId}/review`, headers: lead.auth, payload: { annotatorId: annotator.user.id, decision } });
    expect(response.statusCode).toBe(200);
    server.advance(60_000);
  };
  const queue = async (who: SignedIn, query = ''): Promise<ReviewQueuePage> => {
    const response = await server.app.inject({ method: 'GET', url: `/api/review/queue${query}`, headers: who.auth });
    expect(response.statusCode, response.body).toBe(200);
    return json<ReviewQueuePage>(response);
  };
  const keys = (rows: readonly ReviewQueueRow[]): string[] => rows.map((row) => `${row.itemId === disputed.itemId ? 'disputed' : 'agreed'}/${row.annotatorName}`);

  beforeAll(async () => {
    server = await startTestServer(dialect);
    ann = await server.signIn('ann', ['annotator']);
    bob = await server.signIn('bob', ['annotator']);
    rr = await server.signIn('rr', ['annotator', 'reviewer']);
    rita = await server.signIn('rita', ['reviewer']);
    lead = await server.signIn('lead', ['wgLead']);
    disputed = await server.seedDataset({ name: 'disputed', assignTo: [ann.user.id, bob.user.id, rr.user.id] });
    agreed = await server.seedDataset({ name: 'agreed', assignTo: [ann.user.id, bob.user.id] });
    await handIn(ann, disputed, 'sah.absent');
    await handIn(ann, agreed, 'sah.present');
    await handIn(bob, disputed, 'sah.present');
    await handIn(bob, agreed, 'sah.present');
    await handIn(rr, disputed, 'sah.absent');
  });
  afterAll(async () => server.dispose());

  it('lists handed-in work longest waiting first, with names, reader counts and the item’s disagreement', async () => {
    const page = await queue(rita);
    expect(keys(page.rows)).toEqual(['disputed/ann', 'agreed/ann', 'disputed/bob', 'agreed/bob', 'disputed/rr']);
    expect(page.nextCursor).toBeNull();
    expect(page.rows[0]).toEqual({
      itemId: disputed.itemId,
      itemName: expect.any(String),
      kind: 'series',
      datasetId: disputed.datasetId,
      datasetName: 'disputed',
      annotatorId: ann.user.id,
      annotatorName: 'ann',
      state: 'submitted',
      submittedAt: '2026-01-15T09:00:00.000Z',
      readers: 3,
      handedIn: 3,
      disagrees: true,
    });
    expect(page.rows.filter((row) => row.itemId === agreed.itemId).map((row) => [row.readers, row.handedIn, row.disagrees])).toEqual([
      [2, 2, false],
      [2, 2, false],
    ]);
  });

  it('never shows a reviewer who reads an item any of its rows, their own work included', async () => {
    const page = await queue(rr);
    expect(keys(page.rows)).toEqual(['agreed/ann', 'agreed/bob']);
    expect(JSON.stringify(page)).not.toContain(disputed.itemId);
    expect((await queue(rr, `?datasetId=${disputed.datasetId}`)).rows).toEqual([]);
    expect((await queue(rr, `?annotatorId=${rr.user.id}`)).rows).toEqual([]);
  });

  it('filters by dataset, annotator, age and disagreement', async () => {
    expect(keys((await queue(rita, `?datasetId=${agreed.datasetId}`)).rows)).toEqual(['agreed/ann', 'agreed/bob']);
    expect(keys((await queue(rita, `?annotatorId=${bob.user.id}`)).rows)).toEqual(['disputed/bob', 'agreed/bob']);
    expect(keys((await queue(rita, '?submittedBefore=2026-01-15T09:02:00Z')).rows)).toEqual(['disputed/ann', 'agreed/ann']);
    expect(keys((await queue(rita, '?submittedAfter=2026-01-15T09:03:00Z')).rows)).toEqual(['agreed/bob', 'disputed/rr']);
    expect(keys((await queue(rita, '?disagreement=only')).rows)).toEqual(['disputed/ann', 'disputed/bob', 'disputed/rr']);
    expect(keys((await queue(rita, `?disagreement=none&annotatorId=${ann.user.id}`)).rows)).toEqual(['agreed/ann']);
  });

  it('pages with a cursor: every row once, in the same order as one page', async () => {
    const whole = await queue(rita);
    const seen: ReviewQueueRow[] = [];
    let cursor: string | null = null;
    do {
      const page: ReviewQueuePage = await queue(rita, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.rows.length).toBeLessThanOrEqual(2);
      seen.push(...page.rows);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(whole.rows);
  });

  it('refuses bad filters and cursors with a sentence', async () => {
    for (const query of ['?submittedBefore=yesterday', '?cursor=bm90LWEtY3Vyc29y', '?disagreement=some', '?state=assigned', '?datasetId=x', '?submittedAfter=2026-02-01&submittedBefore=2026-01-01']) {
      const response = await server.app.inject({ method: 'GET', url: `/api/review/queue${query}`, headers: rita.auth });
      expect(response.statusCode, query).toBe(400);
      expect(response.json<{ message: string }>().message, query).toMatch(/\w+ \w+/);
    }
  });

  it('moves rows with the review and follows the item’s disagreement through a return and a resubmission', async () => {
    await review(agreed, ann, 'approve');
    expect(keys((await queue(rita, '?state=approved')).rows)).toEqual(['agreed/ann']);
    expect(keys((await queue(rita, `?datasetId=${agreed.datasetId}`)).rows)).toEqual(['agreed/bob']);

    await review(disputed, bob, 'return');
    expect(keys((await queue(rita, '?state=returned')).rows)).toEqual(['disputed/bob']);
    // Without bob's handed-in work, ann and rr agree.
    const afterReturn = (await queue(rita, `?datasetId=${disputed.datasetId}`)).rows;
    expect(afterReturn.map((row) => [row.annotatorName, row.handedIn, row.disagrees])).toEqual([
      ['ann', 2, false],
      ['rr', 2, false],
    ]);

    // Editing reopens bob's work: no longer returned, not yet handed in.
    await write(bob, disputed, 'sah.uncertain');
    expect((await queue(rita, '?state=returned')).rows).toEqual([]);
    await handIn(bob, disputed, 'sah.uncertain');
    const resubmitted = (await queue(rita, `?datasetId=${disputed.datasetId}`)).rows;
    expect(resubmitted.map((row) => [row.annotatorName, row.handedIn, row.disagrees])).toEqual([
      ['ann', 3, true],
      ['rr', 3, true],
      ['bob', 3, true],
    ]);
    expect(resubmitted[2]!.submittedAt > resubmitted[1]!.submittedAt).toBe(true);
  });
});
