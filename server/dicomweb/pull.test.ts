/** Pulling a study from a real PACS (Orthanc) into a dataset through the admin API. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/core/api';
import { hasOrthanc, startOrthanc, type RunningOrthanc } from '../testing/orthanc';
import { hasSampleData, sampleDataDir } from '../testing/sampleData';
import { startTestServer, type SignedIn, type TestServer } from '../testing/testServer';

const ready = hasOrthanc() && hasSampleData();
if (!ready) console.warn('DICOMweb pull test did not run: it needs Orthanc (apt-get install orthanc orthanc-dicomweb) and the sample data (radiology/ct-head-series-ge).');

describe.skipIf(!ready)('pulling a study from Orthanc', () => {
  let orthanc: RunningOrthanc;
  let server: TestServer;
  let admin: SignedIn;
  let studyUid: string;
  const folder = join(sampleDataDir(), 'radiology', 'ct-head-series-ge');

  beforeAll(async () => {
    orthanc = await startOrthanc();
    const names = (await readdir(folder)).filter((name) => name.endsWith('.dcm')).sort();
    for (const name of names) await orthanc.store(await readFile(join(folder, name)));
    const studies = (await (await fetch(`${orthanc.dicomWeb}/studies`)).json()) as Record<string, { Value?: string[] }>[];
    studyUid = studies[0]?.['0020000D']?.Value?.[0] as string;
    server = await startTestServer('sqlite');
    admin = await server.signIn('admin', ['admin']);
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
    await orthanc?.stop();
  });

  it('imports every instance of the study into one series item', async () => {
    const { datasetId } = await server.seedDataset();
    const response = await server.app.inject({
      method: 'POST',
      url: `/api/datasets/${datasetId}/dicomweb-pull`,
      headers: admin.auth,
      payload: { baseUrl: `${orthanc.dicomWeb}/`, studyInstanceUid: studyUid },
    });
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json() as ImportReport;
    expect(report.outcomes.filter((o) => o.status === 'imported')).toHaveLength(28);
    expect(report.itemIds).toHaveLength(1);
    const item = await server.db.selectFrom('items').select(['study_uid', 'target_count']).where('id', '=', report.itemIds[0] as string).executeTakeFirstOrThrow();
    expect(item).toEqual({ study_uid: studyUid, target_count: 28 });

    const again = (await server.app.inject({ method: 'POST', url: `/api/datasets/${datasetId}/dicomweb-pull`, headers: admin.auth, payload: { baseUrl: orthanc.dicomWeb, query: { StudyInstanceUID: studyUid } } })).json() as ImportReport;
    expect(again.outcomes.every((o) => o.status === 'duplicate')).toBe(true);
  }, 120_000);
});
