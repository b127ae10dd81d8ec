import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemDetail, ItemPage } from '../../../src/core/api';
import { SAH_SLICE_LABEL_SET } from '../../../src/core/labelSets/builtin';
import { readDicomInstance } from '../../dicom/parse';
import { generateHeadCtPhantom } from '../../demo/phantom';
import { importDicomFiles } from '../../import/importFiles';
import { assignItems } from '../../services/datasets';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

describe('items and files', () => {
  let server: TestServer;
  let admin: SignedIn;
  let ann: SignedIn;
  let datasetId: string;
  let itemId: string;
  let fileIds: string[];

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    admin = await server.signIn('admin', ['admin']);
    ann = await server.signIn('ann', ['annotator']);
    ({ datasetId, itemId, fileIds } = await server.seedDataset({ assignTo: [ann.user.id] }));
  });
  afterAll(async () => server.dispose());

  it('returns an item with its label set and the caller state', async () => {
    const response = await server.app.inject({ method: 'GET', url: `/api/items/${itemId}`, headers: ann.auth });
    expect(response.statusCode).toBe(200);
    const detail = json<ItemDetail>(response);
    expect(detail.labelSet).toEqual(SAH_SLICE_LABEL_SET);
    expect(detail.state).toBe('assigned');
    expect(detail.item.content.kind).toBe('series');
    if (detail.item.content.kind !== 'series') return;
    expect(detail.item.content.slices).toHaveLength(6);
    expect(new Set(detail.item.content.slices.map((s) => s.fileId))).toEqual(new Set(fileIds));
  });

  it('gives reviewers and admins state null for an item not assigned to them, their own state once assigned', async () => {
    const reviewer = await server.signIn('rita', ['reviewer']);
    const { datasetId: other, itemId: otherItem } = await server.seedDataset({ assignTo: [ann.user.id] });
    for (const who of [admin, reviewer]) {
      const detail = await server.app.inject({ method: 'GET', url: `/api/items/${otherItem}`, headers: who.auth });
      expect(detail.statusCode).toBe(200);
      expect(json<ItemDetail>(detail).state).toBeNull();
      const page = json<ItemPage>(await server.app.inject({ method: 'GET', url: `/api/datasets/${other}/items`, headers: who.auth }));
      expect(page.items.map((i) => [i.id, i.state])).toEqual([[otherItem, null]]);
    }
    await assignItems(server.db, other, reviewer.user.id, null, null, server.now().toISOString());
    expect(json<ItemDetail>(await server.app.inject({ method: 'GET', url: `/api/items/${otherItem}`, headers: reviewer.auth })).state).toBe('assigned');
    const page = json<ItemPage>(await server.app.inject({ method: 'GET', url: `/api/datasets/${other}/items`, headers: reviewer.auth }));
    expect(page.items.map((i) => i.state)).toEqual(['assigned']);
  });

  it('serves DICOM bytes with a content hash ETag, kept out of the HTTP cache (private, no-store), and 304 on a match', async () => {
    const url = `/api/items/${itemId}/files/${fileIds[0]}`;
    const response = await server.app.inject({ method: 'GET', url, headers: ann.auth });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/dicom');
    expect(response.headers['cache-control']).toBe('private, no-store');
    const bytes = response.rawPayload;
    expect(response.headers.etag).toBe(`"${createHash('sha256').update(bytes).digest('hex')}"`);
    expect(readDicomInstance(bytes).ok).toBe(true);

    const cached = await server.app.inject({ method: 'GET', url, headers: { ...ann.auth, 'if-none-match': response.headers.etag as string } });
    expect(cached.statusCode).toBe(304);
    expect(cached.rawPayload.length).toBe(0);
    const other = await server.app.inject({ method: 'GET', url, headers: { ...ann.auth, 'if-none-match': '"abc"' } });
    expect(other.statusCode).toBe(200);

    const wrongItem = await server.app.inject({ method: 'GET', url: `/api/items/${fileIds[0]}/files/${fileIds[0]}`, headers: ann.auth });
    expect(wrongItem.statusCode).toBe(404);
    expect((await server.app.inject({ method: 'GET', url: `/api/items/${itemId}/files/${itemId}`, headers: ann.auth })).statusCode).toBe(404);
    expect((await server.app.inject({ method: 'GET', url: `/api/items/${itemId}/files/x`, headers: ann.auth })).statusCode).toBe(400);
  });

  it('serves byte ranges of a file from the blob store: 206 with Content-Range, 416 past the end', async () => {
    const url = `/api/items/${itemId}/files/${fileIds[0]}`;
    const whole = await server.app.inject({ method: 'GET', url, headers: ann.auth });
    const bytes = whole.rawPayload;
    const size = bytes.length;
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(Number(whole.headers['content-length'])).toBe(size);

    const get = (range: string, extra: Record<string, string> = {}) => server.app.inject({ method: 'GET', url, headers: { ...ann.auth, range, ...extra } });
    const head = await get('bytes=0-131');
    expect(head.statusCode).toBe(206);
    expect(head.headers['content-range']).toBe(`bytes 0-131/${size}`);
    expect(head.headers.etag).toBe(whole.headers.etag);
    expect(head.headers['cache-control']).toBe('private, no-store');
    expect(head.rawPayload.equals(bytes.subarray(0, 132))).toBe(true);
    expect(head.rawPayload.subarray(128, 132).toString('latin1')).toBe('DICM');

    const tail = await get('bytes=-100');
    expect(tail.statusCode).toBe(206);
    expect(tail.headers['content-range']).toBe(`bytes ${size - 100}-${size - 1}/${size}`);
    expect(tail.rawPayload.equals(bytes.subarray(size - 100))).toBe(true);

    const past = await get(`bytes=${size}-`);
    expect(past.statusCode).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${size}`);

    // A range against another version of the file (If-Range) is answered with the whole file.
    const stale = await get('bytes=0-9', { 'if-range': '"0000"' });
    expect(stale.statusCode).toBe(200);
    expect(stale.rawPayload.equals(bytes)).toBe(true);
    expect((await get('bytes=0-9', { 'if-range': whole.headers.etag as string })).statusCode).toBe(206);
  });

  it('pages items with a keyset cursor (ties in title broken by id), for the caller', async () => {
    // Four more phantom series (same title, other UIDs) in the same dataset.
    for (let seed = 101; seed <= 104; seed += 1) {
      const { files } = generateHeadCtPhantom({ sliceCount: 6, seed });
      expect((await importDicomFiles(server.db, datasetId, files, null, { blobs: server.blobs })).itemIds).toHaveLength(1);
    }
    const allIds = (await server.db.selectFrom('items').select('id').where('dataset_id', '=', datasetId).execute()).map((r) => r.id).sort();
    expect(allIds).toHaveLength(5);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `limit=2&cursor=${cursor}` : 'limit=2';
      const response = await server.app.inject({ method: 'GET', url: `/api/datasets/${datasetId}/items?${query}`, headers: admin.auth });
      expect(response.statusCode).toBe(200);
      const page = json<ItemPage>(response);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(allIds);

    const annPage = json<ItemPage>(await server.app.inject({ method: 'GET', url: `/api/datasets/${datasetId}/items`, headers: ann.auth }));
    expect(annPage.items.map((i) => [i.id, i.state, i.progress])).toEqual([[itemId, 'assigned', { labelled: 0, total: 6 }]]);
    expect(annPage.nextCursor).toBeNull();

    const bad = await server.app.inject({ method: 'GET', url: `/api/datasets/${datasetId}/items?cursor=garbage`, headers: admin.auth });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ message: expect.stringMatching(/cursor/) });
    expect((await server.app.inject({ method: 'GET', url: `/api/datasets/${datasetId}/items?limit=abc`, headers: admin.auth })).statusCode).toBe(400);
  });

  it("hides a dataset with no items assigned to the caller (404)", async () => {
    const { datasetId: other } = await server.seedDataset();
    expect((await server.app.inject({ method: 'GET', url: `/api/datasets/${other}/items`, headers: ann.auth })).statusCode).toBe(404);
    await assignItems(server.db, other, ann.user.id, null, null, server.now().toISOString());
    expect((await server.app.inject({ method: 'GET', url: `/api/datasets/${other}/items`, headers: ann.auth })).statusCode).toBe(200);
  });
});
