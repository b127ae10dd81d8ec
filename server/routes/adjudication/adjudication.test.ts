import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdjudicationView, BatchResult, BulkApproveResult, ConsensusRecordSet, DecideRequest } from '../../../src/core/api';
import type { DecidedUnit } from '../../../src/core/consensus';
import { generateHeadCtPhantom } from '../../demo/phantom';
import { importDicomFiles } from '../../import/importFiles';
import { assignItems } from '../../services/datasets';
import { decisionHistory } from '../../services/consensus/decisions';
import { humanBy, label, patchBatch, put } from '../../testing/documents';
import { testDialects } from '../../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

describe.each(testDialects('adjudication'))('adjudication and consensus on %s', (dialect) => {
  let server: TestServer;
  let lead: SignedIn;
  let ann: SignedIn;
  let bob: SignedIn;
  let rita: SignedIn;
  /** A WG lead who also reads item 0 (still at work on it). */
  let leadReader: SignedIn;
  let datasetId: string;
  const items: { id: string; slices: string[] }[] = [];
  let op = 0;

  /** Labels slices (index → class) of one item as `who`, then submits. */
  const labelAndSubmit = async (who: SignedIn, item: number, labels: Record<number, string>) => {
    const { id, slices } = items[item]!;
    op += 1;
    const ops = Object.entries(labels).map(([index, code]) => put(label(slices[Number(index)]!, code, humanBy(who.user.id))));
    const response = await patchBatch(server, who, id, `w-${op}`, { ops });
    expect(response.statusCode).toBe(200);
    const { revision } = json<BatchResult>(response);
    const submitted = await server.app.inject({ method: 'POST', url: `/api/items/${id}/submit`, headers: { ...who.auth, 'if-match': `"${revision}"` } });
    expect(submitted.statusCode).toBe(200);
  };
  const view = (who: SignedIn = lead, item = 0) => server.app.inject({ method: 'GET', url: `/api/items/${items[item]!.id}/adjudication`, headers: who.auth });
  const consensus = (who: SignedIn = lead) => server.app.inject({ method: 'GET', url: `/api/items/${items[0]!.id}/consensus`, headers: who.auth });
  const decide = (body: DecideRequest, version: number | null, who: SignedIn = lead) =>
    server.app.inject({
      method: 'PUT',
      url: `/api/items/${items[0]!.id}/adjudication/decisions`,
      headers: { ...who.auth, ...(version === null ? {} : { 'if-match': `"${version}"` }) },
      payload: body,
    });
  const slice = (index: number) => items[0]!.slices[index]!;
  const bulk = (who: SignedIn = lead) => server.app.inject({ method: 'POST', url: `/api/datasets/${datasetId}/bulk-approve`, headers: who.auth });

  beforeAll(async () => {
    server = await startTestServer(dialect);
    lead = await server.signIn('lead', ['wgLead']);
    ann = await server.signIn('ann', ['annotator']);
    bob = await server.signIn('bob', ['annotator']);
    rita = await server.signIn('rita', ['reviewer']);
    leadReader = await server.signIn('lea', ['annotator', 'wgLead']);
    const seeded = await server.seedDataset({ name: 'wg' });
    datasetId = seeded.datasetId;
    const { files } = generateHeadCtPhantom({ sliceCount: 6, seed: 7 });
    await importDicomFiles(server.db, datasetId, files, null, { blobs: server.blobs, now: server.now });
    for (const who of [ann, bob]) await assignItems(server.db, datasetId, who.user.id, null, null, server.now().toISOString());
    const rows = await server.db.selectFrom('items').select(['id', 'target_ids']).where('dataset_id', '=', datasetId).orderBy('sort_key').orderBy('id').execute();
    for (const row of rows) items.push({ id: row.id, slices: JSON.parse(row.target_ids) as string[] });
    await server.db.insertInto('assignments').values({ item_id: items[0]!.id, user_id: leadReader.user.id, state: 'assigned', updated_at: server.now().toISOString() }).execute();
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items[0]!.slices.length).toBeGreaterThanOrEqual(3);
    // Both mark slice 0; ann also slice 1, bob slice 2 (uncertain): they differ on slices 1 and 2.
    await labelAndSubmit(ann, 0, { 0: 'sah.present', 1: 'sah.present' });
    await labelAndSubmit(bob, 0, { 0: 'sah.present', 2: 'sah.uncertain' });
  });
  afterAll(async () => server.dispose());

  it('shows the lead every reader’s answer on each differing slice; refuses readers (blinded) and other roles', async () => {
    const response = await view();
    expect(response.statusCode).toBe(200);
    const body = json<AdjudicationView>(response);
    expect(body.readers.map((r) => [r.username, r.state])).toEqual([[ann, bob].sort((a, b) => (a.user.id < b.user.id ? -1 : 1))].flat().map((who) => [who.user.username, 'submitted']));
    expect(body.units.map((u) => [u.questionId, u.targetKey, u.settled])).toEqual([
      ['sah', slice(1), false],
      ['sah', slice(2), false],
    ]);
    const annAnswer = body.units[1]!.answers.find((a) => a.readerId === bob.user.id);
    expect(annAnswer?.value).toEqual({ kind: 'class', code: 'sah.uncertain' });
    expect(body).toMatchObject({ settledUnits: 0, complete: false, readersAtWork: 1, targetIds: items[0]!.slices });

    expect((await view(leadReader)).json()).toMatchObject({ error: 'reader_blinded' });
    expect((await consensus(leadReader)).json()).toMatchObject({ error: 'reader_blinded' });
    for (const who of [ann, rita]) expect((await view(who)).json()).toMatchObject({ error: 'forbidden' });
  });

  it('refuses the consensus with a sentence while units are undecided', async () => {
    const response = await consensus();
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ error: 'undecided', message: '2 units where the readers differ are not decided yet' });
  });

  it('takes decisions against the version seen, refusing bad ones with a sentence', async () => {
    const pickBob = await decide({ questionId: 'sah', targetKey: slice(1), decision: { pick: bob.user.id } }, 0);
    expect(pickBob.statusCode).toBe(200);
    expect(json<DecidedUnit>(pickBob)).toMatchObject({ version: 1, decidedBy: lead.user.id, decision: { pick: bob.user.id } });
    expect((await decide({ questionId: 'sah', targetKey: slice(1), decision: { pick: ann.user.id } }, 0)).statusCode).toBe(412);
    expect((await decide({ questionId: 'sah', targetKey: slice(2), decision: { pick: ann.user.id } }, null)).statusCode).toBe(400);
    expect((await decide({ questionId: 'sah', targetKey: slice(0), decision: { pick: ann.user.id } }, 0)).json()).toMatchObject({ error: 'not_differing' });
    expect((await decide({ questionId: 'sah', targetKey: slice(2), decision: { pick: rita.user.id } }, 0)).json()).toMatchObject({ message: expect.stringMatching(/not one of the readers/) });
    expect((await decide({ questionId: 'sah', targetKey: slice(2), decision: { edit: { classCodes: ['nope'] } } }, 0)).statusCode).toBe(400);
    expect((await decide({ questionId: 'sah', targetKey: slice(2), decision: { edit: { classCodes: ['sah.absent'] } } }, 0, leadReader)).statusCode).toBe(403);
    expect((await decide({ questionId: 'sah', targetKey: slice(2), decision: { edit: { classCodes: ['sah.absent'] } } }, 0)).statusCode).toBe(200);
    const settled = json<AdjudicationView>(await view());
    expect(settled).toMatchObject({ settledUnits: 2, complete: true });
  });

  it('makes the consensus record set with provenance to the reader records; a changed decision is a new version, history kept', async () => {
    const first = json<ConsensusRecordSet>(await consensus());
    // Slice 1 went to bob, who left it blank: no record there.
    expect(first.records.map((r) => [r.record.targetId, r.basis])).toEqual(
      [
        [slice(0), 'agreed'],
        [slice(2), 'edited'],
      ].sort((a, b) => (`label:sah:${a[0]}` < `label:sah:${b[0]}` ? -1 : 1)),
    );
    const agreed = first.records.find((r) => r.basis === 'agreed')!;
    expect(agreed.sources.map((s) => [s.readerId, s.recordId, s.version]).sort()).toEqual(
      [ann, bob].map((who) => [who.user.id, `label:sah:${slice(0)}`, 1]).sort(),
    );
    expect(first.records.find((r) => r.basis === 'edited')).toMatchObject({ sources: [], decision: { version: 1, decidedBy: lead.user.id }, record: { classCodes: ['sah.absent'] } });

    expect((await decide({ questionId: 'sah', targetKey: slice(1), decision: { pick: ann.user.id } }, 1)).statusCode).toBe(200);
    const second = json<ConsensusRecordSet>(await consensus());
    expect(second.records.find((r) => r.record.targetId === slice(1))).toMatchObject({ basis: 'picked', sources: [{ readerId: ann.user.id, version: 1 }], decision: { version: 2 } });
    const history = await decisionHistory(server.db, items[0]!.id, 'sah', slice(1));
    expect(history.map((d) => [d.version, d.decision])).toEqual([
      [1, { pick: bob.user.id }],
      [2, { pick: ann.user.id }],
    ]);
    const audit = await server.db.selectFrom('audit_log').select(['entity_id', 'revision']).where('action', '=', 'consensus.decide').orderBy('seq').execute();
    expect(audit.map((row) => [row.entity_id, Number(row.revision)])).toEqual([
      [`${items[0]!.id}/sah/${slice(1)}`, 1],
      [`${items[0]!.id}/sah/${slice(2)}`, 1],
      [`${items[0]!.id}/sah/${slice(1)}`, 2],
    ]);
    // The consensus is no reader's document: the readers' own records are untouched.
    const annRecords = await server.db.selectFrom('annotation_records').select('record_id').where('annotator_id', '=', ann.user.id).where('item_id', '=', items[0]!.id).execute();
    expect(annRecords).toHaveLength(2);
  });

  it('bulk-approves the items whose handed-in readers all agree, and only those', async () => {
    await labelAndSubmit(ann, 1, { 3: 'sah.present' });
    await labelAndSubmit(bob, 1, { 3: 'sah.present' });
    expect((await bulk(ann)).statusCode).toBe(403);
    expect((await bulk(rita)).statusCode).toBe(403);
    // Item 0 waits while a reader is still at work on it.
    const response = await bulk();
    expect(response.statusCode).toBe(200);
    expect(json<BulkApproveResult>(response)).toEqual({ itemsChecked: items.length, itemsApproved: 1, documentsApproved: 2, itemsDiffering: 0 });
    const states = await server.db.selectFrom('assignments').select(['item_id', 'state']).where('item_id', 'in', [items[0]!.id, items[1]!.id]).execute();
    expect(states.filter((s) => s.item_id === items[1]!.id).map((s) => s.state)).toEqual(['approved', 'approved']);
    expect(states.filter((s) => s.item_id === items[0]!.id).map((s) => s.state).sort()).toEqual(['assigned', 'submitted', 'submitted']);
    await server.db.deleteFrom('assignments').where('user_id', '=', leadReader.user.id).execute();
    expect(json<BulkApproveResult>(await bulk())).toEqual({ itemsChecked: items.length, itemsApproved: 0, documentsApproved: 0, itemsDiffering: 1 });
    const audit = await server.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', 'in', ['dataset.bulkApprove', 'item.approve']).orderBy('seq').execute();
    expect(audit.map((row) => row.action)).toEqual(['item.approve', 'item.approve', 'dataset.bulkApprove', 'dataset.bulkApprove']);
    expect((await server.app.inject({ method: 'POST', url: '/api/datasets/00000000-0000-4000-8000-000000000000/bulk-approve', headers: lead.auth })).statusCode).toBe(404);
  });
});
