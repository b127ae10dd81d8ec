/**
 * Pushing a dataset's SEG and SR exports to a real PACS (Orthanc, asking for a login) through the
 * admin API: the PACS then lists instances with the very SOP Instance UIDs the export routes give;
 * a second push finds them there and sends nothing (one copy), over one page or several; a wrong password, an unreachable
 * PACS and one that drops the connection are refusals of each object, and a rerun sends what is missing.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DicomwebPushAnswer, DicomwebPushRequest, ItemDetail } from '../../src/core/api';
import { readDicom } from '../../src/core/exchange/seg/dicomFile';
import { encodeRuns } from '../../src/core/mask';
import { maskId } from '../../src/core/recordIds';
import { generateHeadCtPhantom } from '../demo/phantom';
import { importDicomFiles } from '../import/importFiles';
import { assignItems } from '../services/datasets';
import { AT, humanBy, patchBatch, put } from '../testing/documents';
import { MULTI_QUESTION_LABEL_SET } from '../testing/labelSets';
import { hasOrthanc, startOrthanc, type RunningOrthanc } from '../testing/orthanc';
import { testDialects } from '../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../testing/testServer';
import { PUSH_PAGE_ITEMS } from './push';

if (!hasOrthanc()) console.warn('DICOMweb push test did not run: it needs Orthanc (apt-get install orthanc orthanc-dicomweb).');

const LOGIN = 'pusher:secret';

describe.runIf(hasOrthanc()).each(testDialects('DICOMweb push'))('pushing SEG and SR exports to Orthanc on %s', (dialect) => {
  let orthanc: RunningOrthanc;
  let server: TestServer;
  let admin: SignedIn;
  let reader: SignedIn;
  let datasetId: string;
  let itemId: string;
  /** A server that takes each connection and closes it unanswered: a PACS that drops mid-way. */
  let dropping: Server;
  let droppingUrl: string;

  beforeAll(async () => {
    orthanc = await startOrthanc({ AuthenticationEnabled: true, RegisteredUsers: { pusher: 'secret' } });
    server = await startTestServer(dialect);
    admin = await server.signIn('admin', ['admin']);
    reader = await server.signIn('reader', ['annotator']);
    ({ datasetId, itemId } = await server.seedDataset({ assignTo: [reader.user.id], labelSet: MULTI_QUESTION_LABEL_SET, slices: 6 }));
    await outlineLesion(itemId);
    dropping = createServer((incoming) => incoming.socket.destroy());
    await new Promise<void>((resolve) => dropping.listen(0, '127.0.0.1', resolve));
    droppingUrl = `http://127.0.0.1:${(dropping.address() as AddressInfo).port}/dicom-web`;
  }, 120_000);
  afterAll(async () => {
    await new Promise((resolve) => dropping?.close(resolve));
    await server?.dispose();
    await orthanc?.stop();
  });

  /** The reader outlines a lesion on the item's third slice: the item then has a SEG and an SR to export. */
  async function outlineLesion(id: string): Promise<void> {
    const detail = json<ItemDetail>(await server.app.inject({ method: 'GET', url: `/api/items/${id}`, headers: reader.auth }));
    if (detail.item.content.kind !== 'series') throw new Error('the phantom is a series');
    const series = detail.item.content;
    const labels = new Uint8Array(series.rows * series.columns);
    for (let r = 10; r < 20; r += 1) labels.fill(1, r * series.columns + 30, r * series.columns + 50);
    const targetId = series.slices[2]!.targetId;
    const mask = { type: 'mask', id: maskId('lesion', targetId, 'lesion.bleed'), questionId: 'lesion', targetId, classCode: 'lesion.bleed', width: series.columns, height: series.rows, runs: encodeRuns(labels), provenance: humanBy(reader.user.id) } as const;
    const written = await patchBatch(server, reader, id, `outline-${id}`, { ops: [put(mask)] });
    expect(written.statusCode, written.body).toBe(200);
  }

  const [username, password] = LOGIN.split(':') as [string, string];
  const orthancHeaders = { authorization: `Basic ${Buffer.from(LOGIN).toString('base64')}`, accept: 'application/dicom+json' };

  async function push(request: Partial<DicomwebPushRequest>, dataset = datasetId): Promise<DicomwebPushAnswer> {
    const payload: DicomwebPushRequest = { baseUrl: orthanc.dicomWeb, username, password, objects: ['seg', 'sr'], reader: reader.user.id, ...request };
    const response = await server.app.inject({ method: 'POST', url: `/api/datasets/${dataset}/dicomweb-push`, headers: admin.auth, payload });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as DicomwebPushAnswer;
  }

  /** The SOP Instance UID the export route gives the admin for `object`. */
  async function exportedUid(object: 'seg' | 'sr'): Promise<string> {
    const response = await server.app.inject({ method: 'GET', url: `/api/items/${itemId}/exports/${object}?reader=${reader.user.id}`, headers: admin.auth });
    expect(response.statusCode, response.body).toBe(200);
    return readDicom(response.rawPayload).SOPInstanceUID as string;
  }

  /** What Orthanc lists by QIDO-RS under one SOP Instance UID. */
  async function orthancFinds(sopInstanceUid: string): Promise<number> {
    const response = await fetch(`${orthanc.dicomWeb}/instances?SOPInstanceUID=${sopInstanceUid}`, { headers: orthancHeaders });
    return response.status === 204 ? 0 : ((await response.json()) as unknown[]).length;
  }
  const orthancInstances = async () => ((await (await fetch(`${orthanc.url}/instances`, { headers: orthancHeaders })).json()) as string[]).length;

  it('refuses every object with a wrong password, and stores nothing', async () => {
    const answer = await push({ password: 'wrong' });
    expect(answer.outcomes).toEqual([
      { itemId, object: 'seg', sopInstanceUid: await exportedUid('seg'), status: 'refused', reason: 'the PACS answered 401 Unauthorized to the store' },
      { itemId, object: 'sr', sopInstanceUid: await exportedUid('sr'), status: 'refused', reason: 'the PACS answered 401 Unauthorized to the store' },
    ]);
    expect(await orthancInstances()).toBe(0);
  }, 60_000);

  it('refuses each object when the PACS cannot be reached or drops the connection', async () => {
    const gone = createServer();
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
    const goneUrl = `http://127.0.0.1:${(gone.address() as AddressInfo).port}/dicom-web`;
    await new Promise((resolve) => gone.close(resolve));
    for (const [baseUrl, reason] of [
      [goneUrl, /^the PACS cannot be reached or stopped answering during the store: fetch failed/],
      [droppingUrl, /^the PACS cannot be reached or stopped answering during the store: /],
    ] as const) {
      const answer = await push({ baseUrl });
      expect(answer.outcomes.map((o) => [o.object, o.status])).toEqual([
        ['seg', 'refused'],
        ['sr', 'refused'],
      ]);
      for (const outcome of answer.outcomes) expect(outcome.status === 'refused' ? outcome.reason : '').toMatch(reason);
    }
    expect(await orthancInstances()).toBe(0);
  }, 60_000);

  it('stores the SEG and SR under the UIDs the export routes give, and a second push finds them there: one copy', async () => {
    const [seg, sr] = [await exportedUid('seg'), await exportedUid('sr')];
    const first = await push({});
    expect(first).toEqual({
      outcomes: [
        { itemId, object: 'seg', sopInstanceUid: seg, status: 'stored' },
        { itemId, object: 'sr', sopInstanceUid: sr, status: 'stored' },
      ],
      next: null,
      items: { done: 1, total: 1 },
    });
    expect([await orthancFinds(seg), await orthancFinds(sr), await orthancInstances()]).toEqual([1, 1, 2]);

    const again = await push({ itemIds: [itemId] });
    expect(again.outcomes.map((o) => [o.object, o.sopInstanceUid, o.status])).toEqual([
      ['seg', seg, 'alreadyThere'],
      ['sr', sr, 'alreadyThere'],
    ]);
    expect(await orthancInstances()).toBe(2);
  }, 120_000);

  it('goes page after page through more items than a page holds: each SEG stored once, `next` null at the end; a second push sends nothing', async () => {
    const many = await server.seedDataset({ labelSet: MULTI_QUESTION_LABEL_SET, slices: 6 });
    // A phantom of another seed is another study: one more item each.
    for (let seed = 1; seed <= PUSH_PAGE_ITEMS; seed += 1) {
      const report = await importDicomFiles(server.db, many.datasetId, generateHeadCtPhantom({ sliceCount: 6, seed: 1000 + seed }).files, null, { blobs: server.blobs, now: () => new Date(AT) });
      expect(report.itemIds).toHaveLength(1);
    }
    await assignItems(server.db, many.datasetId, reader.user.id, null, null, AT);
    const itemIds = (await server.db.selectFrom('items').select('id').where('dataset_id', '=', many.datasetId).orderBy('id').execute()).map((row) => row.id);
    expect(itemIds).toHaveLength(PUSH_PAGE_ITEMS + 1);
    for (const id of itemIds) await outlineLesion(id);
    const before = await orthancInstances();

    async function pushAll(): Promise<DicomwebPushAnswer[]> {
      const pages: DicomwebPushAnswer[] = [];
      let after: string | null = null;
      do {
        const page = await push({ objects: ['seg'], ...(after === null ? {} : { after }) }, many.datasetId);
        pages.push(page);
        after = page.next;
      } while (after !== null && pages.length <= PUSH_PAGE_ITEMS);
      return pages;
    }

    const first = await pushAll();
    expect(first.map((page) => [page.outcomes.length, page.next, page.items])).toEqual([
      [PUSH_PAGE_ITEMS, itemIds[PUSH_PAGE_ITEMS - 1], { done: PUSH_PAGE_ITEMS, total: PUSH_PAGE_ITEMS + 1 }],
      [1, null, { done: PUSH_PAGE_ITEMS + 1, total: PUSH_PAGE_ITEMS + 1 }],
    ]);
    const outcomes = first.flatMap((page) => page.outcomes);
    expect(outcomes.map((o) => [o.itemId, o.object, o.status])).toEqual(itemIds.map((id) => [id, 'seg', 'stored']));
    const uids = outcomes.map((o) => o.sopInstanceUid ?? '');
    expect(new Set(uids).size).toBe(itemIds.length);
    for (const uid of uids) expect(await orthancFinds(uid)).toBe(1);
    expect(await orthancInstances()).toBe(before + itemIds.length);

    const again = await pushAll();
    expect(again.map((page) => page.next)).toEqual([itemIds[PUSH_PAGE_ITEMS - 1], null]);
    expect(again.flatMap((page) => page.outcomes.map((o) => [o.sopInstanceUid, o.status]))).toEqual(uids.map((uid) => [uid, 'alreadyThere']));
    expect(await orthancInstances()).toBe(before + itemIds.length);
  }, 300_000);

  it('skips items with nothing to export when pushing every item, and says so for an item named', async () => {
    const empty = await server.seedDataset({ labelSet: MULTI_QUESTION_LABEL_SET, slices: 6 });
    const all = await server.app.inject({ method: 'POST', url: `/api/datasets/${empty.datasetId}/dicomweb-push`, headers: admin.auth, payload: { baseUrl: orthanc.dicomWeb, objects: ['seg'] } });
    expect([all.statusCode, all.json()]).toEqual([200, { outcomes: [], next: null, items: { done: 1, total: 1 } }]);
    const named = await server.app.inject({
      method: 'POST',
      url: `/api/datasets/${empty.datasetId}/dicomweb-push`,
      headers: admin.auth,
      payload: { baseUrl: orthanc.dicomWeb, objects: ['seg'], itemIds: [empty.itemId] },
    });
    expect(named.json()).toEqual({
      outcomes: [{ itemId: empty.itemId, object: 'seg', sopInstanceUid: null, status: 'refused', reason: 'nothing is drawn for question "lesion": a SEG needs at least one non-empty mask' }],
      next: null,
      items: { done: 1, total: 1 },
    });
    const foreign = await server.app.inject({ method: 'POST', url: `/api/datasets/${empty.datasetId}/dicomweb-push`, headers: admin.auth, payload: { baseUrl: orthanc.dicomWeb, objects: ['seg'], itemIds: [itemId] } });
    expect(foreign.statusCode).toBe(400);
  }, 60_000);
});
