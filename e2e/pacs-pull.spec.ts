/**
 * A pull from a real PACS (Orthanc, with the sample head-CT series in it) through the admin's
 * *Pull from a PACS* form (an admin-only task, so signed in as the admin): the pull becomes an
 * import job whose row ends done, and the form shows the per-instance report of the pull it started;
 * a search lists the PACS's studies, and the one picked is the one pulled; into a dataset that
 * requires de-identification, the PACS's identified instances come in de-identified, and the
 * admin's de-identification reports list them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasOrthanc, startOrthanc, type RunningOrthanc } from '../server/testing/orthanc';
import { hasSampleData, sampleDataDir } from '../server/testing/sampleData';
import { PHI_UIDS, phiCtSlice } from '../src/core/deid/testing/phiDicom';
import { SAH_SLICE_LABEL_SET } from '../src/core/labelSets/builtin';
import type { Page } from '@playwright/test';
import { byTestId, expect, serverApi, signIn, test, type Mejirushi } from './fixtures/mejirushi';

const ready = hasOrthanc() && hasSampleData();
if (!ready) console.log('pacs-pull.spec.ts skipped: it needs Orthanc (apt-get install orthanc orthanc-dicomweb) and the sample data');
test.skip(!ready, 'needs Orthanc and the sample data');

const INSTANCES = 28;

/** Orthanc holding the sample head-CT series, and the other sample files named (under radiology/). */
async function startPacs(...others: readonly string[]): Promise<RunningOrthanc> {
  const orthanc = await startOrthanc();
  const folder = join(sampleDataDir(), 'radiology', 'ct-head-series-ge');
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.dcm'))) await orthanc.store(readFileSync(join(folder, name)));
  for (const other of others) await orthanc.store(readFileSync(join(sampleDataDir(), 'radiology', other)));
  return orthanc;
}

/** A new dataset, and the admin's pull form open on it with the PACS's URL filled in. */
async function openPullForm(page: Page, mejirushi: Mejirushi, orthanc: RunningOrthanc, datasetName: string) {
  const admin = await serverApi(mejirushi.url, mejirushi.admin);
  const dataset = await admin.createDataset({ name: datasetName, labelSetId: SAH_SLICE_LABEL_SET.id, labelSetVersion: SAH_SLICE_LABEL_SET.version });
  await signIn(page, mejirushi.admin);
  await byTestId(page, 'nav-admin').click();
  await byTestId(page, 'pacs-dataset').selectOption({ label: dataset.name });
  await byTestId(page, 'pacs-base-url').fill(orthanc.dicomWeb);
  return { admin, dataset };
}

test('an admin pulls a study from a PACS: the pull runs as an import job and its report lists every instance', async ({ page, mejirushi }) => {
  let orthanc: RunningOrthanc | null = null;
  try {
    orthanc = await startPacs();
    const studies = (await (await fetch(`${orthanc.dicomWeb}/studies`)).json()) as Record<string, { Value?: string[] }>[];
    const studyUid = studies[0]?.['0020000D']?.Value?.[0] as string;

    const { admin, dataset } = await openPullForm(page, mejirushi, orthanc, 'Pulled head CT');
    await byTestId(page, 'pacs-study').fill(studyUid);
    await byTestId(page, 'pacs-submit').click();

    const job = byTestId(page, 'pacs-jobs').locator('tbody tr');
    await expect(job).toHaveCount(1);
    await expect(job).toContainText(`study ${studyUid}`);
    await expect(job).toHaveAttribute('data-state', 'done');
    await expect(job).toContainText(`${INSTANCES} instances imported, 0 already in the dataset, 0 refused`);
    await expect(byTestId(page, 'pacs-summary')).toHaveText(`${INSTANCES} files: ${INSTANCES} imported, 0 refused`);
    await expect(byTestId(page, 'pacs-report').locator('tbody tr[data-status="imported"]')).toHaveCount(INSTANCES);

    const { items } = await admin.listItems(dataset.id);
    expect(items.map((item) => item.progress.total)).toEqual([INSTANCES]);
  } finally {
    await orthanc?.stop();
  }
});

test('an admin searches a PACS, picks one of the studies it lists, and only that study is pulled', async ({ page, mejirushi }) => {
  let orthanc: RunningOrthanc | null = null;
  try {
    orthanc = await startPacs(join('dicom-singles', 'ct_small_128px.dcm'));
    // The small CT slice's study, as its file says (dcmdump).
    const smallUid = '1.3.6.1.4.1.5962.1.2.1.20040119072730.12322';

    const { admin, dataset } = await openPullForm(page, mejirushi, orthanc, 'Picked from the PACS');
    await byTestId(page, 'pacs-scope-query').check();
    await byTestId(page, 'pacs-query').fill('ModalitiesInStudy=CT');
    await byTestId(page, 'pacs-search').click();

    const found = byTestId(page, 'pacs-found').locator('tbody tr');
    await expect(found).toHaveCount(2);
    await expect(byTestId(page, 'pacs-found-summary')).toHaveText('2 studies matched. Pick those to pull.');
    const small = byTestId(page, 'pacs-found').locator(`tr[data-study="${smallUid}"]`);
    await expect(small).toContainText('20040119');
    await expect(small).toContainText('1CT1');
    await expect(small).toContainText('1 / 1');
    await expect(byTestId(page, 'pacs-pull-picked')).toBeDisabled();
    await byTestId(page, 'pacs-pick-all').check();
    await expect(byTestId(page, 'pacs-pull-picked')).toHaveText('Pull selected (2)');
    await byTestId(page, 'pacs-pick-all').uncheck();
    await small.locator('[data-testid="pacs-pick"]').check();
    await byTestId(page, 'pacs-pull-picked').click();

    const job = byTestId(page, 'pacs-jobs').locator('tbody tr');
    await expect(job).toHaveCount(1);
    await expect(job).toContainText(`study ${smallUid}`);
    await expect(job).toHaveAttribute('data-state', 'done');
    await expect(byTestId(page, 'pacs-summary')).toHaveText('1 files: 1 imported, 0 refused');

    const { items } = await admin.listItems(dataset.id);
    expect(items.map((item) => item.progress.total)).toEqual([1]);
  } finally {
    await orthanc?.stop();
  }
});

test('a pull into a dataset that requires de-identification stores the instances de-identified, and the reports table lists them', async ({ page, mejirushi }) => {
  let orthanc: RunningOrthanc | null = null;
  try {
    orthanc = await startPacs();
    // The generated PHI corpus: three slices that de-identify, and one whose Burned In Annotation says YES.
    for (const slice of [0, 1, 2]) await orthanc.store(phiCtSlice(slice));
    await orthanc.store(phiCtSlice(3, (dataSet) => (dataSet['00280301'] = { vr: 'CS', Value: ['YES'] })));

    const { admin, dataset } = await openPullForm(page, mejirushi, orthanc, 'Pulled and de-identified');
    await admin.setDeidPolicy(dataset.id, {
      mode: 'required',
      options: { temporal: 'modifiedDates', retainPatientCharacteristics: false, retainDeviceIdentity: false, cleanDescriptors: true, cleanStructuredContent: false, retainSafePrivate: false },
    });
    await byTestId(page, 'pacs-study').fill(PHI_UIDS.study);
    await byTestId(page, 'pacs-submit').click();

    const job = byTestId(page, 'pacs-jobs').locator('tbody tr');
    await expect(job).toHaveCount(1);
    await expect(job).toHaveAttribute('data-state', 'done');
    // Named without the PACS's UID, which identifies as much as the patient's name.
    await expect(job).toContainText('one study');
    await expect(job).not.toContainText(PHI_UIDS.study);
    await expect(byTestId(page, 'pacs-summary')).toHaveText('4 files: 3 imported, 1 refused');
    await expect(byTestId(page, 'pacs-report').locator('tbody tr[data-status="refused"]')).toContainText('burned-in text');

    const reports = await admin.listDeidReports(dataset.id);
    expect(reports).toHaveLength(3);
    for (const report of reports) await expect(byTestId(page, 'pacs-report').locator('tbody tr[data-status="imported"]', { hasText: report.sopInstanceUid })).toHaveCount(1);

    // The reports as the admin reads them: loaded afresh, the dataset chosen in the panel.
    await page.reload();
    await byTestId(page, 'nav-admin').click();
    await byTestId(page, 'deid-dataset').selectOption({ label: dataset.name });
    const rows = byTestId(page, 'deid-reports').locator('[data-testid="deid-report-row"] td.file-name');
    await expect(rows).toHaveText(reports.map((report) => report.sopInstanceUid));
  } finally {
    await orthanc?.stop();
  }
});
