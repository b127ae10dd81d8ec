/**
 * A staged upload cancelled at the burned-in review: into a dataset that requires
 * de-identification, a CT slice is sent into the staged upload as soon as its check passes, while
 * an ultrasound image waits for review. The admin cancels the review: the server holds no staged
 * session afterwards (its cancel is audited, and the session answers 404), nothing was imported,
 * and every row says it was cancelled.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StagedFileAnswer, StagedUpload } from '../src/core/api';
import { BASIC_PROFILE_ONLY } from '../src/core/deid/policy';
import { phiCtSlice } from '../src/core/deid/testing/phiDicom';
import { pixelDicom } from '../src/core/deid/testing/pixelDicom';
import { captionedUltrasound, ULTRASOUND_HEIGHT, ULTRASOUND_WIDTH } from '../workers/deid/testing/captionedUltrasound';
import { byTestId, expect, serverApi, signIn, test } from './fixtures/mejirushi';

test('cancelling the burned-in review discards the staged upload: no session left on the server, nothing imported', async ({ page, mejirushi }) => {
  const { pixels } = await captionedUltrasound();
  const folder = mkdtempSync(join(tmpdir(), 'staged-cancel-'));
  const usPath = join(folder, 'YAMADA_TARO.dcm');
  writeFileSync(usPath, pixelDicom({ rows: ULTRASOUND_HEIGHT, columns: ULTRASOUND_WIDTH, modality: 'US', patientName: 'YAMADA^TARO', pixels }));
  const ctPath = join(folder, 'PHIFAMILY_CT.dcm');
  writeFileSync(ctPath, phiCtSlice(0));

  const admin = await serverApi(mejirushi.url, mejirushi.admin);
  const [labelSet] = await admin.listLabelSets();
  if (!labelSet) throw new Error('no label set');
  const dataset = await admin.createDataset({ name: 'Staged cancel', labelSetId: labelSet.id, labelSetVersion: labelSet.version });
  await admin.setDeidPolicy(dataset.id, { mode: 'required', options: BASIC_PROFILE_ONLY });

  await signIn(page, mejirushi.admin);
  await byTestId(page, 'nav-admin').click();
  await byTestId(page, 'upload-dataset').selectOption({ label: 'Staged cancel' });
  const opened = page.waitForResponse((response) => response.request().method() === 'POST' && /\/staged-uploads$/.test(response.url()));
  const ctStaged = page.waitForResponse((response) => /\/api\/staged-uploads\/[^/]+\/files\/1$/.test(response.url()));
  await byTestId(page, 'upload-files').setInputFiles([usPath, ctPath]);

  const session = (await (await opened).json()) as StagedUpload;
  // The CT slice needs no review: it went into the session while the ultrasound waits.
  expect((await (await ctStaged).json()) as StagedFileAnswer).toMatchObject({ index: 1, staged: true });
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
