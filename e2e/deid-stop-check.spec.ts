/**
 * Stop during the de-identification check: into a dataset that requires de-identification, a few
 * hundred CT slices are picked; their checked files go into a staged upload while the check goes
 * on (the first sends held at the network until Stop, so the check is still under way when the
 * admin presses it). After Stop nothing more is sent, the staged session is discarded on the
 * server, nothing is imported, every row says it was cancelled, and the files stay listed with the
 * picker free to try again.
 */
import type { StagedUpload } from '../src/core/api';
import { phiCtSlice } from '../src/core/deid/testing/phiDicom';
import { requiredDataset } from './fixtures/burnedInUpload';
import { byTestId, expect, serverApi, signIn, test } from './fixtures/mejirushi';

/** Enough that the check is still under way when the first file is sent, however loaded the machine. */
const FILE_COUNT = 600;
/** A staged upload's sends: batches (…/files) and a file too large for one (…/files/:index). */
const STAGED_FILE = /\/api\/staged-uploads\/[^/]+\/files(\/\d+)?$/;

test('Stop during the check sends nothing more, discards the staged upload and keeps the files listed to retry', async ({ page, mejirushi }) => {
  const admin = await serverApi(mejirushi.url, mejirushi.admin);
  const dataset = await requiredDataset(admin, 'Stopped check');
  const files = Array.from({ length: FILE_COUNT }, (_, i) => ({ name: `YAMADA-${i}.dcm`, mimeType: 'application/dicom', buffer: Buffer.from(phiCtSlice(i)) }));

  // The first sends wait here until Stop is pressed.
  let firstHeld: () => void = () => {};
  const firstSend = new Promise<void>((resolve) => (firstHeld = resolve));
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(STAGED_FILE, async (route) => {
    firstHeld();
    await released;
    await route.continue();
  });
  let stopped = false;
  const sentAfterStop: string[] = [];
  page.on('request', (request) => {
    if (stopped && STAGED_FILE.test(request.url())) sentAfterStop.push(request.url());
  });

  await signIn(page, mejirushi.admin);
  await byTestId(page, 'nav-admin').click();
  await byTestId(page, 'upload-dataset').selectOption({ label: 'Stopped check' });
  const opened = page.waitForResponse((response) => response.request().method() === 'POST' && /\/staged-uploads$/.test(response.url()));
  await byTestId(page, 'upload-files').setInputFiles(files);
  const session = (await (await opened).json()) as StagedUpload;
  await firstSend;

  const discarded = page.waitForResponse((response) => response.request().method() === 'DELETE' && response.url().endsWith(`/api/staged-uploads/${session.id}`));
  await expect(byTestId(page, 'deid-progress')).not.toHaveAttribute('data-done', String(FILE_COUNT));
  stopped = true; // both lanes are held: nothing can be sent between this and the click
  await byTestId(page, 'deid-stop').click();
  release();

  expect((await discarded).status()).toBe(204);
  await expect(byTestId(page, 'upload-summary')).toHaveAttribute('data-done', 'true');
  await expect(byTestId(page, 'deid-progress')).toHaveCount(0);
  expect(sentAfterStop).toEqual([]);
  for (const index of [0, 1, FILE_COUNT - 1]) {
    await expect(byTestId(page, `upload-row-${index}`)).toHaveAttribute('data-status', 'refused');
    await expect(byTestId(page, `upload-row-${index}`)).toContainText('Cancelled before upload.');
  }
  await expect(page.locator('[data-testid^="upload-row-"]')).toHaveCount(FILE_COUNT);
  await expect(byTestId(page, 'upload-files')).toBeEnabled();

  // The server holds nothing of it: the session is gone and nothing was imported.
  await expect(admin.commitStagedUpload(session.id)).rejects.toMatchObject({ status: 404 });
  expect((await admin.listItems(dataset.id, { limit: 10 })).items).toHaveLength(0);
  expect(await admin.listDeidReports(dataset.id)).toHaveLength(0);
});
