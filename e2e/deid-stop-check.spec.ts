/**
 * Stop before the commit: into a dataset that requires de-identification, CT slices are picked;
 * their checked files go into a staged upload while the check goes on (the first sends held at
 * the network until Stop, so nothing can have been committed when the admin presses it). After
 * Stop nothing more is sent, the staged session is discarded on the server, nothing is imported,
 * every row says it was cancelled, and the files stay listed with the picker free to try again —
 * whether the check was still under way or had ended and only the sends were left.
 */
import type { Page } from '@playwright/test';
import type { StagedUpload } from '../src/core/api';
import { phiCtSlice } from '../src/core/deid/testing/phiDicom';
import { requiredDataset } from './fixtures/burnedInUpload';
import { byTestId, expect, serverApi, signIn, test, type Mejirushi } from './fixtures/mejirushi';

/** A staged upload's sends: batches (…/files) and a file too large for one (…/files/:index). */
const STAGED_FILE = /\/api\/staged-uploads\/[^/]+\/files(\/\d+)?$/;
/** The upload's lanes (UPLOAD_LANES): once both are held, nothing can be sent until they are let go. */
const LANES = 2;

async function stopBeforeCommit(page: Page, mejirushi: Mejirushi, fileCount: number, when: 'lanes held' | 'check ended'): Promise<void> {
  const admin = await serverApi(mejirushi.url, mejirushi.admin);
  const dataset = await requiredDataset(admin, 'Stopped upload');
  const files = Array.from({ length: fileCount }, (_, i) => ({ name: `YAMADA-${i}.dcm`, mimeType: 'application/dicom', buffer: Buffer.from(phiCtSlice(i)) }));

  // The sends wait here until Stop is pressed.
  let held = 0;
  let lanesHeld: () => void = () => {};
  const bothHeld = new Promise<void>((resolve) => (lanesHeld = resolve));
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(STAGED_FILE, async (route) => {
    if (++held === LANES) lanesHeld();
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
  await byTestId(page, 'upload-dataset').selectOption({ label: 'Stopped upload' });
  const opened = page.waitForResponse((response) => response.request().method() === 'POST' && /\/staged-uploads$/.test(response.url()));
  await byTestId(page, 'upload-files').setInputFiles(files);
  const session = (await (await opened).json()) as StagedUpload;
  await bothHeld;
  if (when === 'check ended') await expect(byTestId(page, 'deid-progress')).toHaveAttribute('data-done', String(fileCount));

  const discarded = page.waitForResponse((response) => response.request().method() === 'DELETE' && response.url().endsWith(`/api/staged-uploads/${session.id}`));
  stopped = true; // both lanes are held: nothing can be sent between this and the click
  await byTestId(page, 'deid-stop').click();
  release();

  expect((await discarded).status()).toBe(204);
  await expect(byTestId(page, 'upload-summary')).toHaveAttribute('data-done', 'true');
  await expect(byTestId(page, 'deid-progress')).toHaveCount(0);
  expect(sentAfterStop).toEqual([]);
  for (const index of [0, 1, fileCount - 1]) {
    await expect(byTestId(page, `upload-row-${index}`)).toHaveAttribute('data-status', 'refused');
    await expect(byTestId(page, `upload-row-${index}`)).toContainText('Cancelled before upload.');
  }
  await expect(page.locator('[data-testid^="upload-row-"]')).toHaveCount(fileCount);
  await expect(byTestId(page, 'upload-files')).toBeEnabled();

  // The server holds nothing of it: the session is gone and nothing was imported.
  await expect(admin.commitStagedUpload(session.id)).rejects.toMatchObject({ status: 404 });
  expect((await admin.listItems(dataset.id, { limit: 10 })).items).toHaveLength(0);
  expect(await admin.listDeidReports(dataset.id)).toHaveLength(0);
}

test('Stop as the first files go (the check of a few hundred slices mostly still under way) sends nothing more, discards the staged upload and keeps the files listed to retry', async ({ page, mejirushi }) => {
  await stopBeforeCommit(page, mejirushi, 600, 'lanes held');
});

test('Stop after the check has ended, while its files are being sent, does the same: nothing is committed', async ({ page, mejirushi }) => {
  await stopBeforeCommit(page, mejirushi, 40, 'check ended');
});
