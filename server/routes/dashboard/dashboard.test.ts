import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchResult, DashboardQuestions, DatasetDashboard } from '../../../src/core/api';
import { humanBy, label, patchBatch, put, shape } from '../../testing/documents';
import { MULTI_QUESTION_LABEL_SET } from '../../testing/labelSets';
import { testDialects } from '../../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(testDialects('WG dashboard'))('GET /api/datasets/:id/dashboard on %s', (dialect) => {
  let server: TestServer;
  let ann: SignedIn;
  let bob: SignedIn;
  let carl: SignedIn;
  let rita: SignedIn;
  let lead: SignedIn;
  let datasetId: string;
  let itemId: string;
  let slices: string[];

  const write = async (who: SignedIn, key: string, labelled: number, regions: number): Promise<number> => {
    const labels = slices.slice(0, labelled).map((slice) => put(label(slice, 'sah.present', humanBy(who.user.id, server.now().toISOString()))));
    const outlines = Array.from({ length: regions }, (_, i) =>
      put(shape(`${who.user.id}-r${i}`, slices[i]!, { type: 'polygon', points: [[10, 10], [40, 12], [30, 50]] }, humanBy(who.user.id, server.now().toISOString()))),
    );
    const response = await patchBatch(server, who, itemId, key, { ops: [...labels, ...outlines] });
    expect(response.statusCode, response.body).toBe(200);
    return json<BatchResult>(response).revision;
  };
  const submit = async (who: SignedIn, revision: number) => {
    const response = await server.app.inject({ method: 'POST', url: `/api/items/${itemId}/submit`, headers: { ...who.auth, 'if-match': `"${revision}"` } });
    expect(response.statusCode, response.body).toBe(200);
  };
  const review = async (annotator: SignedIn, decision: 'approve' | 'return') => {
    const response = await server.app.inject({ method: 'POST', url: `/api/items/${itemId}/review`, headers: rita.auth, payload: { annotatorId: annotator.user.id, decision, ...(decision === 'return' ? { comment: 'see slice 2' } : {}) } });
    expect(response.statusCode, response.body).toBe(200);
  };
  const dashboard = async (who: SignedIn) => {
    const response = await server.app.inject({ method: 'GET', url: `/api/datasets/${datasetId}/dashboard`, headers: who.auth });
    expect(response.statusCode, response.body).toBe(200);
    return json<DatasetDashboard>(response);
  };

  beforeAll(async () => {
    server = await startTestServer(dialect, { tokenTtlMs: 30 * DAY });
    ann = await server.signIn('ann', ['annotator']);
    bob = await server.signIn('bob', ['annotator']);
    carl = await server.signIn('carl', ['annotator']);
    rita = await server.signIn('rita', ['reviewer']);
    lead = await server.signIn('lead', ['wgLead']);
    ({ datasetId, itemId, targetIds: slices } = await server.seedDataset({ labelSet: MULTI_QUESTION_LABEL_SET, assignTo: [ann.user.id, bob.user.id, carl.user.id] }));
    // Carl should have handed in yesterday.
    await server.db.updateTable('assignments').set({ due_date: '2026-01-14' }).where('user_id', '=', carl.user.id).execute();
  });
  afterAll(async () => server.dispose());

  it('counts items by kind and each reader’s assignments by state, with what is overdue', async () => {
    await submit(ann, await write(ann, 'ann-1', 3, 1));
    await write(bob, 'bob-1', 2, 0);
    const figures = await dashboard(lead);
    expect(figures.items).toBe(1);
    expect(figures.byKind).toEqual([{ kind: 'series', items: 1, assignments: { assigned: 1, inProgress: 1, submitted: 1, returned: 0, approved: 0 } }]);
    expect(figures.readers.map(({ displayName, assigned, inProgress, submitted, overdue }) => [displayName, assigned, inProgress, submitted, overdue])).toEqual([
      ['ann', 0, 0, 1, 0],
      ['bob', 0, 1, 0, 0],
      ['carl', 1, 0, 0, 1],
    ]);
  });

  it('ages the review backlog and counts submits, approvals and returns per day from the audit log', async () => {
    server.advance(HOUR);
    await submit(bob, 1);
    server.advance(2 * DAY);
    let figures = await dashboard(rita);
    expect(figures.backlog).toMatchObject({ waiting: 2, buckets: { underOneDay: 0, oneToThreeDays: 2, threeToSevenDays: 0, overSevenDays: 0 } });
    expect(figures.backlog.oldestDays).toBeCloseTo(2 + 1 / 24, 6);
    // Two waiting: the median is the older.
    expect(figures.backlog.medianDays).toBeCloseTo(2 + 1 / 24, 6);

    await review(ann, 'return');
    await review(bob, 'approve');
    figures = await dashboard(lead);
    expect(figures.backlog).toMatchObject({ waiting: 0, oldestDays: null, medianDays: null });
    expect(figures.throughput).toHaveLength(30);
    expect(figures.throughput.at(-1)).toEqual({ day: '2026-01-17', submits: 0, approvals: 1, returns: 1 });
    expect(figures.throughput.at(-3)).toEqual({ day: '2026-01-15', submits: 2, approvals: 0, returns: 0 });
    expect(figures.throughput.reduce((sum, day) => sum + day.submits + day.approvals + day.returns, 0)).toBe(4);
    expect(figures.readers.find((reader) => reader.userId === bob.user.id)).toMatchObject({ approved: 1, submitted: 0 });
    expect(figures.readers.find((reader) => reader.userId === ann.user.id)).toMatchObject({ returned: 1, submitted: 0 });
  });

  it('counts settled answers and regions per question, after the first paint', async () => {
    const response = await server.app.inject({ method: 'GET', url: `/api/datasets/${datasetId}/dashboard/questions`, headers: lead.auth });
    expect(response.statusCode).toBe(200);
    expect(json<DashboardQuestions>(response).questions).toEqual([
      { questionId: 'lesion', targetsLabelled: 0, regionsDrawn: 1 },
      { questionId: 'sah', targetsLabelled: 5, regionsDrawn: 0 },
    ]);
  });

  it('is refused to readers of the dataset, whatever their other roles, to annotators and to anonymous callers', async () => {
    const readingLead = await server.signIn('reading-lead', ['annotator', 'wgLead']);
    await server.db.insertInto('assignments').values({ item_id: itemId, user_id: readingLead.user.id, state: 'assigned', updated_at: server.now().toISOString() }).execute();
    for (const url of [`/api/datasets/${datasetId}/dashboard`, `/api/datasets/${datasetId}/dashboard/questions`]) {
      const refused = await server.app.inject({ method: 'GET', url, headers: readingLead.auth });
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ error: 'reader_blinded' });
      expect((await server.app.inject({ method: 'GET', url, headers: ann.auth })).statusCode).toBe(403);
      expect((await server.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
    const unknown = await server.app.inject({ method: 'GET', url: '/api/datasets/00000000-0000-4000-8000-000000000000/dashboard', headers: lead.auth });
    expect(unknown.statusCode).toBe(404);
  });
});
