import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdjudicationView, BatchResult, ConsensusRecordSet, DecideRequest, ReleaseSummary } from '../../../src/core/api';
import type { Geometry } from '../../../src/core/annotation';
import type { DecidedUnit } from '../../../src/core/consensus';
import { seedDemoSlide } from '../../demo/slide/seed';
import { assignItems } from '../../services/datasets';
import { decisionHistory } from '../../services/consensus/decisions';
import { humanBy, patchBatch, put, shape } from '../../testing/documents';
import { testDialects } from '../../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

const square = (x: number, y: number, size: number): Geometry => ({
  type: 'polygon',
  points: [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
  ],
});

describe.each(testDialects('adjudication-region'))('settling a region by the lead’s own drawing on %s', (dialect) => {
  let server: TestServer;
  let lead: SignedIn;
  let ann: SignedIn;
  let bob: SignedIn;
  let itemId: string;
  const unitKey = () => `${itemId}/lesion.carcinoma`;

  const handIn = async (who: SignedIn, geometry: Geometry) => {
    const response = await patchBatch(server, who, itemId, `draw-${who.user.id}`, { ops: [put(shape(`carcinoma-${who.user.username}`, itemId, geometry, humanBy(who.user.id), 'lesion.carcinoma'))] });
    expect(response.statusCode).toBe(200);
    const { revision } = json<BatchResult>(response);
    const submitted = await server.app.inject({ method: 'POST', url: `/api/items/${itemId}/submit`, headers: { ...who.auth, 'if-match': `"${revision}"` } });
    expect(submitted.statusCode).toBe(200);
  };
  const decide = (decision: DecideRequest['decision'], version: number) =>
    server.app.inject({ method: 'PUT', url: `/api/items/${itemId}/adjudication/decisions`, headers: { ...lead.auth, 'if-match': `"${version}"` }, payload: { questionId: 'lesion', targetKey: unitKey(), decision } });

  beforeAll(async () => {
    server = await startTestServer(dialect);
    lead = await server.signIn('lead', ['wgLead']);
    ann = await server.signIn('ann', ['annotator']);
    bob = await server.signIn('bob', ['annotator']);
    const at = server.now().toISOString();
    itemId = await seedDemoSlide(server.db, server.blobs, at, ann.user.id);
    const dataset = await server.db.selectFrom('items').select('dataset_id').where('id', '=', itemId).executeTakeFirstOrThrow();
    await assignItems(server.db, dataset.dataset_id, bob.user.id, [itemId], null, at);
    await handIn(ann, square(25_000, 11_500, 6_000));
    await handIn(bob, square(27_000, 13_000, 2_000));
  });
  afterAll(async () => server.dispose());

  it('refuses a drawing that is not polygons, too large, crossing, or from a reader not of the item', async () => {
    const view = json<AdjudicationView>(await server.app.inject({ method: 'GET', url: `/api/items/${itemId}/adjudication`, headers: lead.auth }));
    expect(view.units.map((u) => u.targetKey)).toEqual([unitKey()]);
    const tooMany = Array.from({ length: 101 }, (_, i) => square(100 * i, 0, 50));
    expect((await decide({ edit: { geometries: tooMany } }, 0)).statusCode).toBe(400);
    expect((await decide({ edit: { geometries: [{ type: 'rectangle', topLeft: [0, 0], bottomRight: [5, 5] }] } }, 0)).statusCode).toBe(400);
    const bowTie: Geometry = { type: 'polygon', points: [[0, 0], [10, 10], [10, 0], [0, 10]] };
    expect((await decide({ edit: { geometries: [bowTie] } }, 0)).json()).toMatchObject({ message: expect.stringMatching(/crosses itself/) });
    expect((await decide({ edit: { geometries: [square(0, 0, 10)], from: lead.user.id } }, 0)).json()).toMatchObject({ message: expect.stringMatching(/not one of the readers/) });
    expect((await decide({ edit: { classCodes: ['lesion.carcinoma'] } }, 0)).statusCode).toBe(400);
    expect(await decisionHistory(server.db, itemId, 'lesion', unitKey())).toEqual([]);
  });

  it('stores the drawing as a versioned, audited decision; the consensus holds it as the lead’s shapes citing the reader it came from', async () => {
    const edited = square(25_500, 12_000, 5_000);
    const response = await decide({ edit: { geometries: [edited], from: ann.user.id } }, 0);
    expect(response.statusCode).toBe(200);
    expect(json<DecidedUnit>(response)).toMatchObject({ version: 1, decision: { edit: { geometries: [edited], from: ann.user.id } } });
    expect((await decide({ edit: { geometries: [edited] } }, 0)).statusCode).toBe(412);

    const consensus = json<ConsensusRecordSet>(await server.app.inject({ method: 'GET', url: `/api/items/${itemId}/consensus`, headers: lead.auth }));
    const carcinoma = consensus.records.filter((r) => r.record.type === 'shape' && r.record.classCode === 'lesion.carcinoma');
    expect(carcinoma).toEqual([
      {
        record: { type: 'shape', id: `consensus:lesion:${unitKey()}:0`, questionId: 'lesion', targetId: itemId, classCode: 'lesion.carcinoma', geometry: edited, provenance: expect.objectContaining({ authors: [lead.user.id], origin: { kind: 'human' } }) },
        basis: 'edited',
        sources: [{ readerId: ann.user.id, recordId: 'carcinoma-ann', version: 1 }],
        decision: expect.objectContaining({ version: 1, decidedBy: lead.user.id }),
      },
    ]);
    const audit = await server.db.selectFrom('audit_log').select(['entity_id', 'revision']).where('action', '=', 'consensus.decide').execute();
    expect(audit.map((row) => [row.entity_id, Number(row.revision)])).toEqual([[`${itemId}/lesion/${unitKey()}`, 1]]);

    // Drawn again from scratch: a new version, citing no reader.
    expect((await decide({ edit: { geometries: [edited, square(40_000, 20_000, 500)] } }, 1)).statusCode).toBe(200);
    const again = json<ConsensusRecordSet>(await server.app.inject({ method: 'GET', url: `/api/items/${itemId}/consensus`, headers: lead.auth }));
    expect(again.records.filter((r) => r.basis === 'edited').map((r) => [r.record.id, r.sources])).toEqual([
      [`consensus:lesion:${unitKey()}:0`, []],
      [`consensus:lesion:${unitKey()}:1`, []],
    ]);
  });

  it('releases the item as its consensus: the lead’s polygons, pseudonymised', async () => {
    const dataset = await server.db.selectFrom('items').select('dataset_id').where('id', '=', itemId).executeTakeFirstOrThrow();
    const made = await server.app.inject({ method: 'POST', url: `/api/datasets/${dataset.dataset_id}/releases`, headers: lead.auth });
    expect(made.statusCode).toBe(201);
    const files = await server.app.inject({ method: 'GET', url: `/api/releases/${json<ReleaseSummary>(made).id}/files/records.json`, headers: lead.auth });
    const text = files.rawPayload.toString('utf8');
    for (const who of [ann, bob, lead]) expect(text).not.toContain(who.user.id);
    const released = JSON.parse(text) as { items: { id: string; source: string; records: { record: { id: string; geometry?: Geometry; provenance: { authors: string[] } }; basis: string }[] }[] };
    const item = released.items.find((i) => i.id === itemId);
    expect(item?.source).toBe('consensus');
    expect(item?.records.map((r) => [r.record.id, r.basis, r.record.provenance.authors])).toEqual([
      [`consensus:lesion:${unitKey()}:0`, 'edited', ['person-1']],
      [`consensus:lesion:${unitKey()}:1`, 'edited', ['person-1']],
    ]);
    expect(item?.records[0]?.record.geometry).toEqual(square(25_500, 12_000, 5_000));
  });
});
