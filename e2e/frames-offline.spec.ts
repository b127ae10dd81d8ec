import type { Page } from '@playwright/test';
import { expectFramesReady, firstThumbnailDrawn, videoFrameSet } from './fixtures/frames';
import { byTestId, expect, expectSynced, openDataset, serverApi, serverLabels, settled, signIn, syncBadge, test } from './fixtures/mejirushi';

const DATASET = 'Colonoscopy offline';
/** Frames looked at online (so their images are kept), then tagged offline. */
const TAGGED = 5;

const workspace = (page: Page) => byTestId(page, 'frame-workspace');

test('a frame set opened once is tagged offline after a reload, under the untagged filter, and its answers reach the server', async ({ page, context, mejirushi }) => {
  const itemId = await videoFrameSet(mejirushi, DATASET, 40);
  await signIn(page, mejirushi.annotator);
  // The worker must control the page before the frames are read, so they are kept for offline use.
  await expect(page.locator('html[data-sw-ready="true"]')).toBeAttached();
  await openDataset(page, DATASET);
  await byTestId(page, `item-link-${itemId}`).click();
  await expectFramesReady(page);
  await expect.poll(() => firstThumbnailDrawn(page)).toBe(true);

  // Grid and player share the current frame: V shows the player on it, G the grid again.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(workspace(page)).toHaveAttribute('data-current-frame', '2');
  await page.keyboard.press('v');
  await expect(byTestId(page, 'video-player')).toHaveAttribute('data-frame', '2');
  await page.keyboard.press('.');
  await expect(byTestId(page, 'video-player')).toHaveAttribute('data-frame', '3');
  await page.keyboard.press('g');
  await expect(workspace(page)).toHaveAttribute('data-current-frame', '3');

  // The annotator looks at the first frames, so their images are kept; then goes back to the first.
  await page.keyboard.press('Home');
  for (let frame = 0; frame < TAGGED; frame += 1) {
    await expect(page.locator(`[data-testid="frame-large"][data-frame="${frame}"][data-loaded="true"]`)).toBeVisible();
    await page.keyboard.press('ArrowRight');
  }
  await page.keyboard.press('Home');

  await context.setOffline(true);
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker()).toBe(true);
  await expectFramesReady(page);
  await expect(byTestId(page, 'offline-banner')).toBeVisible();
  // Thumbnails and the frame's image come from the worker's cache.
  await expect.poll(() => firstThumbnailDrawn(page)).toBe(true);
  await page.keyboard.press('Home');
  await expect(workspace(page)).toHaveAttribute('data-current-frame', '0');

  // Untagged frames only: each key answers the frame and the next untagged one takes its cell.
  await byTestId(page, 'frame-filter').selectOption('untagged');
  // The keys go to the grid, not the filter's list.
  await byTestId(page, 'frame-filter').evaluate((select) => select.blur());
  const mayo = (frame: number) => `mayo.${frame % 4}`;
  for (let frame = 0; frame < TAGGED; frame += 1) {
    await expect(page.locator(`[data-testid="frame-large"][data-frame="${frame}"][data-loaded="true"]`)).toBeVisible();
    await page.keyboard.press(String(frame % 4));
    await expect(workspace(page)).toHaveAttribute('data-current-frame', String(frame + 1));
    await expect(byTestId(page, 'frame-cell').first()).toHaveAttribute('data-frame', String(frame + 1));
  }
  await expect(byTestId(page, 'frame-shown-count')).toContainText(String(40 - TAGGED));
  await settled(page);
  await expect(syncBadge(page)).toHaveAttribute('data-status', 'offline');
  const api = await serverApi(mejirushi.url, mejirushi.annotator);
  expect(await serverLabels(api, itemId)).toEqual({});

  await context.setOffline(false);
  await expectSynced(page);
  const frames = (await page.evaluate(() => window.__mejirushi?.store.getState().openItem?.targetIds)) as readonly string[] | undefined;
  if (!frames) throw new Error('the app test API should name the open item targets');
  const expected = Object.fromEntries(frames.slice(0, TAGGED).map((targetId, frame) => [targetId, mayo(frame)]));
  await expect.poll(() => serverLabels(api, itemId)).toEqual(expected);
});
