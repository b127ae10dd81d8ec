import type { Page } from '@playwright/test';
import { hasPathologySampleData } from '../server/testing/sampleData';
import { TILE_CACHE_NAME } from '../src/viewer/slide/offlineTiles';
import { byTestId, expect, expectSynced, serverApi, serverLabels, signIn, test } from './fixtures/mejirushi';
import { expectViewSettled, openSlide, singleSlide } from './fixtures/slides';

const SVS = 'CMU-1-Small-Region.svs';

if (!hasPathologySampleData()) console.log(`slide-viewer.spec.ts skipped: no ${SVS} in the sample data (set MEJIRUSHI_SAMPLE_DATA)`);
test.skip(!hasPathologySampleData(), `no ${SVS} in the sample data (set MEJIRUSHI_SAMPLE_DATA)`);

const viewer = (page: Page) => byTestId(page, 'slide-viewer');

test('a pathologist reads a slide at set magnifications, rotates it and answers its Group', async ({ page, mejirushi }) => {
  const itemId = await singleSlide(mejirushi, SVS);
  await signIn(page, mejirushi.annotator);
  await openSlide(page, itemId);

  await expect(viewer(page)).toHaveAttribute('data-microns-per-px', '0.499');
  await expect(byTestId(page, 'slide-scale-bar')).toBeVisible();
  await expect(byTestId(page, 'slide-tiles-failed')).toHaveCount(0);

  // Shift+3 is the third step, ×5; "+" the next, ×10; the scan is ×20 (0.5 µm/px).
  await page.keyboard.press('Shift+Digit3');
  await expectViewSettled(page, 'data-magnification', 5);
  await expect(byTestId(page, 'slide-magnification')).toHaveText('×5');
  await page.keyboard.press('+');
  await expectViewSettled(page, 'data-magnification', 10);
  await expectViewSettled(page, 'data-zoom', 0.5);

  await page.keyboard.press('Shift+KeyR');
  await expectViewSettled(page, 'data-rotation', 90);
  // The adapter (what overlays and tools use) agrees with OpenSeadragon's own drawing transform.
  const worst = await page.evaluate(() => {
    const hook = window.__mejirushiSlide;
    if (!hook) throw new Error('no slide viewer test hook');
    let worst = 0;
    for (const point of [[0, 0], [1110, 1483.5], [2219, 2966], [317.25, 2048.75]] as const) {
      const [ax, ay] = hook.imageToScreen(point);
      const [ox, oy] = hook.osdImageToScreen(point);
      worst = Math.max(worst, Math.abs(ax - ox), Math.abs(ay - oy));
    }
    return worst;
  });
  expect(worst).toBeLessThan(1e-6);
  await page.keyboard.press('Shift+KeyL');
  await expectViewSettled(page, 'data-rotation', 0);

  const answer = byTestId(page, 'slide-question');
  await expect(answer).toHaveAttribute('data-answer', '');
  await page.keyboard.press('3');
  await expect(answer).toHaveAttribute('data-answer', 'group.3');
  await page.keyboard.press('Control+z');
  await expect(answer).toHaveAttribute('data-answer', '');
  await page.keyboard.press('Control+Shift+z');
  await expect(answer).toHaveAttribute('data-answer', 'group.3');
  await expectSynced(page);
  const api = await serverApi(mejirushi.url, mejirushi.annotator);
  expect(await serverLabels(api, itemId)).toEqual({ [itemId]: 'group.3' });

  await page.reload();
  await expect(page.locator('[data-testid="slide-viewer"][data-ready="true"]')).toBeVisible();
  await expect(answer).toHaveAttribute('data-answer', 'group.3');
});

test('tiles already viewed stay readable offline; unseen ones are named missing', async ({ page, context, mejirushi }) => {
  const itemId = await singleSlide(mejirushi, SVS);
  await signIn(page, mejirushi.annotator);
  // The worker must control the page so the app itself reloads offline.
  await expect(page.locator('html[data-sw-ready="true"]')).toBeAttached();
  await openSlide(page, itemId);
  const kept = () => page.evaluate(async (name) => (await (await caches.open(name)).keys()).length, TILE_CACHE_NAME);
  await expect.poll(kept).toBeGreaterThan(0);
  const keptBefore = await kept();

  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('[data-testid="slide-viewer"][data-ready="true"]')).toBeVisible();
  await expect(byTestId(page, 'slide-tiles-failed')).toHaveCount(0);

  // Full resolution was never viewed: those tiles are missing, and the viewer says why.
  await page.keyboard.press('Shift+Digit5');
  const notice = byTestId(page, 'slide-tiles-failed');
  await expect(notice).toBeVisible();
  expect(Number(await notice.getAttribute('data-offline'))).toBeGreaterThan(0);
  expect(await kept()).toBe(keptBefore);

  await context.setOffline(false);
  await byTestId(page, 'slide-tiles-retry').click();
  await expect(notice).toHaveCount(0);
});
