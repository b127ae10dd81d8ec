/**
 * Model proposals in the reading room, driven as an annotator: run the built-in SAH model on the
 * demo series, watch its proposals arrive, decide on them by keys, and find their provenance after
 * a reload, on the server and in the exported CSV; have it propose on opening; run it offline. Needs the inference runtime, the model registry
 * and the `sah-hyperdensity` model wired into the app's store services (`proposals`).
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { allRecords } from '../src/data/testing/allRecords';
import { countInputs } from './fixtures/inputs';
import {
  byTestId,
  expect,
  expectSliceShown,
  expectSynced,
  goToSlice,
  openDemoItem,
  phantomTruth,
  SAH_PRESENT,
  serverApi,
  settled,
  signIn,
  stripClasses,
  test,
  truthClass,
  waitForItem,
} from './fixtures/mejirushi';

const MODEL = 'sah-hyperdensity';

/** `data-proposed` of every strip cell, in slice order ('' = no proposal shown). */
function stripProposals(page: Page): Promise<string[]> {
  return page.locator('[data-testid^="strip-cell-"]').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-proposed') ?? ''));
}

/** Runs the model on the open series and waits for it to finish. */
async function runModel(page: Page): Promise<void> {
  await expect(page.locator('[data-testid="proposal-panel"][data-ready="true"]')).toBeVisible();
  await byTestId(page, `proposal-run-series-${MODEL}`).click();
  await expect(byTestId(page, 'proposal-progress')).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
}

test('runs the SAH model, decides on its proposals by keys, and keeps their provenance through reload, server and export', async ({ page, mejirushi }) => {
  const truth = phantomTruth();
  await signIn(page, mejirushi.annotator);
  const itemId = await openDemoItem(page);
  const model = byTestId(page, `proposal-model-${MODEL}`);
  await expect(model).toContainText('Demonstration model');

  await runModel(page);
  await expect(byTestId(page, 'proposal-progress')).toHaveAttribute('data-done', String(truth.sliceCount));
  // Every slice has a proposal (present or absent), drawn apart from a person's answer.
  await expect.poll(async () => (await stripProposals(page)).filter(Boolean).length).toBe(truth.sliceCount);
  const proposed = await stripProposals(page);
  expect(await stripClasses(page)).toEqual(Array.from({ length: truth.sliceCount }, () => ''));

  // Reject one (X on its slice), edit one (a class key over the proposal), accept all the rest shown.
  const rejected = truth.sahSliceIndices[0] ?? 0;
  const edited = rejected === 0 ? 1 : 0;
  await goToSlice(page, rejected);
  await expectSliceShown(page, rejected);
  await page.keyboard.press('x');
  await goToSlice(page, edited);
  await expectSliceShown(page, edited);
  await page.keyboard.press('3');
  await page.keyboard.press('Shift+A');
  const expected = proposed.map((code, i) => (i === rejected ? '' : i === edited ? 'sah.uncertain' : code));
  await expect.poll(() => stripClasses(page)).toEqual(expected);
  await expect(byTestId(page, 'proposal-shown')).toHaveAttribute('data-count', '0');

  await settled(page);
  await page.reload();
  await waitForItem(page);
  await expect.poll(() => stripClasses(page)).toEqual(expected);

  const api = await serverApi(mejirushi.url, mejirushi.annotator);
  await expect.poll(async () => (await allRecords(api, itemId)).filter((s) => s.record?.type === 'label').length, { timeout: 20_000 }).toBe(truth.sliceCount);
  const byTarget = new Map((await allRecords(api, itemId)).flatMap((s) => (s.record?.type === 'label' ? [[s.record.targetId, s.record] as const] : [])));
  const origin = { kind: 'model', modelId: MODEL };
  expect(byTarget.get(truth.sopInstanceUids[rejected]!)?.provenance).toMatchObject({ origin, decision: 'rejected' });
  expect(byTarget.get(truth.sopInstanceUids[edited]!)).toMatchObject({ classCodes: ['sah.uncertain'], provenance: { origin, decision: 'edited' } });
  const acceptedIndex = [...Array(truth.sliceCount).keys()].find((i) => i !== rejected && i !== edited) ?? 2;
  const accepted = byTarget.get(truth.sopInstanceUids[acceptedIndex]!);
  expect(accepted?.provenance).toMatchObject({ origin, decision: 'accepted' });
  const acceptedOrigin = accepted?.provenance.origin;
  expect(acceptedOrigin?.kind === 'model' && [typeof acceptedOrigin.version, acceptedOrigin.contentHash.length, typeof acceptedOrigin.threshold, typeof acceptedOrigin.score]).toEqual(['string', 64, 'number', 'number']);

  const downloading = page.waitForEvent('download');
  await byTestId(page, 'labels-export').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/-labels\.csv$/);
  const lines = (await readFile(await download.path(), 'utf8')).trim().split('\r\n');
  expect(lines[0]).toContain('model_id,model_version,model_sha256,run_id,threshold,score,decision');
  expect(lines.find((line) => line.startsWith(`${rejected + 1},`))).toMatch(new RegExp(`,model,${MODEL},[^,]+,[0-9a-f]{64},[^,]+,[0-9.]+,[0-9.]+,rejected,`));
  expect(lines.find((line) => line.startsWith(`${edited + 1},`))).toContain(',edited,');
  expect(lines.find((line) => line.startsWith(`${acceptedIndex + 1},`))).toContain(',accepted,');
});

test('a reader who has the model propose on open confirms and submits a series it gets right in at most 3 input events', async ({ page, mejirushi }) => {
  const truth = phantomTruth();
  const inputs = await countInputs(page);
  await signIn(page, mejirushi.annotator);
  await openDemoItem(page);
  await expect(page.locator('[data-testid="proposal-panel"][data-ready="true"]')).toBeVisible();
  // Once per reader, kept in the browser: it applies to the series opened from now on, not to this one.
  await byTestId(page, 'proposal-on-open').check();
  await expect(byTestId(page, 'proposal-progress')).toHaveCount(0);

  await page.reload();
  await waitForItem(page);
  await inputs.reset();
  // Nothing to correct: the model, run by itself on opening, is right on every slice of the demo series.
  await expect(byTestId(page, 'proposal-progress')).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
  await expect.poll(() => stripProposals(page)).toEqual(Array.from({ length: truth.sliceCount }, (_, i) => truthClass(i)));
  await page.keyboard.press('Shift+A');
  await expect.poll(() => stripClasses(page)).toEqual(Array.from({ length: truth.sliceCount }, (_, i) => truthClass(i)));
  await expect(byTestId(page, 'series-answer')).toHaveAttribute('data-answer', SAH_PRESENT);
  await expect(byTestId(page, 'submit-item')).toBeEnabled({ timeout: 20_000 });
  await byTestId(page, 'submit-item').click();
  await byTestId(page, 'submit-confirm-yes').click();
  await expect(byTestId(page, 'item-state')).toHaveAttribute('data-state', 'submitted');
  const total = await inputs.read();
  console.log(`INPUTS proposals opened-to-submitted=${total} manual=${truth.sliceCount + 2}`);
  expect(total).toBeLessThanOrEqual(3);

  // Opened again once submitted, it is not proposed on a second time.
  await page.reload();
  await waitForItem(page);
  await expect(page.locator('[data-testid="proposal-panel"][data-ready="true"]')).toBeVisible();
  await expect(byTestId(page, 'proposal-on-open')).toBeChecked();
  await expect(byTestId(page, 'proposal-progress')).toHaveCount(0);
});

test('a model once used is offered and runs offline, after a reload from the offline copy; its accepted proposals reach the server once online', async ({ page, context, mejirushi }) => {
  const truth = phantomTruth();
  await signIn(page, mejirushi.annotator);
  // The offline copy controls the page before the series and the model are read, so it keeps them.
  await expect(page.locator('html[data-sw-ready="true"]')).toBeAttached();
  const itemId = await openDemoItem(page);
  await runModel(page);
  await settled(page);

  await context.setOffline(true);
  await expect(byTestId(page, 'offline-banner')).toBeVisible();
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker()).toBe(true);
  await waitForItem(page);
  // Run again without a network: the list, the model file and the runtime all come from this device.
  await runModel(page);
  await expect(byTestId(page, 'proposal-progress')).toHaveAttribute('data-done', String(truth.sliceCount));
  await page.keyboard.press('Shift+A');
  await expect.poll(() => stripClasses(page)).toEqual(Array.from({ length: truth.sliceCount }, (_, i) => truthClass(i)));

  await context.setOffline(false);
  await expectSynced(page);
  const api = await serverApi(mejirushi.url, mejirushi.annotator);
  const accepted = (await allRecords(api, itemId)).filter((s) => s.record?.type === 'label' && s.record.provenance.decision === 'accepted');
  expect(accepted).toHaveLength(truth.sliceCount);
  expect(accepted[0]?.record?.provenance.origin).toMatchObject({ kind: 'model', modelId: MODEL });
});
