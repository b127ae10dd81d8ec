/**
 * A staged upload cancelled at the burned-in review: into a dataset that requires
 * de-identification, a CT slice is sent into the staged upload as soon as its check passes, while
 * an ultrasound image waits for review. The admin cancels the review: the server holds no staged
 * session afterwards (its cancel is audited, and the session answers 404), nothing was imported,
 * and every row says it was cancelled.
 */
import type { StagedBatchAnswer, StagedUpload } from '../src/core/api';
import { burnedInFiles, requiredDataset } from './fixtures/burnedInUpload';
import { byTestId, expect, serverApi, signIn, test } from './fixtures/mejirushi';

test('cancelling the burned-in review discards the staged upload: no session left on the server, nothing imported', async ({ page, mejirushi }) => {
  const { ultrasoundPath, ctPath } = await burnedInFiles();
  const admin = await serverApi(mejirushi.url, mejirushi.admin);
  const dataset = await requiredDataset(admin, 'Staged cancel');

  await signIn(page, mejirushi.admin);
  await byTestId(page, 'nav-admin').click();
  await byTestId(page, 'upload-dataset').selectOption({ label: 'Staged cancel' });
  const opened = page.waitForResponse((response) => response.request().method() === 'POST' && /\/staged-uploads$/.test(response.url()));
  const ctStaged = page.waitForResponse((response) => /\/api\/staged-uploads\/[^/]+\/files$/.test(response.url()));
  await byTestId(page, 'upload-files').setInputFiles([ultrasoundPath, ctPath]);

  const session = (await (await opened).json()) as StagedUpload;
  // The CT slice needs no review: it went into the session (a batch of itself) while the ultrasound waits.
  expect((await (await ctStaged).json()) as StagedBatchAnswer).toMatchObject({ answers: [{ index: 1, staged: true }] });
  await expect(byTestId(page, 'burnedin-review')).toHaveAttribute('data-remaining', '1', { timeout: 300_000 });

  const discarded = page.waitForResponse((response) => response.request().method() === 'DELETE' && response.url().endsWith(`/api/staged-uploads/${session.id}`));
  await byTestId(page, 'burnedin-cancel').click();
  expect((await discarded).status()).toBe(204);
  await expect(byTestId(page, 'upload-summary')).toHaveAttribute('data-done', 'true');
  await expect(byTestId(page, 'upload-row-0')).toHaveAttribute('data-status', 'refused');
  await expect(byTestId(page, 'upload-row-1')).toHaveAttribute('data-status', 'refused');
  await expect(byTestId(page, 'upload-row-1')).toContainText('Cancelled before upload.');
  await expect(byTestId(page, 'burnedin-review')).toHaveCount(0);

  // The server holds nothing of it: the session is gone (a commit answers 404) and its cancel is audited.
  await expect(admin.commitStagedUpload(session.id)).rejects.toMatchObject({ status: 404 });
  const audit = await admin.listAudit({ action: 'stagedUpload.' });
  expect(audit.filter((entry) => entry.entityId === session.id).map((entry) => entry.action)).toEqual(['stagedUpload.abort', 'stagedUpload.create']);
  expect((await admin.listItems(dataset.id, { limit: 10 })).items).toHaveLength(0);
  expect(await admin.listDeidReports(dataset.id)).toHaveLength(0);
});
