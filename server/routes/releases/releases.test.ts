import { createHash } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchResult, ReleaseDetail, ReleaseSummary } from '../../../src/core/api';
import { SAH_SLICE_LABEL_SET } from '../../../src/core/labelSets/builtin';
import { generateHeadCtPhantom } from '../../demo/phantom';
import { importDicomFiles } from '../../import/importFiles';
import { assignItems } from '../../services/datasets';
import { approvedItems } from '../../services/releases/approvedWork';
import { humanBy, label, patchBatch, put } from '../../testing/documents';
import { testDialects } from '../../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe.each(testDialects('releases'))('dataset releases on %s', (dialect) => {
  let server: TestServer;
  let lead: SignedIn;
  let ann: SignedIn;
  let bob: SignedIn;
  let rita: SignedIn;
  let datasetId: string;
  /** Item title → id and slices. */
  const items: { id: string; slices: string[] }[] = [];
  const versions = new Map<string, number>();
  let op = 0;

  /** Labels slices (index → class) of one item as `who`; returns the new revision. */
  const write = async (who: SignedIn, item: number, labels: Record<number, string>): Promise<number> => {
    const { id, slices } = items[item]!;
    op += 1;
    const ops = Object.entries(labels).map(([index, code]) => {
      const record = label(slices[Number(index)]!, code, humanBy(who.user.id));
      return put(record, versions.get(`${who.user.id}/${id}/${record.id}`) ?? 0);
    });
    const response = await patchBatch(server, who, id, `w-${op}`, { ops });
    expect(response.statusCode).toBe(200);
    const result = json<BatchResult>(response);
    for (const [recordId, version] of Object.entries(result.versions)) versions.set(`${who.user.id}/${id}/${recordId}`, version);
    return result.revision;
  };
  const submit = async (who: SignedIn, item: number, revision: number) => {
    const response = await server.app.inject({ method: 'POST', url: `/api/items/${items[item]!.id}/submit`, headers: { ...who.auth, 'if-match': `"${revision}"` } });
    expect(response.statusCode).toBe(200);
  };
  const review = async (item: number, annotator: SignedIn, decision: 'approve' | 'return') => {
    const response = await server.app.inject({
      method: 'POST',
      url: `/api/items/${items[item]!.id}/review`,
      headers: rita.auth,
      payload: { annotatorId: annotator.user.id, decision },
    });
    expect(response.statusCode).toBe(200);
  };
  const release = (who: SignedIn | null = lead, dataset = datasetId) =>
    server.app.inject({ method: 'POST', url: `/api/datasets/${dataset}/releases`, headers: who ? who.auth : {} });
  const file = (releaseId: string, name: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> =>
    server.app.inject({ method: 'GET', url: `/api/releases/${releaseId}/files/${name}`, headers: { ...lead.auth, ...headers } });

  beforeAll(async () => {
    server = await startTestServer(dialect);
    lead = await server.signIn('lead', ['wgLead']);
    ann = await server.signIn('ann', ['annotator']);
    bob = await server.signIn('bob', ['annotator']);
    rita = await server.signIn('rita', ['reviewer']);
    const first = await server.seedDataset({ name: 'wg' });
    datasetId = first.datasetId;
    const { files } = generateHeadCtPhantom({ sliceCount: 6, seed: 99 });
    const report = await importDicomFiles(server.db, datasetId, files, null, { blobs: server.blobs, now: server.now });
    for (const who of [ann, bob]) await assignItems(server.db, datasetId, who.user.id, null, null, server.now().toISOString());
    const rows = await server.db.selectFrom('items').select(['id', 'target_ids']).where('dataset_id', '=', datasetId).orderBy('sort_key').orderBy('id').execute();
    expect(rows.map((row) => row.id).sort()).toEqual([first.itemId, ...report.itemIds].sort());
    for (const row of rows) items.push({ id: row.id, slices: JSON.parse(row.target_ids) as string[] });
  });
  afterAll(async () => server.dispose());

  it('refuses a release while nothing is approved (409 with a sentence)', async () => {
    await submit(bob, 0, await write(bob, 0, { 0: 'sah.absent' }));
    const response = await release();
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ error: 'nothing_approved', message: expect.stringMatching(/no approved work/) });
    expect(await server.db.selectFrom('releases').selectAll().execute()).toEqual([]);
  });

  it('refuses readers and reviewers (403) and anonymous callers (401); 404 for an unknown dataset', async () => {
    expect((await release(ann)).statusCode).toBe(403);
    expect((await release(rita)).statusCode).toBe(403);
    expect((await release(null)).statusCode).toBe(401);
    expect((await server.app.inject({ method: 'GET', url: `/api/datasets/${datasetId}/releases`, headers: rita.auth })).statusCode).toBe(403);
    expect((await server.app.inject({ method: 'GET', url: `/api/datasets/${datasetId}/releases` })).statusCode).toBe(401);
    expect((await release(lead, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  let first: ReleaseSummary;
  const firstFiles = new Map<string, Buffer>();

  it('release 1 holds only approved work, pseudonymised, pinned to the approved versions', async () => {
    // Item 0: ann approved, bob submitted (not approved). Item 1: bob approved, ann still at work.
    await submit(ann, 0, await write(ann, 0, { 0: 'sah.present', 1: 'sah.present' }));
    await review(0, ann, 'approve');
    await submit(bob, 1, await write(bob, 1, { 2: 'sah.present' }));
    await review(1, bob, 'approve');
    await write(ann, 1, { 3: 'sah.present' });

    const response = await release();
    expect(response.statusCode).toBe(201);
    first = json<ReleaseSummary>(response);
    expect(first).toMatchObject({ datasetId, number: 1, createdBy: lead.user.id, labelSetId: 'sah-slice', labelSetVersion: SAH_SLICE_LABEL_SET.version, itemCount: 2, recordCount: 3 });
    expect(first.files.map((f) => [f.name, f.mediaType])).toEqual([
      ['labels.csv', 'text/csv; charset=utf-8'],
      ['records.json', 'application/json'],
    ]);

    for (const name of ['records.json', 'labels.csv', 'manifest.json']) {
      const bytes = (await file(first.id, name)).rawPayload;
      firstFiles.set(name, bytes);
      const text = bytes.toString('utf8');
      for (const who of [ann, bob, rita, lead]) expect(text).not.toContain(who.user.id);
    }
    const [readerOfAnn, readerOfBob] = ann.user.id < bob.user.id ? ['reader-1', 'reader-2'] : ['reader-2', 'reader-1'];
    const records = JSON.parse(firstFiles.get('records.json')!.toString('utf8')) as {
      release: number;
      items: { id: string; readers: { reader: string; revision: number; records: { version: number; record: { targetId: string; classCodes: string[]; provenance: { authors: string[] } } }[] }[] }[];
    };
    expect(records.release).toBe(1);
    expect(records.items.map((item) => [item.id, item.readers.map((r) => r.reader)])).toEqual([
      [items[0]!.id, [readerOfAnn]],
      [items[1]!.id, [readerOfBob]],
    ]);
    const annRecords = records.items[0]!.readers[0]!.records;
    expect(annRecords.map((r) => [r.record.targetId, r.record.classCodes, r.version, r.record.provenance.authors])).toEqual(
      expect.arrayContaining([
        [items[0]!.slices[0], ['sah.present'], 1, [readerOfAnn]],
        [items[0]!.slices[1], ['sah.present'], 1, [readerOfAnn]],
      ]),
    );

    const csv = firstFiles.get('labels.csv')!.toString('utf8').trimEnd().split('\r\n');
    expect(csv[0]).toMatch(/^item_id,reader,slice,target_id,question,classes,/);
    expect(csv.slice(1).map((line) => line.split(',').slice(0, 6))).toEqual([
      [items[0]!.id, readerOfAnn, '1', items[0]!.slices[0], 'sah', 'sah.present'],
      [items[0]!.id, readerOfAnn, '2', items[0]!.slices[1], 'sah', 'sah.present'],
      [items[1]!.id, readerOfBob, '3', items[1]!.slices[2], 'sah', 'sah.present'],
    ]);

    const detail = json<ReleaseDetail>(await server.app.inject({ method: 'GET', url: `/api/releases/${first.id}`, headers: lead.auth }));
    expect(detail.release).toEqual(first);
    expect(detail.manifest).toMatchObject({
      format: 'mejirushi-release',
      release: 1,
      dataset: { id: datasetId, name: 'wg' },
      labelSet: { id: 'sah-slice', version: SAH_SLICE_LABEL_SET.version },
      readers: ['reader-1', 'reader-2'],
      counts: { items: 2, records: 3, byQuestion: { sah: { 'sah.present': 3 } } },
      files: first.files,
      // No item has two approved readers yet: nothing to compare.
      agreement: { questions: [] },
    });
    expect(detail.manifest.questions.map((q) => q.id)).toEqual(SAH_SLICE_LABEL_SET.questions.map((q) => q.id));
    expect(detail.manifest.items.map((item) => item.readers.map((r) => [r.reader, r.recordCount]))).toEqual([[[readerOfAnn, 2]], [[readerOfBob, 1]]]);
    for (const f of first.files) expect(sha256(firstFiles.get(f.name)!)).toBe(f.sha256);

    // Pages of one item walk the same work in the same order as the default pages.
    const paged: [string, string[]][] = [];
    for await (const item of approvedItems(server.db, datasetId, 1)) paged.push([item.id, item.documents.map((d) => d.annotatorId)]);
    expect(paged).toEqual([
      [items[0]!.id, [ann.user.id]],
      [items[1]!.id, [bob.user.id]],
    ]);
    expect(sha256(firstFiles.get('manifest.json')!)).toBe(first.manifest.sha256);
  });

  it('serves files with their media type, sha256 as ETag, immutable caching and 304 on a match; 404 for another name', async () => {
    const csv = first.files.find((f) => f.name === 'labels.csv')!;
    const response = await file(first.id, 'labels.csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers.etag).toBe(`"${csv.sha256}"`);
    expect(response.headers['cache-control']).toContain('immutable');
    expect(Number(response.headers['content-length'])).toBe(csv.size);
    expect((await file(first.id, 'labels.csv', { 'if-none-match': `"${csv.sha256}"` })).statusCode).toBe(304);
    expect((await file(first.id, 'other.json')).statusCode).toBe(404);
    expect((await file(first.id, 'labels.csv', { authorization: rita.auth.authorization })).statusCode).toBe(403);
  });

  it('a later edit, resubmitted and approved, is in release 2 and leaves release 1 byte-identical', async () => {
    await review(0, bob, 'return');
    await submit(bob, 0, await write(bob, 0, { 0: 'sah.present', 4: 'sah.present' }));
    await review(0, bob, 'approve');

    const response = await release();
    expect(response.statusCode).toBe(201);
    const second = json<ReleaseSummary>(response);
    expect(second).toMatchObject({ number: 2, itemCount: 2, recordCount: 5 });
    const secondRecords = (await file(second.id, 'records.json')).rawPayload.toString('utf8');
    const bobItem0 = (JSON.parse(secondRecords) as { items: { readers: { records: { version: number; record: { targetId: string } }[] }[] }[] }).items[0]!.readers.find(
      (reader) => reader.records.length === 2 && reader.records.some((r) => r.record.targetId === items[0]!.slices[4]),
    );
    expect(bobItem0?.records.find((r) => r.record.targetId === items[0]!.slices[0])?.version).toBe(2);

    // Item 0 now has both readers approved; they both marked its first slice (the only slice both rated).
    const { manifest } = json<ReleaseDetail>(await server.app.inject({ method: 'GET', url: `/api/releases/${second.id}`, headers: lead.auth }));
    const sah = manifest.agreement.questions[0];
    expect(sah).toMatchObject({ questionId: 'sah', secondary: { statistic: 'percentAgreement', figure: { n: 1, value: 1 } } });
    expect([...sah!.pairs[0]!.readers].sort()).toEqual(['reader-1', 'reader-2']);

    const again = json<ReleaseDetail>(await server.app.inject({ method: 'GET', url: `/api/releases/${first.id}`, headers: lead.auth }));
    expect(again.release).toEqual(first);
    for (const [name, bytes] of firstFiles) expect((await file(first.id, name)).rawPayload.equals(bytes)).toBe(true);

    const list = json<{ releases: ReleaseSummary[] }>(await server.app.inject({ method: 'GET', url: `/api/datasets/${datasetId}/releases`, headers: lead.auth }));
    expect(list.releases.map((r) => r.number)).toEqual([2, 1]);
    expect(list.releases[1]).toEqual(first);
    const audit = await server.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', '=', 'release.create').execute();
    expect(audit.map((row) => row.entity_id)).toEqual([first.id, second.id]);
  });

  it('carries an adjudicated item’s consensus, pseudonymised with its provenance; a changed decision only shows in the next release', async () => {
    // Item 0: ann marked slices 0 and 1, bob slices 0 and 4 (both approved); they differ on 1 and 4.
    const decide = async (slice: number, decision: object, version: number) => {
      const response = await server.app.inject({
        method: 'PUT',
        url: `/api/items/${items[0]!.id}/adjudication/decisions`,
        headers: { ...lead.auth, 'if-match': `"${version}"` },
        payload: { questionId: 'sah', targetKey: items[0]!.slices[slice], decision },
      });
      expect(response.statusCode).toBe(200);
    };
    await decide(1, { pick: bob.user.id }, 0);
    await decide(4, { edit: { classCodes: ['sah.absent'] } }, 0);

    const third = json<ReleaseSummary>(await release());
    expect(third).toMatchObject({ number: 3, itemCount: 2 });
    const thirdFiles = new Map<string, Buffer>();
    for (const name of ['records.json', 'labels.csv', 'manifest.json']) {
      const bytes = (await file(third.id, name)).rawPayload;
      thirdFiles.set(name, bytes);
      for (const who of [ann, bob, rita, lead]) expect(bytes.toString('utf8')).not.toContain(who.user.id);
    }
    type ConsensusItem = { source: string; readers: string[]; records: { record: { targetId: string; classCodes: string[] }; basis: string; sources: { readerId: string; version: number }[]; decision: { decidedBy: string } | null }[] };
    const records = JSON.parse(thirdFiles.get('records.json')!.toString('utf8')) as { items: (ConsensusItem & { id: string })[] };
    const item0 = records.items.find((item) => item.id === items[0]!.id)!;
    expect(item0.source).toBe('consensus');
    expect([...item0.readers].sort()).toEqual(['reader-1', 'reader-2']);
    expect(item0.records.map((r) => [r.record.targetId, r.record.classCodes, r.basis])).toEqual([
      [items[0]!.slices[0], ['sah.present'], 'agreed'],
      [items[0]!.slices[4], ['sah.absent'], 'edited'],
    ].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)));
    const agreed = item0.records.find((r) => r.basis === 'agreed')!;
    expect(agreed.sources.map((s) => s.readerId).sort()).toEqual(['reader-1', 'reader-2']);
    expect(item0.records.find((r) => r.basis === 'edited')!.decision?.decidedBy).toMatch(/^person-\d+$/);
    expect(records.items.find((item) => item.id === items[1]!.id)?.source).toBe('readers');

    const { manifest } = json<ReleaseDetail>(await server.app.inject({ method: 'GET', url: `/api/releases/${third.id}`, headers: lead.auth }));
    expect(manifest.items.map((item) => [item.id, item.source, item.consensus?.recordCount ?? null])).toEqual([
      [items[0]!.id, 'consensus', 2],
      [items[1]!.id, 'readers', null],
    ]);
    const csv = thirdFiles.get('labels.csv')!.toString('utf8').trimEnd().split('\r\n');
    expect(csv.filter((line) => line.startsWith(items[0]!.id)).map((line) => line.split(',')[1])).toEqual(['consensus', 'consensus']);

    await decide(1, { pick: ann.user.id }, 1);
    const fourth = json<ReleaseSummary>(await release());
    const fourthRecords = JSON.parse((await file(fourth.id, 'records.json')).rawPayload.toString('utf8')) as { items: (ConsensusItem & { id: string })[] };
    expect(fourthRecords.items[0]!.records.map((r) => r.record.targetId)).toContain(items[0]!.slices[1]);
    expect(fourth.files.find((f) => f.name === 'records.json')!.sha256).not.toBe(third.files.find((f) => f.name === 'records.json')!.sha256);
    for (const [name, bytes] of thirdFiles) expect((await file(third.id, name)).rawPayload.equals(bytes)).toBe(true);
    for (const [name, bytes] of firstFiles) expect((await file(first.id, name)).rawPayload.equals(bytes)).toBe(true);
  });
});
