/**
 * Searching a real PACS (Orthanc, two studies stored) before a pull, through the admin API: the
 * search lists both studies with what the admin picks by; pulling one picked study pulls only it;
 * a wrong password and an unreachable PACS answer the pull's sentences; and neither the password
 * nor anything of the answer reaches the server's log.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DicomwebQueryAnswer, ImportJob, PacsStudy } from '../../src/core/api';
import { startDroppingProxy } from '../testing/droppingProxy';
import { hasOrthanc, startOrthanc, type RunningOrthanc } from '../testing/orthanc';
import { hasSampleData, sampleDataDir } from '../testing/sampleData';
import { testDialects } from '../testing/testDatabase';
import { startTestServer, type SignedIn, type TestServer } from '../testing/testServer';
import { queryPacsStudies } from './pacsQuery';

const ready = hasOrthanc() && hasSampleData();
if (!ready) console.warn('PACS search test did not run: it needs Orthanc (apt-get install orthanc orthanc-dicomweb) and the sample data.');

/** The two studies as their files say (dcmdump): the head-CT series and one small CT slice. */
const HEAD: PacsStudy = {
  studyInstanceUid: '1.2.826.0.1.3680043.9.4245.1760717064491086528325869788156915668',
  studyDate: null,
  description: 'HEAD',
  modalities: ['CT'],
  seriesCount: 1,
  instanceCount: 28,
  accessionNumber: null,
  patientId: 'QMNx85rKkkg',
};
const SMALL: PacsStudy = {
  studyInstanceUid: '1.3.6.1.4.1.5962.1.2.1.20040119072730.12322',
  studyDate: '20040119',
  description: 'e+1',
  modalities: ['CT'],
  seriesCount: 1,
  instanceCount: 1,
  accessionNumber: null,
  patientId: '1CT1',
};
const PASSWORD = 'pacs-secret-4711';

describe.runIf(ready).each(testDialects('PACS search'))('searching Orthanc before a pull on %s', (dialect) => {
  let orthanc: RunningOrthanc;
  let guarded: RunningOrthanc;
  let server: TestServer;
  let admin: SignedIn;
  const logged: string[] = [];

  beforeAll(async () => {
    orthanc = await startOrthanc();
    const head = join(sampleDataDir(), 'radiology', 'ct-head-series-ge');
    for (const name of (await readdir(head)).filter((file) => file.endsWith('.dcm'))) await orthanc.store(await readFile(join(head, name)));
    await orthanc.store(await readFile(join(sampleDataDir(), 'radiology', 'dicom-singles', 'ct_small_128px.dcm')));
    guarded = await startOrthanc({ AuthenticationEnabled: true, RegisteredUsers: { alice: PASSWORD } });
    server = await startTestServer(dialect, { logger: { stream: { write: (line) => void logged.push(line) } } });
    admin = await server.signIn('admin', ['admin']);
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
    await guarded?.stop();
    await orthanc?.stop();
  });

  const search = (datasetId: string, payload: object) => server.app.inject({ method: 'POST', url: `/api/datasets/${datasetId}/dicomweb-query`, headers: admin.auth, payload });

  it('lists both studies with their date, description, modalities, counts, accession number and patient ID', async () => {
    const { datasetId } = await server.seedDataset();
    const response = await search(datasetId, { baseUrl: orthanc.dicomWeb, query: { ModalitiesInStudy: 'CT' } });
    expect(response.statusCode, response.body).toBe(200);
    const answer = response.json() as DicomwebQueryAnswer;
    expect(answer.more).toBe(false);
    const byUid = (a: PacsStudy, b: PacsStudy) => a.studyInstanceUid.localeCompare(b.studyInstanceUid);
    expect([...answer.studies].sort(byUid)).toEqual([HEAD, SMALL].sort(byUid));

    const one = await search(datasetId, { baseUrl: orthanc.dicomWeb, query: { PatientID: '1CT1' } });
    expect((one.json() as DicomwebQueryAnswer).studies).toEqual([SMALL]);
  }, 60_000);

  it('says when more studies matched than it lists', async () => {
    const { studies, more } = await queryPacsStudies(orthanc.dicomWeb, {}, { ModalitiesInStudy: 'CT' }, 1);
    expect(studies).toHaveLength(1);
    expect(more).toBe(true);
  });

  it('pulls exactly the picked study, as one job', async () => {
    const { datasetId } = await server.seedDataset();
    const started = await server.app.inject({ method: 'POST', url: `/api/datasets/${datasetId}/dicomweb-pull`, headers: admin.auth, payload: { baseUrl: orthanc.dicomWeb, studyInstanceUids: [SMALL.studyInstanceUid] } });
    expect(started.statusCode, started.body).toBe(202);
    await server.app.ctx.importJobs.idle();
    const job = (await server.app.inject({ method: 'GET', url: `/api/import-jobs/${(started.json() as ImportJob).id}`, headers: admin.auth })).json() as ImportJob;
    if (job.state !== 'done') throw new Error(`the pull ended ${job.state}: ${JSON.stringify(job)}`);
    expect(job.fileName).toMatch(new RegExp(`: study ${SMALL.studyInstanceUid.replaceAll('.', '\\.')}$`));
    expect(job.report.outcomes.map((outcome) => outcome.status)).toEqual(['imported']);
    const studies = await server.db.selectFrom('items').select('study_uid').where('dataset_id', '=', datasetId).where('study_uid', 'in', [HEAD.studyInstanceUid, SMALL.studyInstanceUid]).execute();
    expect(studies).toEqual([{ study_uid: SMALL.studyInstanceUid }]);
  }, 60_000);

  it('refuses picked studies that are not UIDs, too many of them, or given with a query', async () => {
    const { datasetId } = await server.seedDataset();
    const pull = (payload: object) => server.app.inject({ method: 'POST', url: `/api/datasets/${datasetId}/dicomweb-pull`, headers: admin.auth, payload: { baseUrl: orthanc.dicomWeb, ...payload } });
    expect((await pull({ studyInstanceUids: ['1.2.3', 'DROP TABLE'] })).statusCode).toBe(400);
    expect((await pull({ studyInstanceUids: Array.from({ length: 101 }, (_, i) => `1.2.${i}`) })).statusCode).toBe(400);
    expect((await pull({ studyInstanceUids: [] })).statusCode).toBe(400);
    const mixed = await pull({ studyInstanceUids: ['1.2.3'], query: { PatientID: 'x' } });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json()).toMatchObject({ message: expect.stringContaining('not more than one') });
  });

  it('answers a wrong password and an unreachable PACS with the sentences the pull gives', async () => {
    const { datasetId } = await server.seedDataset();
    const refused = await search(datasetId, { baseUrl: guarded.dicomWeb, username: 'alice', password: `${PASSWORD}-wrong`, query: { PatientID: '*' } });
    expect(refused.statusCode).toBe(502);
    expect(refused.json()).toEqual({ error: 'pacs_failed', message: 'the PACS answered 401 Unauthorized to the study query' });
    const allowed = await search(datasetId, { baseUrl: guarded.dicomWeb, username: 'alice', password: PASSWORD, query: { PatientID: '*' } });
    expect(allowed.json()).toEqual({ studies: [], more: false });

    const stopped = await startDroppingProxy(orthanc.url, 0);
    await stopped.stop();
    const unreachable = await search(datasetId, { baseUrl: `${stopped.url}/dicom-web`, query: { PatientID: '*' } });
    expect(unreachable.statusCode).toBe(502);
    expect(unreachable.json()).toMatchObject({ error: 'pacs_failed', message: expect.stringContaining('the PACS cannot be reached or stopped answering during the study query') });
  }, 60_000);

  it('logs neither the password nor anything of the answer', async () => {
    server.app.log.warn('log probe');
    const log = logged.join('');
    // The probe shows the log is read; what follows shows what the searches above did not leave in it.
    expect(log).toContain('log probe');
    for (const secret of [PASSWORD, HEAD.studyInstanceUid, SMALL.studyInstanceUid, HEAD.patientId, SMALL.patientId, 'HEAD', 'e+1']) expect(log).not.toContain(secret);
  });
});
