import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgreementReport } from '../../../src/core/agreement';
import type { BatchResult } from '../../../src/core/api';
import { assignItems } from '../../services/datasets';
import { humanBy, label, patchBatch, put } from '../../testing/documents';
import { testDialects } from '../../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

describe.each(testDialects('dataset agreement'))('GET /api/datasets/:id/agreement on %s', (dialect) => {
  let server: TestServer;
  let ann: SignedIn;
  let bob: SignedIn;
  let rita: SignedIn;
  let lead: SignedIn;
  let datasetId: string;
  let itemId: string;
  let slices: string[];

  const labelAll = async (who: SignedIn, codes: readonly string[], key: string): Promise<number> => {
    const ops = codes.map((code, i) => put(label(slices[i]!, code, humanBy(who.user.id))));
    const response = await patchBatch(server, who, itemId, key, { ops });
    expect(response.statusCode).toBe(200);
    return json<BatchResult>(response).revision;
  };
  const submit = async (who: SignedIn, revision: number) => {
    const response = await server.app.inject({ method: 'POST', url: `/api/items/${itemId}/submit`, headers: { ...who.auth, 'if-match': `"${revision}"` } });
    expect(response.statusCode).toBe(200);
  };
  const agreement = (who: SignedIn) => server.app.inject({ method: 'GET', url: `/api/datasets/${datasetId}/agreement`, headers: who.auth });

  beforeAll(async () => {
    server = await startTestServer(dialect);
    ann = await server.signIn('ann', ['annotator']);
    bob = await server.signIn('bob', ['annotator']);
    rita = await server.signIn('rita', ['reviewer']);
    lead = await server.signIn('lead', ['wgLead']);
    const seeded = await server.seedDataset({ assignTo: [ann.user.id, bob.user.id] });
    ({ datasetId, itemId, targetIds: slices } = seeded);
  });
  afterAll(async () => server.dispose());

  it('has nothing to compare until two readers hand in the same item', async () => {
    await submit(ann, await labelAll(ann, ['sah.present', 'sah.present', 'sah.absent', 'sah.absent', 'sah.absent', 'sah.absent'], 'ann-1'));
    const report = json<AgreementReport>(await agreement(rita));
    expect(report.questions).toEqual([]);
    expect(report.dataset.percentAgreement.value).toBeNull();
  });

  it('compares the handed-in answers per slice: Fleiss’ kappa, percent agreement and the pair’s Cohen’s kappa', async () => {
    await submit(bob, await labelAll(bob, ['sah.present', 'sah.absent', 'sah.absent', 'sah.absent', 'sah.absent', 'sah.absent'], 'bob-1'));
    const report = json<AgreementReport>(await agreement(lead));
    const [sah] = report.questions;
    expect(report.questions).toHaveLength(1);
    // Agree on 5 of 6 slices. Fleiss: pooled P 3/12, Pe = 0.25² + 0.75² = 0.625, κ = (5/6 − 0.625) / 0.375.
    expect(sah).toMatchObject({ questionId: 'sah', statistic: 'fleissKappa', figure: { n: 6 } });
    expect(sah!.figure.value).toBeCloseTo(0.556, 3);
    expect(sah!.secondary.figure.value).toBeCloseTo(0.833, 3);
    // Cohen: Pe = (2/6)(1/6) + (4/6)(5/6) = 22/36, κ = (5/6 − 22/36) / (14/36) = 0.571.
    expect(sah!.pairs).toHaveLength(1);
    expect(new Set(sah!.pairs[0]!.readers)).toEqual(new Set([ann.user.id, bob.user.id]));
    expect(sah!.pairs[0]!.figure.value).toBeCloseTo(0.571, 3);
    const interval = sah!.figure.ci;
    expect(interval).not.toBeNull();
    // Seeded: asked again, the same interval.
    expect(json<AgreementReport>(await agreement(lead)).questions[0]!.figure.ci).toEqual(interval);
  });

  it('is refused to readers of the dataset, whatever their other roles, and to anonymous callers', async () => {
    expect((await agreement(ann)).statusCode).toBe(403);
    const readingReviewer = await server.signIn('rev', ['annotator', 'reviewer']);
    await assignItems(server.db, datasetId, readingReviewer.user.id, null, null, server.now().toISOString());
    const refused = await agreement(readingReviewer);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: 'reader_blinded' });
    expect((await server.app.inject({ method: 'GET', url: `/api/datasets/${datasetId}/agreement` })).statusCode).toBe(401);
    expect((await server.app.inject({ method: 'GET', url: '/api/datasets/00000000-0000-4000-8000-000000000000/agreement', headers: rita.auth })).statusCode).toBe(404);
  });
});
