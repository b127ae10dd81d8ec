/**
 * A slide upload answered at once with its import job, which builds the pyramid after the
 * request: followed to its end, refused with its code for a cut-off file, failed by a server
 * stop and retried, readable only by admins and its uploader, and cancelled by them.
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJob, ItemDetail, ItemPage } from '../../../src/core/api';
import { GASTRIC_BIOPSY_LABEL_SET } from '../../../src/core/labelSets/builtin';
import { bootstrap } from '../../bootstrap';
import { DEFAULT_IMPORT_JOB_LEASE_MS } from '../../config';
import { CANCELLED_REASON, insertImportJob, markBuilding, SERVER_STOPPED_REASON } from '../../import/jobs/jobRows';
import { createDataset } from '../../services/datasets';
import { startHeldPacs } from '../../testing/heldPacs';
import { hasPathologySampleData, pathologySample, sampleDataDir } from '../../testing/sampleData';
import { testDialects } from '../../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

const SVS = 'CMU-1-Small-Region.svs';

if (!hasPathologySampleData()) console.log(`sample data not found at ${sampleDataDir()}: slide import job suite did not run`);

describe.runIf(hasPathologySampleData()).each(testDialects('slide import jobs'))('slide import jobs on %s', (dialect) => {
  let server: TestServer;
  let admin: SignedIn;
  let svs: Buffer;
  let datasetCount = 0;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await server.signIn('admin1', ['admin']);
    svs = readFileSync(pathologySample(SVS));
  });
  afterAll(async () => server?.dispose());

  async function newDataset(): Promise<string> {
    datasetCount += 1;
    const { id, version } = GASTRIC_BIOPSY_LABEL_SET;
    return (await createDataset(server.db, { name: `gastric ${datasetCount}`, description: '', labelSetId: id, labelSetVersion: version }, null, server.now().toISOString())).id;
  }

  async function upload(datasetId: string, name: string, bytes: Buffer, contentType = 'image/tiff', as: SignedIn = admin): Promise<ImportJob> {
    const response = await server.app.inject({
      method: 'POST',
      url: `/api/datasets/${datasetId}/files`,
      headers: { ...as.auth, 'content-type': contentType, 'x-file-name': encodeURIComponent(name) },
      payload: bytes,
    });
    expect(response.statusCode, response.body).toBe(202);
    return json<ImportJob>(response);
  }

  /** The job once the server's queue has run everything it holds. */
  async function finished(job: Pick<ImportJob, 'id'>): Promise<ImportJob> {
    await server.app.ctx.importJobs.idle();
    const response = await server.app.inject({ method: 'GET', url: `/api/import-jobs/${job.id}`, headers: admin.auth });
    expect(response.statusCode, response.body).toBe(200);
    return json<ImportJob>(response);
  }

  async function itemsOf(datasetId: string): Promise<ItemPage['items']> {
    return json<ItemPage>(await server.app.inject({ method: 'GET', url: `/api/datasets/${datasetId}/items`, headers: admin.auth })).items;
  }

  it('answers an SVS upload with a queued job, which ends done with the per-file report; the same file again ends as a duplicate', async () => {
    const datasetId = await newDataset();
    const job = await upload(datasetId, `生検 ${SVS}`, svs);
    expect(job).toMatchObject({ datasetId, fileName: `生検 ${SVS}`, state: 'queued' });

    const done = await finished(job);
    if (done.state !== 'done') throw new Error(JSON.stringify(done));
    const [outcome] = done.report.outcomes;
    if (outcome?.status !== 'imported') throw new Error(JSON.stringify(done.report));
    expect(done.report.itemIds).toEqual([outcome.itemId]);
    const detail = json<ItemDetail>(await server.app.inject({ method: 'GET', url: `/api/items/${outcome.itemId}`, headers: admin.auth }));
    expect(detail.item).toMatchObject({ title: '生検 CMU-1-Small-Region', content: { kind: 'slide', scanner: 'Aperio', objectivePower: 20 } });

    server.advance(1000);
    const again = await finished(await upload(datasetId, SVS, svs));
    expect(again).toMatchObject({ state: 'done', report: { outcomes: [{ file: SVS, status: 'duplicate', itemId: outcome.itemId }], itemIds: [] } });
    const listed = json<ImportJob[]>(await server.app.inject({ method: 'GET', url: `/api/datasets/${datasetId}/import-jobs`, headers: admin.auth }));
    expect(listed.map((j) => [j.id, j.state])).toEqual([
      [again.id, 'done'],
      [job.id, 'done'],
    ]);
  });

  it('fails the job of a truncated slide with its code and sentence, whatever the media type it came as, and keeps no item of it', async () => {
    const datasetId = await newDataset();
    const failed = await finished(await upload(datasetId, 'cut.svs', svs.subarray(0, 500_000), 'application/dicom'));
    if (failed.state !== 'failed') throw new Error(JSON.stringify(failed));
    expect(failed.code).toBe('slideTruncated');
    expect(failed.reason).toMatch(/\w+ \w+/);
    expect(failed.report.outcomes).toEqual([{ file: 'cut.svs', status: 'refused', code: 'slideTruncated', reason: failed.reason }]);
    expect(await itemsOf(datasetId)).toEqual([]);
  });

  it('fails at start-up a job a stopped server left building, with a sentence, and imports the slide when retried', async () => {
    const datasetId = await newDataset();
    const source = await server.blobs.put(Readable.from([svs]));
    const stopped = await insertImportJob(server.db, { datasetId, createdBy: admin.user.id, fileName: SVS, kind: 'file', source }, 'a stopped instance', server.now().toISOString());
    await markBuilding(server.db, stopped.id, 'a stopped instance', { phase: 'tiles', percent: 40 }, server.now().toISOString());

    // Its instance beats no more: a start after the lease fails it.
    server.advance(DEFAULT_IMPORT_JOB_LEASE_MS + 1);
    await bootstrap(server.db, { dataDir: server.dataDir, blobs: server.blobs, demo: false, now: server.now });
    const failed = await finished(stopped);
    expect(failed).toMatchObject({ state: 'failed', code: 'serverStopped', reason: SERVER_STOPPED_REASON });
    expect(await itemsOf(datasetId)).toEqual([]);

    const retried = await server.app.inject({ method: 'POST', url: `/api/import-jobs/${stopped.id}/retry`, headers: admin.auth });
    expect(retried.statusCode, retried.body).toBe(202);
    expect(json<ImportJob>(retried).state).toBe('queued');
    const done = await finished(json<ImportJob>(retried));
    expect(done).toMatchObject({ state: 'done', report: { outcomes: [{ file: SVS, status: 'imported' }] } });
    expect(await itemsOf(datasetId)).toHaveLength(1);
    const doneAgain = await server.app.inject({ method: 'POST', url: `/api/import-jobs/${stopped.id}/retry`, headers: admin.auth });
    expect(doneAgain.statusCode).toBe(409);
  });

  it('shows a job to admins and its uploader only', async () => {
    const datasetId = await newDataset();
    const uploader = await server.signIn(`uploader-${dialect}`, ['admin']);
    const job = await finished(await upload(datasetId, 'cut.svs', svs.subarray(0, 100_000), 'image/tiff', uploader));
    const annotator = await server.signIn(`annotator-${dialect}`, ['annotator']);
    const otherAdmin = await server.signIn(`admin-${dialect}`, ['admin']);
    const get = (url: string, headers: Record<string, string> = {}) => server.app.inject({ method: 'GET', url, headers });
    // The uploader is no longer an admin: their own job still, the dataset's list no more.
    await server.db.updateTable('users').set({ roles: JSON.stringify(['annotator']) }).where('id', '=', uploader.user.id).execute();
    expect(json<ImportJob>(await get(`/api/import-jobs/${job.id}`, uploader.auth)).state).toBe('failed');
    expect((await get(`/api/datasets/${datasetId}/import-jobs`, uploader.auth)).statusCode).toBe(403);
    expect((await get(`/api/import-jobs/${job.id}`)).statusCode).toBe(401);
    expect((await get(`/api/import-jobs/${job.id}`, annotator.auth)).statusCode).toBe(404);
    expect((await get(`/api/datasets/${datasetId}/import-jobs`, annotator.auth)).statusCode).toBe(403);
    expect((await server.app.inject({ method: 'POST', url: `/api/import-jobs/${job.id}/retry`, headers: annotator.auth })).statusCode).toBe(403);
    expect(json<ImportJob>(await get(`/api/import-jobs/${job.id}`, otherAdmin.auth)).state).toBe('failed');
    expect((await get(`/api/import-jobs/${crypto.randomUUID()}`, admin.auth)).statusCode).toBe(404);
    expect((await get(`/api/datasets/${crypto.randomUUID()}/import-jobs`, admin.auth)).statusCode).toBe(404);
  });

  it('cancels a running job for its uploader or an admin only: a PACS pull stops and ends cancelled; an ended job cannot be', async () => {
    const datasetId = await newDataset();
    const pacs = await startHeldPacs();
    try {
      const pulled = await server.app.inject({
        method: 'POST',
        url: `/api/datasets/${datasetId}/dicomweb-pull`,
        headers: admin.auth,
        payload: { baseUrl: pacs.baseUrl, studyInstanceUid: '1.2.3.4' },
      });
      expect(pulled.statusCode, pulled.body).toBe(202);
      const job = json<ImportJob>(pulled);
      await pacs.asked;
      const cancel = (headers: Record<string, string> = {}) => server.app.inject({ method: 'POST', url: `/api/import-jobs/${job.id}/cancel`, headers });
      const annotator = await server.signIn(`cancel-annotator-${dialect}`, ['annotator']);
      expect((await cancel()).statusCode).toBe(401);
      expect((await cancel(annotator.auth)).statusCode).toBe(404);

      const running = await server.app.inject({ method: 'GET', url: `/api/import-jobs/${job.id}`, headers: admin.auth });
      expect(json<ImportJob>(running)).toMatchObject({ state: 'building', cancelRequested: false });
      const stopping = await cancel(admin.auth);
      expect(stopping.statusCode, stopping.body).toBe(202);
      expect(json<ImportJob>(stopping)).toMatchObject({ state: 'building', cancelRequested: true });
      // Every answer says the cancel is under way, so a reloaded table offers no second Cancel.
      const shown = await server.app.inject({ method: 'GET', url: `/api/import-jobs/${job.id}`, headers: admin.auth });
      expect(json<ImportJob>(shown)).toMatchObject({ state: 'building', cancelRequested: true });
      const listed = await server.app.inject({ method: 'GET', url: `/api/datasets/${datasetId}/import-jobs`, headers: admin.auth });
      expect(json<ImportJob[]>(listed)).toMatchObject([{ id: job.id, state: 'building', cancelRequested: true }]);
      pacs.release();
      const ended = await finished(job);
      expect(ended).toMatchObject({ state: 'cancelled', report: { outcomes: [{ file: job.fileName, status: 'refused', reason: CANCELLED_REASON }], itemIds: [] } });
      const again = await cancel(admin.auth);
      expect([again.statusCode, json<{ error: string }>(again).error]).toEqual([409, 'job_not_running']);
    } finally {
      pacs.release();
      await pacs.close();
    }
  });
});
