/**
 * Admin upload of a Hamamatsu NDPI (the generated fixture): answered with an import job that ends
 * with the file imported as a slide item; a truncated one ends refused.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJob, ImportReport, ItemDetail } from '../../../src/core/api';
import { GASTRIC_BIOPSY_LABEL_SET } from '../../../src/core/labelSets/builtin';
import { createDataset } from '../../services/datasets';
import { NDPI_FIXTURE, writeNdpiFixture } from '../../testing/ndpiFixture';
import { json, startTestServer, type TestServer } from '../../testing/testServer';

describe('POST /api/datasets/:id/files with an NDPI', () => {
  let server: TestServer;
  let datasetId: string;
  let scratch: string;
  let ndpi: Buffer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
    const { id, version } = GASTRIC_BIOPSY_LABEL_SET;
    datasetId = (await createDataset(server.db, { name: 'gastric', description: '', labelSetId: id, labelSetVersion: version }, null, server.now().toISOString())).id;
    scratch = mkdtempSync(join(tmpdir(), 'mejirushi-ndpi-upload-'));
    ndpi = readFileSync(await writeNdpiFixture(scratch));
  }, 60_000);
  afterAll(async () => {
    await server?.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });

  /** The upload's report, once the import job it is answered with has ended. */
  async function upload(auth: { authorization: string }, name: string, payload: Buffer): Promise<ImportReport> {
    const response = await server.app.inject({
      method: 'POST',
      url: `/api/datasets/${datasetId}/files`,
      headers: { ...auth, 'content-type': 'image/tiff', 'x-file-name': encodeURIComponent(name) },
      payload,
    });
    expect(response.statusCode, response.body).toBe(202);
    await server.app.ctx.importJobs.idle();
    const job = json<ImportJob>(await server.app.inject({ method: 'GET', url: `/api/import-jobs/${json<ImportJob>(response).id}`, headers: auth }));
    if (job.state !== 'done' && job.state !== 'failed') throw new Error(`the job has not ended: ${JSON.stringify(job)}`);
    return job.report;
  }

  it('imports an NDPI sent as image/tiff into a slide item with the scanner\'s facts', async () => {
    const admin = await server.signIn('admin1', ['admin']);
    const report = await upload(admin.auth, '胃生検 HE.ndpi', ndpi);
    const outcome = report.outcomes[0];
    if (outcome?.status !== 'imported') throw new Error(JSON.stringify(report));
    const detail = json<ItemDetail>(await server.app.inject({ method: 'GET', url: `/api/items/${outcome.itemId}`, headers: admin.auth }));
    expect(detail.item).toMatchObject({ title: '胃生検 HE', content: { kind: 'slide', scanner: 'Hamamatsu', objectivePower: 20, tileSize: 256 } });
    if (detail.item.content.kind !== 'slide') throw new Error('not a slide');
    expect(detail.item.content.micronsPerPixel?.[0]).toBeCloseTo(NDPI_FIXTURE.micronsPerPixel, 6);
    expect(detail.item.content.levels[0]).toEqual({ width: NDPI_FIXTURE.width, height: NDPI_FIXTURE.height, downsample: 1 });
  });

  it('refuses a truncated NDPI with its code and sentence', async () => {
    const admin = await server.signIn('admin2', ['admin']);
    const [outcome] = (await upload(admin.auth, 'cut.ndpi', ndpi.subarray(0, Math.floor(ndpi.length / 3)))).outcomes;
    expect(outcome).toMatchObject({ file: 'cut.ndpi', status: 'refused', code: 'slideTruncated' });
    if (outcome?.status === 'refused') expect(outcome.reason).toMatch(/^the file is cut short: its image data runs to byte \d+, past its end/);
  });
});
