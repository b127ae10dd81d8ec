/**
 * A slide into a dataset that requires de-identification, through the admin's upload form (only
 * admins import): the browser sends the file as it is, the server answers with a job that
 * de-identifies it, and the import jobs table follows it and cancels it. Two PACS pulls from a
 * stand-in PACS that holds its answers keep both of the server's job slots busy, so the slide's
 * job is queued for as long as the test needs; one pull is cancelled while it runs (the running job
 * the test can hold at a known point: admins alone import, so the admin drives it), shows
 * Cancelling… instead of Cancel, also after a reload, and ends cancelled. Once the PACS
 * answers, the slide uploaded again is de-identified and built, under a pseudonymous name, with
 * its objective power and scanner kept.
 */
import { statSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { startHeldPacs, type HeldPacs } from '../server/testing/heldPacs';
import { hasPathologySampleData, pathologySample } from '../server/testing/sampleData';
import type { ImportJob } from '../src/core/api';
import { GASTRIC_BIOPSY_LABEL_SET } from '../src/core/labelSets/builtin';
import { byTestId, expect, serverApi, signIn, test } from './fixtures/mejirushi';

const SVS = 'CMU-1-Small-Region.svs';

test.skip(!hasPathologySampleData(), `no ${SVS} in the sample data (set MEJIRUSHI_SAMPLE_DATA)`);

/** The upload form's import jobs table (the PACS panel lists the same dataset's pulls again). */
const jobsTable = (page: Page) => byTestId(page, 'import-jobs');

/**
 * Chooses the sample slide in the upload form and waits for its job, the newest of `jobsAfter`
 * rows of the import jobs table, which names it only as being de-identified (or, already built, by
 * its new name); the job's id.
 */
async function uploadSlide(page: Page, jobsAfter: number): Promise<string> {
  const choosing = page.waitForEvent('filechooser');
  await byTestId(page, 'upload-files').click();
  await (await choosing).setFiles(pathologySample(SVS));
  await expect(jobsTable(page).locator('tbody tr')).toHaveCount(jobsAfter);
  const newest = jobsTable(page).locator('tbody tr').first();
  await expect(newest.locator('td.file-name')).toHaveText(/^(slide \(being de-identified\)|slide-[0-9a-f]{12}\.tif)$/);
  return ((await newest.getAttribute('data-testid')) ?? '').replace(/^import-job-/, '');
}

test('an admin uploads a slide into a de-identifying dataset: its job is followed, cancelled while queued, and on a second upload de-identified and built', async ({ page, mejirushi }) => {
  let pacs: HeldPacs | null = null;
  try {
    pacs = await startHeldPacs();
    const admin = await serverApi(mejirushi.url, mejirushi.admin);
    const { id, version } = GASTRIC_BIOPSY_LABEL_SET;
    const dataset = await admin.createDataset({ name: 'De-identified biopsies', labelSetId: id, labelSetVersion: version });
    await admin.setDeidPolicy(dataset.id, {
      mode: 'required',
      options: { temporal: 'off', retainPatientCharacteristics: false, retainDeviceIdentity: false, cleanDescriptors: true, cleanStructuredContent: false, retainSafePrivate: false },
    });
    // The server builds two jobs at a time: these two pulls hold both until the PACS answers.
    const pulls = [await admin.pullFromPacs(dataset.id, { baseUrl: pacs.baseUrl, studyInstanceUid: '1.2.3.4' }), await admin.pullFromPacs(dataset.id, { baseUrl: pacs.baseUrl, studyInstanceUid: '1.2.3.5' })];
    await pacs.asked;

    await signIn(page, mejirushi.admin);
    await byTestId(page, 'nav-admin').click();
    await byTestId(page, 'upload-dataset').selectOption({ label: dataset.name });
    const queued = await uploadSlide(page, 3);
    // Sent whole, from the file itself: the row's bar is full.
    const uploadRow = byTestId(page, 'upload-row-0');
    await expect(uploadRow.locator('progress')).toHaveJSProperty('value', statSync(pathologySample(SVS)).size);

    const slideJob = jobsTable(page).getByTestId(`import-job-${queued}`);
    await expect(slideJob).toHaveAttribute('data-state', 'queued');
    await jobsTable(page).getByTestId(`import-job-cancel-${queued}`).click();
    await expect(slideJob).toHaveAttribute('data-state', 'cancelled');
    await expect(slideJob.locator('td:last-child')).toHaveText('Cancelled: nothing was imported.');
    await expect(uploadRow).toHaveAttribute('data-status', 'refused');

    // A running pull: told to stop, it ends cancelled once the PACS answers; the other runs to its end.
    const [first, second] = pulls as [ImportJob, ImportJob];
    const cancelAnswered = page.waitForResponse((response) => response.url().endsWith(`/api/import-jobs/${first.id}/cancel`));
    await jobsTable(page).getByTestId(`import-job-cancel-${first.id}`).click();
    expect((await cancelAnswered).status()).toBe(202);
    const firstRow = () => jobsTable(page).getByTestId(`import-job-${first.id}`);
    await expect(firstRow()).toContainText('Cancelling…');
    await expect(jobsTable(page).getByTestId(`import-job-cancel-${first.id}`)).toHaveCount(0);
    // After a reload the server's answer (cancelRequested) says so: no second Cancel is offered while the pull is held.
    await page.reload();
    await byTestId(page, 'nav-admin').click();
    await byTestId(page, 'upload-dataset').selectOption({ label: dataset.name });
    await expect(firstRow()).toHaveAttribute('data-state', 'building');
    await expect(jobsTable(page).getByTestId(`import-job-cancelling-${first.id}`)).toHaveText('Cancelling…');
    await expect(jobsTable(page).getByTestId(`import-job-cancel-${first.id}`)).toHaveCount(0);
    await expect(jobsTable(page).getByTestId(`import-job-cancel-${second.id}`)).toBeVisible();
    pacs.release();
    await expect(firstRow()).toHaveAttribute('data-state', 'cancelled');
    await expect(firstRow().locator('td:last-child')).toHaveText('Cancelled: nothing was imported.');
    await expect(jobsTable(page).getByTestId(`import-job-${second.id}`)).toHaveAttribute('data-state', 'failed');

    const again = await uploadSlide(page, 4);
    expect(again).not.toBe(queued);
    const built = jobsTable(page).getByTestId(`import-job-${again}`);
    await expect(built).toHaveAttribute('data-state', 'done');
    await expect(built.locator('progress')).toHaveJSProperty('value', 100);
    await expect(built.locator('td.file-name')).toHaveText(/^slide-[0-9a-f]{12}\.tif$/);
    await expect(byTestId(page, 'upload-summary')).toHaveAttribute('data-done', 'true');
    await expect(byTestId(page, 'upload-row-0')).toHaveAttribute('data-status', 'imported');

    const items = (await admin.listItems(dataset.id)).items;
    expect(items).toHaveLength(1);
    const detail = await admin.getItem((items[0] as { id: string }).id);
    expect(detail.item.title).toMatch(/^slide-[0-9a-f]{12}$/);
    expect(detail.item.content).toMatchObject({ kind: 'slide', objectivePower: 20, scanner: 'Aperio' });
  } finally {
    pacs?.release();
    await pacs?.close();
  }
});
