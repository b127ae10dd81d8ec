/**
 * Pulling a study from a real PACS (Orthanc) into a dataset through the admin API, as an import
 * job: answered at once, then followed to its end; a PACS whose connection drops mid-study leaves
 * the instances that came in the dataset and says what did not come; into a dataset that requires
 * de-identification, the PACS's identified instances (the generated PHI corpus) are de-identified
 * on the server with the project key, and not one PHI string reaches the database, the blobs, the
 * log or the job's answer.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DicomwebPullRequest, ImportJob } from '../../src/core/api';
import { importDeidKey, keyedUid } from '../../src/core/deid/keyedHash';
import { BASIC_PROFILE_ONLY, type DeidOptions } from '../../src/core/deid/policy';
import { PHI_UIDS, phiCtSlice } from '../../src/core/deid/testing/phiDicom';
import { listDeidReports, PROJECT_KEY_ID, readDeidKey } from '../deid/policies';
import { startDroppingProxy, type DroppingProxy } from '../testing/droppingProxy';
import { hasOrthanc, startOrthanc, type RunningOrthanc } from '../testing/orthanc';
import { phiIn, phiUnder } from '../testing/phiSearch';
import { hasSampleData, sampleDataDir } from '../testing/sampleData';
import { tableNames, testDialects } from '../testing/testDatabase';
import { startTestServer, type SignedIn, type TestServer } from '../testing/testServer';

const ready = hasOrthanc() && hasSampleData();
if (!ready) console.warn('DICOMweb pull test did not run: it needs Orthanc (apt-get install orthanc orthanc-dicomweb) and the sample data (radiology/ct-head-series-ge).');

const INSTANCES = 28;

/** The PHI corpus's slices in Orthanc: these de-identify; one more says Burned In Annotation YES. */
const PHI_SLICES = 3;

/** Dates shifted (so the reports say 113107) and descriptors cleaned, as a research dataset would ask. */
const OPTIONS: DeidOptions = { ...BASIC_PROFILE_ONLY, temporal: 'modifiedDates', cleanDescriptors: true };

describe.runIf(ready).each(testDialects('DICOMweb pull'))('pulling a study from Orthanc on %s', (dialect) => {
  let orthanc: RunningOrthanc;
  let proxy: DroppingProxy;
  let server: TestServer;
  let admin: SignedIn;
  let studyUid: string;
  let studyBytes = 0;
  const logged: string[] = [];
  const folder = join(sampleDataDir(), 'radiology', 'ct-head-series-ge');

  beforeAll(async () => {
    orthanc = await startOrthanc();
    const names = (await readdir(folder)).filter((name) => name.endsWith('.dcm')).sort();
    for (const name of names) {
      await orthanc.store(await readFile(join(folder, name)));
      studyBytes += (await stat(join(folder, name))).size;
    }
    for (let slice = 0; slice < PHI_SLICES; slice += 1) await orthanc.store(phiCtSlice(slice));
    await orthanc.store(phiCtSlice(PHI_SLICES, (dataSet) => (dataSet['00280301'] = { vr: 'CS', Value: ['YES'] })));
    const studies = (await (await fetch(`${orthanc.dicomWeb}/studies`)).json()) as Record<string, { Value?: string[] }>[];
    studyUid = studies.map((study) => study['0020000D']?.Value?.[0] as string).find((uid) => uid !== PHI_UIDS.study) as string;
    // Cut each retrieve a little past its fifth instance (the slices are all the same size).
    proxy = await startDroppingProxy(orthanc.url, Math.round((studyBytes / names.length) * 5.5));
    server = await startTestServer(dialect, { logger: { stream: { write: (line) => void logged.push(line) } } });
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
    expect(started.fileName).toMatch(/^127\.0\.0\.1:\d+: (study|query|one study|one series)/);
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

  /** A dataset of the project whose policy is `required` with OPTIONS. */
  async function requiredDataset(): Promise<string> {
    const { datasetId } = await server.seedDataset();
    const policy = await server.app.inject({ method: 'PUT', url: `/api/datasets/${datasetId}/deid-policy`, headers: admin.auth, payload: { mode: 'required', options: OPTIONS } });
    expect(policy.statusCode, policy.body).toBe(200);
    return datasetId;
  }

  /** The PHI study's UID as the project key makes it. */
  const newStudyUid = async () => keyedUid(importDeidKey((await readDeidKey(server.db, PROJECT_KEY_ID)) as Uint8Array<ArrayBuffer>), PHI_UIDS.study);

  /** The SOP Instance UIDs a dataset holds of the PHI study. */
  const phiStudyInstancesOf = async (datasetId: string) =>
    (await server.db.selectFrom('item_files').innerJoin('items', 'items.id', 'item_files.item_id').select('item_files.sop_instance_uid').where('items.dataset_id', '=', datasetId).where('items.study_uid', '=', await newStudyUid()).execute())
      .map((row) => row.sop_instance_uid)
      .sort();

  /** Every row of every table as JSON: the PostgreSQL database has no file to search. */
  async function everyRow(): Promise<Buffer> {
    const rows = [];
    for (const table of await tableNames(server.db)) rows.push(await server.db.selectFrom(table as 'items').selectAll().execute());
    return Buffer.from(JSON.stringify(rows));
  }

  it('de-identifies the identified instances it pulls into a dataset that requires it, with the project key, refuses the one it cannot, and stores no PHI anywhere', async () => {
    const first = await requiredDataset();
    const job = await pull(first, { baseUrl: orthanc.dicomWeb, studyInstanceUid: PHI_UIDS.study });
    if (job.state !== 'done') throw new Error(`the pull ended ${job.state}: ${JSON.stringify(job)}`);
    const newStudy = await newStudyUid();
    const imported = job.report.outcomes.filter((o) => o.status === 'imported');
    expect(imported).toHaveLength(PHI_SLICES);
    for (const outcome of imported) expect(outcome.file).toBe(`${outcome.sopInstanceUid as string}.dcm`);
    // Named by the study's new UID and its number in the retrieve, never by what identifies it.
    expect(job.report.outcomes.filter((o) => o.status === 'refused')).toEqual([
      {
        file: expect.stringMatching(new RegExp(`^studies/${newStudy.replace(/\./g, '\\.')}/\\d+\\.dcm$`)),
        status: 'refused',
        reason: expect.stringMatching(/burned-in text \(burnedInAnnotation\).*upload it through the admin screen's upload/),
      },
    ]);
    const stored = await phiStudyInstancesOf(first);
    expect(stored).toEqual(imported.map((o) => o.sopInstanceUid).sort());
    expect(stored.every((uid) => uid.startsWith('2.25.'))).toBe(true);
    const reports = await listDeidReports(server.db, first);
    expect(reports.map((report) => report.sopInstanceUid).sort()).toEqual(imported.map((o) => o.sopInstanceUid).sort());
    expect(reports.every((report) => report.methodCodes.includes('113107') && report.entries.some((entry) => entry.keyword === 'PatientName'))).toBe(true);

    // Another dataset of the project: the same new UIDs, so studies stay together across datasets.
    const second = await requiredDataset();
    const again = await pull(second, { baseUrl: orthanc.dicomWeb, studyInstanceUid: PHI_UIDS.study });
    if (again.state !== 'done') throw new Error(`the second pull ended ${again.state}`);
    expect(await phiStudyInstancesOf(second)).toEqual(stored);

    expect(phiIn(Buffer.from(JSON.stringify([job, again])))).toEqual([]);
    expect(phiIn(await everyRow())).toEqual([]);
    // The SQLite file (and its journal) and every blob.
    expect(phiUnder(server.dataDir)).toEqual([]);
    expect(phiIn(Buffer.from(logged.join('')))).toEqual([]);
  }, 120_000);

  it('fails the job with the refusal when no instance can be de-identified', async () => {
    const datasetId = await requiredDataset();
    const request = { baseUrl: orthanc.dicomWeb, studyInstanceUid: PHI_UIDS.study, seriesInstanceUid: PHI_UIDS.series };
    await server.app.inject({ method: 'PUT', url: `/api/datasets/${datasetId}/deid-policy`, headers: admin.auth, payload: { mode: 'required', options: { ...OPTIONS, burnedInCheck: 'all' } } });
    const job = await pull(datasetId, request);
    if (job.state !== 'failed') throw new Error(`the pull ended ${job.state}`);
    expect(job.report.outcomes).toHaveLength(PHI_SLICES + 1);
    expect(job.report.outcomes.every((o) => o.status === 'refused' && /burned-in text \((policy|burnedInAnnotation)\)/.test(o.reason))).toBe(true);
    expect(await phiStudyInstancesOf(datasetId)).toEqual([]);
    expect(await listDeidReports(server.db, datasetId)).toEqual([]);
  }, 120_000);
});
