import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetSummary, ImportReport } from '../../../src/core/api';
import { generateHeadCtPhantom } from '../../demo/phantom';
import { humanBy, label, patchBatch, put } from '../../testing/documents';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';
import { MAX_DICOM_UPLOAD_BYTES } from './upload';

describe('datasets, assignments and uploads', () => {
  let server: TestServer;
  let admin: SignedIn;
  let ann: SignedIn;
  let bob: SignedIn;
  let datasetId: string;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    admin = await server.signIn('admin', ['admin']);
    ann = await server.signIn('ann', ['annotator']);
    bob = await server.signIn('bob', ['annotator']);
  });
  afterAll(async () => server.dispose());

  it('creates a dataset for a known label set (201) and refuses others', async () => {
    const create = (payload: object) => server.app.inject({ method: 'POST', url: '/api/datasets', headers: admin.auth, payload });
    const response = await create({ name: 'Head CT batch 1', description: 'first', labelSetId: 'sah-slice', labelSetVersion: 1 });
    expect(response.statusCode).toBe(201);
    const dataset = json<DatasetSummary>(response);
    expect(dataset).toMatchObject({ name: 'Head CT batch 1', itemCount: 0, progress: { labelled: 0, total: 0 }, submittedCount: 0 });
    datasetId = dataset.id;

    expect((await create({ name: 'Head CT batch 1', labelSetId: 'sah-slice', labelSetVersion: 1 })).statusCode).toBe(409);
    const unknown = await create({ name: 'x', labelSetId: 'sah-slice', labelSetVersion: 9 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ message: 'unknown label set sah-slice version 9' });
    expect((await create({ name: 'x', labelSetId: 'sah-slice', labelSetVersion: '1' })).statusCode).toBe(400);
    expect((await create({ name: '   ', labelSetId: 'sah-slice', labelSetVersion: 1 })).statusCode).toBe(400);
  });

  it('imports uploaded DICOM files one per request and reports refusals', async () => {
    const { files } = generateHeadCtPhantom({ sliceCount: 6, seed: 7 });
    const upload = (bytes: Uint8Array, name: string, contentType = 'application/dicom') =>
      server.app.inject({
        method: 'POST',
        url: `/api/datasets/${datasetId}/files`,
        headers: { ...admin.auth, 'content-type': contentType, 'x-file-name': encodeURIComponent(name) },
        payload: Buffer.from(bytes),
      });
    for (const file of files) {
      const response = await upload(file.bytes, file.name);
      expect(response.statusCode).toBe(200);
      expect(json<ImportReport>(response).outcomes[0]).toMatchObject({ status: 'imported', file: file.name });
    }
    const again = json<ImportReport>(await upload(files[0]!.bytes, 'again.dcm'));
    expect(again.outcomes[0]).toMatchObject({ status: 'duplicate' });
    const junk = json<ImportReport>(await upload(new TextEncoder().encode('not dicom at all'), 'メモ.txt'));
    expect(junk.outcomes[0]).toMatchObject({ status: 'refused', file: 'メモ.txt', reason: expect.stringMatching(/DICOM/) });

    expect((await upload(files[0]!.bytes, 'x.dcm', 'application/octet-stream')).statusCode).toBe(415);
    const asJson = await server.app.inject({ method: 'POST', url: `/api/datasets/${datasetId}/files`, headers: admin.auth, payload: { a: 1 } });
    expect(asJson.statusCode).toBe(415);
    const byAnnotator = await server.app.inject({
      method: 'POST',
      url: `/api/datasets/${datasetId}/files`,
      headers: { ...ann.auth, 'content-type': 'application/dicom' },
      payload: Buffer.from(files[0]!.bytes),
    });
    expect(byAnnotator.statusCode).toBe(403);
    const missing = await server.app.inject({
      method: 'POST',
      url: '/api/datasets/00000000-0000-4000-8000-000000000000/files',
      headers: { ...admin.auth, 'content-type': 'application/dicom' },
      payload: Buffer.from(files[0]!.bytes),
    });
    expect(missing.statusCode).toBe(404);
    const overLimit = await server.app.inject({
      method: 'POST',
      url: `/api/datasets/${datasetId}/files`,
      headers: { ...admin.auth, 'content-type': 'application/dicom', 'content-length': String(MAX_DICOM_UPLOAD_BYTES + 1) },
      payload: Buffer.from(files[0]!.bytes),
    });
    expect(overLimit.statusCode).toBe(413);
    expect(overLimit.json()).toMatchObject({ error: 'payload_too_large' });
  });

  it('assigns items to a user and shows each caller only their datasets with their progress', async () => {
    const items = await server.db.selectFrom('items').select(['id', 'target_ids']).where('dataset_id', '=', datasetId).execute();
    expect(items).toHaveLength(1);
    const item = items[0]!;
    const assign = (payload: object) =>
      server.app.inject({ method: 'POST', url: `/api/datasets/${datasetId}/assignments`, headers: admin.auth, payload });
    expect((await assign({ readerIds: [ann.user.id] })).json()).toEqual({ assigned: 1, readers: [{ userId: ann.user.id, assigned: 1 }] });
    expect((await assign({ readerIds: [ann.user.id], itemIds: [item.id] })).json()).toMatchObject({ assigned: 0 });
    const wrongItem = await assign({ readerIds: [ann.user.id], itemIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(wrongItem.statusCode).toBe(400);
    expect((await assign({ readerIds: ['00000000-0000-4000-8000-000000000000'] })).statusCode).toBe(400);
    expect((await assign({ readerIds: ['nope'] })).statusCode).toBe(400);

    const targetIds = JSON.parse(item.target_ids) as string[];
    const ops = [put(label(targetIds[0]!, 'sah.absent', humanBy(ann.user.id))), put(label(targetIds[1]!, 'sah.present', humanBy(ann.user.id)))];
    expect((await patchBatch(server, ann, item.id, 'p1', { ops })).statusCode).toBe(200);

    const annList = json<DatasetSummary[]>(await server.app.inject({ method: 'GET', url: '/api/datasets', headers: ann.auth }));
    expect(annList.map((d) => [d.name, d.itemCount, d.progress, d.submittedCount])).toEqual([['Head CT batch 1', 1, { labelled: 2, total: 6 }, 0]]);
    expect(json<DatasetSummary[]>(await server.app.inject({ method: 'GET', url: '/api/datasets', headers: bob.auth }))).toEqual([]);
    const adminList = json<DatasetSummary[]>(await server.app.inject({ method: 'GET', url: '/api/datasets', headers: admin.auth }));
    expect(adminList.map((d) => [d.itemCount, d.progress])).toEqual([[1, { labelled: 0, total: 0 }]]);
  });
});
