/**
 * Pulling a study from a real PACS (Orthanc) into a dataset through the admin API, as an import
 * job: answered at once, then followed to its end; a PACS whose connection drops mid-study leaves
 * the instances that came in the dataset and says what did not come; a dataset that requires
 * de-identification refuses the PACS's identified instances one by one.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DicomwebPullRequest, ImportJob } from '../../src/core/api';
import { startDroppingProxy, type DroppingProxy } from '../testing/droppingProxy';
import { hasOrthanc, startOrthanc, type RunningOrthanc } from '../testing/orthanc';
import { hasSampleData, sampleDataDir } from '../testing/sampleData';
import { testDialects } from '../testing/testDatabase';
import { startTestServer, type SignedIn, type TestServer } from '../testing/testServer';

const ready = hasOrthanc() && hasSampleData();
if (!ready) console.warn('DICOMweb pull test did not run: it needs Orthanc (apt-get install orthanc orthanc-dicomweb) and the sample data (radiology/ct-head-series-ge).');

const INSTANCES = 28;

describe.runIf(ready).each(testDialects('DICOMweb pull'))('pulling a study from Orthanc on %s', (dialect) => {
  let orthanc: RunningOrthanc;
  let proxy: DroppingProxy;
  let server: TestServer;
  let admin: SignedIn;
  let studyUid: string;
  let studyBytes = 0;
  const folder = join(sampleDataDir(), 'radiology', 'ct-head-series-ge');

  beforeAll(async () => {
    orthanc = await startOrthanc();
    const names = (await readdir(folder)).filter((name) => name.endsWith('.dcm')).sort();
    for (const name of names) {
      await orthanc.store(await readFile(join(folder, name)));
      studyBytes += (await stat(join(folder, name))).size;
    }
    const studies = (await (await fetch(`${orthanc.dicomWeb}/studies`)).json()) as Record<string, { Value?: string[] }>[];
    studyUid = studies[0]?.['0020000D']?.Value?.[0] as string;
    // Cut each retrieve a little past its fifth instance (the slices are all the same size).
    proxy = await startDroppingProxy(orthanc.url, Math.round((studyBytes / names.length) * 5.5));
    server = await startTestServer(dialect);
    admin = await server.signIn('admin', ['admin']);
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
    await proxy?.stop();
    await orthanc?.stop();
  });

  /** Starts a pull, checks it is answered at once with its queued job, and gives the job as it ended. */
  async function pull(datasetId: string, request: DicomwebPullRequest): Promise<ImportJob> {
    const response = await server.app.inject({ method: 'POST', url: `/api/datasets/${datasetId}/dicomweb-pull`, headers: admin.auth, payload: request });
    expect(response.statusCode, response.body).toBe(202);
    const started = response.json() as ImportJob;
    expect(started).toMatchObject({ datasetId, kind: 'dicomwebPull', state: 'queued' });
    expect(started.fileName).toMatch(/^127\.0\.0\.1:\d+: (study|query)/);
    await server.app.ctx.importJobs.idle();
    return (await server.app.inject({ method: 'GET', url: `/api/import-jobs/${started.id}`, headers: admin.auth })).json() as ImportJob;
  }

  const countsOf = (jobId: string) => server.db.selectFrom('import_jobs').select(['done_count', 'total_count', 'done_bytes']).where('id', '=', jobId).executeTakeFirstOrThrow();
  const itemOf = (datasetId: string) => server.db.selectFrom('items').select(['study_uid', 'target_count']).where('dataset_id', '=', datasetId).where('study_uid', '=', studyUid).executeTakeFirst();

  it('imports every instance of the study into one series item, counting instances and bytes, and finds them all there the second time', async () => {
    const { datasetId } = await server.seedDataset();
    const job = await pull(datasetId, { baseUrl: `${orthanc.dicomWeb}/`, studyInstanceUid: studyUid });
    if (job.state !== 'done') throw new Error(`the pull ended ${job.state}: ${JSON.stringify(job)}`);
    expect(job.report.outcomes.filter((o) => o.status === 'imported')).toHaveLength(INSTANCES);
    expect(job.report.itemIds).toHaveLength(1);
    expect(await itemOf(datasetId)).toEqual({ study_uid: studyUid, target_count: INSTANCES });
    const counts = await countsOf(job.id);
    expect({ done: Number(counts.done_count), total: Number(counts.total_count), bytes: Number(counts.done_bytes) }).toEqual({ done: INSTANCES, total: INSTANCES, bytes: studyBytes });

    const again = await pull(datasetId, { baseUrl: orthanc.dicomWeb, query: { StudyInstanceUID: studyUid } });
    if (again.state !== 'done') throw new Error(`the second pull ended ${again.state}`);
    expect(again.report.outcomes).toHaveLength(INSTANCES);
    expect(again.report.outcomes.every((o) => o.status === 'duplicate')).toBe(true);
  }, 120_000);

  it('keeps the instances that came when the PACS drops mid-study, says what did not come, and a second pull brings the rest', async () => {
    const { datasetId } = await server.seedDataset();
    const drops = proxy.drops();
    const cut = await pull(datasetId, { baseUrl: `${proxy.url}/dicom-web`, studyInstanceUid: studyUid });
    expect(proxy.drops()).toBe(drops + 1);
    if (cut.state !== 'done') throw new Error(`the cut pull ended ${cut.state}: ${JSON.stringify(cut)}`);
    const kept = cut.report.outcomes.filter((o) => o.status === 'imported').length;
    expect(kept).toBeGreaterThanOrEqual(4);
    expect(kept).toBeLessThan(INSTANCES);
    const refused = cut.report.outcomes.filter((o) => o.status === 'refused');
    expect(refused).toEqual([{ file: `studies/${studyUid}`, status: 'refused', reason: expect.stringMatching(new RegExp(`(stopped answering|cannot be read).*; ${kept} instances of it had arrived and are kept$`)) }]);
    expect(await itemOf(datasetId)).toEqual({ study_uid: studyUid, target_count: kept });

    const rest = await pull(datasetId, { baseUrl: orthanc.dicomWeb, studyInstanceUid: studyUid });
    if (rest.state !== 'done') throw new Error(`the second pull ended ${rest.state}`);
    expect(rest.report.outcomes.filter((o) => o.status === 'duplicate')).toHaveLength(kept);
    expect(rest.report.outcomes.filter((o) => o.status === 'imported')).toHaveLength(INSTANCES - kept);
    expect(await itemOf(datasetId)).toEqual({ study_uid: studyUid, target_count: INSTANCES });
  }, 120_000);

  it('fails the job with the first refusal when the PACS cannot be reached at all', async () => {
    const { datasetId } = await server.seedDataset();
    const stopped = await startDroppingProxy(orthanc.url, 0);
    await stopped.stop();
    const job = await pull(datasetId, { baseUrl: `${stopped.url}/dicom-web`, query: { StudyDate: '20240101' } });
    expect(job).toMatchObject({ state: 'failed', code: 'importFailed', reason: expect.stringContaining('the PACS cannot be reached or stopped answering during the study query') });
  }, 60_000);

  it('refuses each identified instance under a de-identification policy, and fails the job when none came in', async () => {
    const { datasetId } = await server.seedDataset();
    const policy = await server.app.inject({
      method: 'PUT',
      url: `/api/datasets/${datasetId}/deid-policy`,
      headers: admin.auth,
      payload: { mode: 'required', options: { temporal: 'off', retainPatientCharacteristics: false, retainDeviceIdentity: false, cleanDescriptors: true, cleanStructuredContent: false, retainSafePrivate: false } },
    });
    expect(policy.statusCode, policy.body).toBe(200);
    const job = await pull(datasetId, { baseUrl: orthanc.dicomWeb, studyInstanceUid: studyUid });
    if (job.state !== 'failed') throw new Error(`the pull ended ${job.state}`);
    expect(job.code).toBe('stillIdentifying');
    expect(job.report.outcomes).toHaveLength(INSTANCES);
    expect(job.report.outcomes.every((o) => o.status === 'refused' && o.code === 'stillIdentifying')).toBe(true);
    expect(await itemOf(datasetId)).toBeUndefined();
  }, 120_000);
});
