import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchResult } from '../../../src/core/api';
import { SAH_SLICE_LABEL_SET } from '../../../src/core/labelSets/builtin';
import { humanBy, label, patchBatch, put } from '../../testing/documents';
import { testDialects } from '../../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';
import { handedInDocuments, itemDifferences } from './handedInWork';

describe.each(testDialects('handed-in work'))('handed-in work of an item on %s', (dialect) => {
  let server: TestServer;
  let ann: SignedIn;
  let bob: SignedIn;
  let itemId: string;
  let slices: string[];
  let bobRevision: number;

  const labelSlices = async (who: SignedIn, codes: readonly string[], key: string): Promise<number> => {
    const ops = codes.map((code, i) => put(label(slices[i]!, code, humanBy(who.user.id))));
    const response = await patchBatch(server, who, itemId, key, { ops });
    expect(response.statusCode).toBe(200);
    return json<BatchResult>(response).revision;
  };
  const submit = async (who: SignedIn, revision: number) => {
    const response = await server.app.inject({ method: 'POST', url: `/api/items/${itemId}/submit`, headers: { ...who.auth, 'if-match': `"${revision}"` } });
    expect(response.statusCode).toBe(200);
  };
  const differences = () => itemDifferences(server.db, { id: itemId, targetIds: slices }, SAH_SLICE_LABEL_SET);

  beforeAll(async () => {
    server = await startTestServer(dialect);
    ann = await server.signIn('ann', ['annotator']);
    bob = await server.signIn('bob', ['annotator']);
    ({ itemId, targetIds: slices } = await server.seedDataset({ assignTo: [ann.user.id, bob.user.id] }));
  });
  afterAll(async () => server.dispose());

  it('holds only work a reader handed in, and finds no differences with one reader', async () => {
    await submit(ann, await labelSlices(ann, ['sah.present', 'sah.present', 'sah.absent'], 'ann-1'));
    bobRevision = await labelSlices(bob, ['sah.present', 'sah.absent', 'sah.absent'], 'bob-1');
    const documents = await handedInDocuments(server.db, itemId);
    expect(documents.map((document) => [document.readerId, document.records.length])).toEqual([[ann.user.id, 3]]);
    expect(await differences()).toEqual([]);
  });

  it('names the slices on which two handed-in readers differ', async () => {
    await submit(bob, bobRevision);
    const differing = await differences();
    expect(differing.map((unit) => [unit.questionId, unit.targetKey])).toEqual([['sah', slices[1]]]);
    expect(differing[0]!.answers.map((answer) => answer.readerId)).toEqual([ann.user.id, bob.user.id].sort());
  });
});
