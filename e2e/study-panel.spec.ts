import { DEMO_STUDY_DATASET_NAME } from '../server/bootstrap';
import { DEMO_STUDY_SERIES } from '../server/demo/study';
import { STUDY_CACHE_NAME } from '../src/offline/offlineStudy';
import { assignDemoDataset } from './fixtures/demoDatasets';
import { byTestId, expect, openDataset, openDemoItem, signIn, test, waitForItem } from './fixtures/mejirushi';

const [FIVE_MM, TEN_MM] = DEMO_STUDY_SERIES;
/** The importer's title of a CT series: its modality, then its description. */
const titleOf = (series: { readonly description: string }) => `CT ${series.description}`;

test('study panel: the series of a study as thumbnails; a click and the , / . keys switch series; Back returns to the worklist', async ({ page, mejirushi }) => {
  await assignDemoDataset(mejirushi, DEMO_STUDY_DATASET_NAME);
  await signIn(page, mejirushi.annotator);
  await openDataset(page, DEMO_STUDY_DATASET_NAME);
  await page.getByRole('link', { name: titleOf(FIVE_MM), exact: true }).click();
  const fiveId = await waitForItem(page);
  await expect(byTestId(page, 'slice-counter')).toHaveText(`Slice 1 / ${FIVE_MM.sliceCount}`);

  // Both series, in series order, each drawn from its middle slice; the open one marked.
  await expect(page.locator('.workspace-body[data-study-series="2"]')).toBeVisible();
  const panel = byTestId(page, 'study-panel');
  await expect(panel).toBeVisible();
  const entries = panel.locator('[data-testid^="study-series-"]');
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toHaveAttribute('data-series-number', String(FIVE_MM.number));
  await expect(entries.nth(1)).toHaveAttribute('data-series-number', String(TEN_MM.number));
  await expect(entries.nth(0)).toHaveAttribute('aria-current', 'true');
  await expect(entries.nth(1)).not.toHaveAttribute('aria-current', 'true');
  await expect(entries.nth(1)).toContainText(TEN_MM.description);
  await expect(entries.nth(1)).toContainText(`CT · ${TEN_MM.sliceCount} slices`);
  const thumbnails = panel.getByTestId('study-thumbnail');
  await expect(thumbnails).toHaveCount(2);
  for (const thumbnail of await thumbnails.all()) {
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBe(128);
  }

  // A click opens the other series.
  await entries.nth(1).click();
  const tenId = await waitForItem(page);
  expect(tenId).not.toBe(fiveId);
  await expect(page.locator('.item-title')).toHaveText(titleOf(TEN_MM));
  await expect(byTestId(page, 'slice-counter')).toHaveText(`Slice 1 / ${TEN_MM.sliceCount}`);
  await expect(byTestId(page, `study-series-${tenId}`)).toHaveAttribute('aria-current', 'true');

  // `,` goes back to the previous series, `.` on to the next; past the last, `.` stays.
  await page.keyboard.press(',');
  expect(await waitForItem(page)).toBe(fiveId);
  await expect(page.locator(`[data-testid="item-page"][data-item-id="${fiveId}"]`)).toBeVisible();
  await expect(page.locator('.item-title')).toHaveText(titleOf(FIVE_MM));
  await page.keyboard.press('.');
  await expect(page.locator(`[data-testid="item-page"][data-item-id="${tenId}"][data-ready="true"]`)).toBeVisible();
  await expect(byTestId(page, `study-series-${tenId}`)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('.');
  await expect(page.locator(`[data-testid="item-page"][data-item-id="${tenId}"]`)).toBeVisible();

  // Switching replaced the series in the history: Back is the worklist, not the series before.
  await page.goBack();
  await expect(page.locator('[data-testid="item-list"][data-ready="true"]')).toBeVisible();
  await expect(page.getByRole('link', { name: titleOf(TEN_MM), exact: true })).toBeVisible();
});

test('study panel: hidden for a study of one series', async ({ page, mejirushi }) => {
  await signIn(page, mejirushi.annotator);
  await openDemoItem(page);
  // Once the study's listing is in (one series: this one), no panel takes the viewer's room.
  await expect(page.locator('.workspace-body[data-study-series="1"]')).toBeVisible();
  await expect(byTestId(page, 'study-panel')).toHaveCount(0);
});

test('study panel offline: the series list and the thumbnails seen come back without a network; a thumbnail never kept says so', async ({ page, context, mejirushi }) => {
  await assignDemoDataset(mejirushi, DEMO_STUDY_DATASET_NAME);
  await signIn(page, mejirushi.annotator);
  // The worker must control the page so the app itself reloads offline.
  await expect(page.locator('html[data-sw-ready="true"]')).toBeAttached();
  await openDataset(page, DEMO_STUDY_DATASET_NAME);
  await page.getByRole('link', { name: titleOf(FIVE_MM), exact: true }).click();
  const fiveId = await waitForItem(page);
  const panel = byTestId(page, 'study-panel');
  const entries = panel.locator('[data-testid^="study-series-"]');
  await expect(entries).toHaveCount(2);
  const thumbnails = panel.getByTestId('study-thumbnail');
  await expect(thumbnails).toHaveCount(2);
  for (const thumbnail of await thumbnails.all()) {
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBe(128);
  }
  const tenId = (await entries.nth(1).getAttribute('data-testid'))!.replace('study-series-', '');

  // Both thumbnails are written to the device's store after they are shown: wait for the writes,
  // or the ten-mm one could be written again after the test drops it.
  await expect
    .poll(() =>
      page.evaluate(async (cacheName) => {
        const keys = await (await caches.open(cacheName)).keys();
        return keys.filter((request) => request.url.includes('/thumbnail')).length;
      }, STUDY_CACHE_NAME),
    )
    .toBe(2);

  // The ten-mm series' thumbnail leaves the device's store, as the bound's eviction would drop it.
  const droppedCount = await page.evaluate(async ([cacheName, itemId]) => {
    const cache = await caches.open(cacheName!);
    const keys = await cache.keys();
    const thumbnails = keys.filter((request) => request.url.includes(`/api/items/${encodeURIComponent(itemId!)}/thumbnail`));
    for (const request of thumbnails) await cache.delete(request);
    return thumbnails.length;
  }, [STUDY_CACHE_NAME, tenId]);
  expect(droppedCount).toBe(1);

  await context.setOffline(true);
  await page.reload();
  expect(await waitForItem(page)).toBe(fiveId);
  await expect(byTestId(page, 'offline-banner')).toBeVisible();
  await expect(entries).toHaveCount(2);
  await expect(byTestId(page, `study-series-${fiveId}`)).toHaveAttribute('aria-current', 'true');
  await expect(entries.nth(1)).toContainText(TEN_MM.description);
  const kept = byTestId(page, `study-series-${fiveId}`).getByTestId('study-thumbnail');
  await expect.poll(() => kept.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBe(128);
  // The dropped one says so, with no picture (a broken <img> beside the label would be one).
  const dropped = byTestId(page, `study-series-${tenId}`);
  await expect(dropped.getByTestId('study-thumbnail-not-kept')).toHaveText('Not kept for offline use: no picture until back online');
  await expect(dropped.getByRole('img')).toHaveCount(0);
  await context.setOffline(false);
});
