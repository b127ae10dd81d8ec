import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchResult, CreditReport } from '../../../src/core/api';
import { humanBy, label, patchBatch, put, shape } from '../../testing/documents';
import { MULTI_QUESTION_LABEL_SET } from '../../testing/labelSets';
import { testDialects } from '../../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

const MINUTE = 60_000;

describe.each(testDialects('credit'))('GET /api/credit/:userId on %s', (dialect) => {
  let server: TestServer;
  let ann: SignedIn;
  let bob: SignedIn;
  let rita: SignedIn;
  let lead: SignedIn;
  let datasetId: string;
  let itemId: string;
  let slices: string[];

  const credit = (who: SignedIn, query = '') => server.app.inject({ method: 'GET', url: `/api/credit/${ann.user.id}${query}`, headers: who.auth });

  beforeAll(async () => {
    server = await startTestServer(dialect);
    ann = await server.signIn('ann', ['annotator']);
    bob = await server.signIn('bob', ['annotator']);
    rita = await server.signIn('rita', ['reviewer']);
    lead = await server.signIn('lead', ['wgLead']);
    ({ datasetId, itemId, targetIds: slices } = await server.seedDataset({ name: 'Head CT', labelSet: MULTI_QUESTION_LABEL_SET, assignTo: [ann.user.id, bob.user.id] }));
    const at = () => humanBy(ann.user.id, server.now().toISOString());
    const first = await patchBatch(server, ann, itemId, 'ann-1', {
      ops: [...slices.slice(0, 3).map((slice) => put(label(slice, 'sah.present', at()))), put(shape('ann-outline', slices[0]!, { type: 'polygon', points: [[10, 10], [40, 12], [30, 50]] }, at()))],
    });
    expect(first.statusCode, first.body).toBe(200);
    server.advance(2 * MINUTE);
    const second = await patchBatch(server, ann, itemId, 'ann-2', { ops: [put(label(slices[3]!, 'sah.absent', at()))] });
    expect(second.statusCode, second.body).toBe(200);
    const revision = json<BatchResult>(second).revision;
    const submitted = await server.app.inject({ method: 'POST', url: `/api/items/${itemId}/submit`, headers: { ...ann.auth, 'if-match': `"${revision}"` } });
    expect(submitted.statusCode, submitted.body).toBe(200);
    // A pause, then the return: neither is time the annotator spent.
    server.advance(60 * MINUTE);
    const returned = await server.app.inject({ method: 'POST', url: `/api/items/${itemId}/review`, headers: rita.auth, payload: { annotatorId: ann.user.id, decision: 'return', comment: 'slice 2?' } });
    expect(returned.statusCode, returned.body).toBe(200);
    // Bob's work is not Ann's.
    expect((await patchBatch(server, bob, itemId, 'bob-1', { ops: [put(label(slices[0]!, 'sah.absent', humanBy(bob.user.id)))] })).statusCode).toBe(200);
  });
  afterAll(async () => server.dispose());

  it('counts the month’s items, answers, regions, records, time and review outcomes per dataset', async () => {
    const response = await credit(ann);
    expect(response.statusCode, response.body).toBe(200);
    const report = json<CreditReport>(response);
    const figures = { itemsWorked: 1, targetsLabelled: 4, regionsDrawn: 1, recordsAuthored: 5, timeSpentMs: 2 * MINUTE, approved: 0, returned: 1 };
    expect(report).toEqual({
      user: { id: ann.user.id, displayName: 'ann' },
      from: '2026-01-01',
      to: '2026-01-31',
      idleCutoffMs: 5 * MINUTE,
      datasets: [{ datasetId, datasetName: 'Head CT', ...figures }],
      totals: figures,
    });
    expect(JSON.stringify(report)).not.toContain('sah.present');
  });

  it('counts nothing outside the period', async () => {
    const report = json<CreditReport>(await credit(lead, '?from=2025-12-01&to=2025-12-31'));
    expect(report.datasets).toEqual([]);
    expect(report.totals.recordsAuthored).toBe(0);
  });

  it('gives the same rows as a CSV download', async () => {
    const response = await credit(ann, '?from=2026-01-15&to=2026-01-15&format=csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="credit-ann-2026-01-15-2026-01-15.csv"');
    expect(response.body.split('\r\n')).toEqual([
      'user_id,user,from,to,dataset_id,dataset,items_worked,targets_labelled,regions_drawn,records_authored,minutes_spent,approved,returned',
      `${ann.user.id},ann,2026-01-15,2026-01-15,${datasetId},Head CT,1,4,1,5,2,0,1`,
      `${ann.user.id},ann,2026-01-15,2026-01-15,,total,1,4,1,5,2,0,1`,
      '',
    ]);
  });

  it('is for the person, a WG lead or an admin; bad periods and unknown people get a sentence', async () => {
    expect((await credit(bob)).statusCode).toBe(403);
    expect((await credit(rita)).statusCode).toBe(403);
    expect((await server.app.inject({ method: 'GET', url: `/api/credit/${ann.user.id}` })).statusCode).toBe(401);
    const reversed = await credit(ann, '?from=2026-02-01&to=2026-01-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json()).toMatchObject({ message: 'the period ends (2026-01-01) before it starts (2026-02-01)' });
    expect((await credit(ann, '?from=2026-13-01')).statusCode).toBe(400);
    expect((await credit(ann, '?format=pdf')).statusCode).toBe(400);
    const unknown = await server.app.inject({ method: 'GET', url: '/api/credit/00000000-0000-4000-8000-000000000000', headers: lead.auth });
    expect(unknown.statusCode).toBe(404);
  });
});
