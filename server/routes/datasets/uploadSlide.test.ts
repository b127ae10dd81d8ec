/** Admin upload of a slide file: streamed into the blob store, imported as a slide item, reported like any file. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport, ItemDetail } from '../../../src/core/api';
import { GASTRIC_BIOPSY_LABEL_SET } from '../../../src/core/labelSets/builtin';
import { createDataset } from '../../services/datasets';
import { hasPathologySampleData, pathologySample, sampleDataDir } from '../../testing/sampleData';
import { json, startTestServer, type TestServer } from '../../testing/testServer';

if (!hasPathologySampleData()) console.log(`sample data not found at ${sampleDataDir()}: slide upload suite did not run`);

describe.runIf(hasPathologySampleData())('POST /api/datasets/:id/files with a slide', () => {
  let server: TestServer;
  let datasetId: string;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
    const { id, version } = GASTRIC_BIOPSY_LABEL_SET;
    datasetId = (await createDataset(server.db, { name: 'gastric', description: '', labelSetId: id, labelSetVersion: version }, null, server.now().toISOString())).id;
  });
  afterAll(async () => server?.dispose());

  it('imports an SVS sent as image/tiff into a slide item the admin can open, then reports it as a duplicate', async () => {
    const admin = await server.signIn('admin1', ['admin']);
    const upload = () =>
      server.app.inject({
        method: 'POST',
        url: `/api/datasets/${datasetId}/files`,
        headers: { ...admin.auth, 'content-type': 'image/tiff', 'x-file-name': encodeURIComponent('生検 CMU-1.svs') },
        payload: readFileSync(pathologySample('CMU-1-Small-Region.svs')),
      });
    const first = await upload();
    expect(first.statusCode).toBe(200);
    const report = json<ImportReport>(first);
    const outcome = report.outcomes[0];
    if (outcome?.status !== 'imported') throw new Error(first.body);
    expect(report.itemIds).toEqual([outcome.itemId]);
    const detail = json<ItemDetail>(await server.app.inject({ method: 'GET', url: `/api/items/${outcome.itemId}`, headers: admin.auth }));
    expect(detail.item).toMatchObject({ title: '生検 CMU-1', content: { kind: 'slide', scanner: 'Aperio', objectivePower: 20 } });
    expect(json<ImportReport>(await upload()).outcomes).toEqual([{ file: '生検 CMU-1.svs', status: 'duplicate', itemId: outcome.itemId }]);
  });

  it('refuses a truncated slide with its code, whatever the media type it came as', async () => {
    const admin = await server.signIn('admin2', ['admin']);
    const response = await server.app.inject({
      method: 'POST',
      url: `/api/datasets/${datasetId}/files`,
      headers: { ...admin.auth, 'content-type': 'application/dicom', 'x-file-name': 'cut.svs' },
      payload: readFileSync(pathologySample('CMU-1-Small-Region.svs')).subarray(0, 500_000),
    });
    expect(json<ImportReport>(response).outcomes).toEqual([expect.objectContaining({ file: 'cut.svs', status: 'refused', code: 'slideTruncated' })]);
  });
});
