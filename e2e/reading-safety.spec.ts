/**
 * Reading safety (issue 6, items 1, 3 and 4): no label on a slice the reader has not seen, the
 * last key press and an undo survive closing the tab, Submit refuses what it cannot do, and the
 * reading position comes back.
 */
import type { Page } from '@playwright/test';
import {
  byTestId,
  DEMO_DATASET_NAME,
  expect,
  expectDatasetList,
  expectSliceShown,
  expectSynced,
  goToSlice,
  keyFor,
  labelByKeys,
  localState,
  openDataset,
  openDemoItem,
  pendingCount,
  phantomTruth,
  SAH_ABSENT,
  SAH_PRESENT,
  serverApi,
  serverLabels,
  settled,
  signIn,
  stripClasses,
  test,
  waitForItem,
} from './fixtures/mejirushi';

// Images are blocked by routing their requests, which a service worker would answer instead.
test.use({ serviceWorkers: 'block' });

const FILES = /\/api\/items\/[^/]+\/files\//;
const uid = (index: number): string => phantomTruth().sopInstanceUids[index] as string;

/**
 * The page goes at once, right after a key press: its renderer is killed, so no further script,
 * promise callback or IndexedDB callback of it runs. (A plain `page.close()` here lets a write
 * already running finish; a busy or slow tab closed by its user may not get that grace.)
 */
async function goAtOnce(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const crashed = page.waitForEvent('crash');
  cdp.send('Page.crash').catch(() => undefined); // answered by the crash itself
  await crashed;
  await page.close();
}

/** Nothing this page sends reaches the server's annotations: only what it committed locally can. */
async function cutAnnotationWrites(page: Page): Promise<void> {
  await page.route('**/annotations/me', (route) => route.abort('internetdisconnected'));
}

test('offline before the series loads: label keys and buttons record nothing and say why', async ({ page, context, mejirushi }) => {
  await signIn(page, mejirushi.annotator);
  await openDataset(page, DEMO_DATASET_NAME);
  // The item opens; none of its images ever arrives.
  await page.route(FILES, (route) => route.abort('internetdisconnected'));
  await page.locator('[data-testid^="item-link-"]').click();
  await expect(page.locator('[data-testid="item-page"][data-ready="true"]')).toBeVisible();
  await expect(byTestId(page, 'viewer-error')).toBeVisible();
  await context.setOffline(true);

  for (const code of [SAH_PRESENT, SAH_ABSENT]) await page.keyboard.press(keyFor(code));
  await byTestId(page, `label-button-${SAH_PRESENT}`).click();
  await expect(byTestId(page, 'label-refused')).toBeVisible();
  await expect(byTestId(page, 'slice-counter')).toHaveAttribute('data-index', '0');
  await settled(page);
  expect((await localState(page)).labels).toEqual({});
  expect(await pendingCount(page)).toBe(0);
  expect((await stripClasses(page)).every((classes) => classes === '')).toBe(true);

  // Once the slice is on screen, the same key labels it.
  await context.setOffline(false);
  await page.unroute(FILES);
  await byTestId(page, 'viewer-error').getByRole('button').click();
  await expectSliceShown(page, 0);
  await expect(byTestId(page, 'label-refused')).toBeHidden();
  await page.keyboard.press(keyFor(SAH_ABSENT));
  await expect(byTestId(page, 'slice-counter')).toHaveAttribute('data-index', '1');
  expect((await localState(page)).labels).toEqual({ [uid(0)]: SAH_ABSENT });
});

test('the last key press, and an undo just before leaving, reach the server after the tab is closed at once', async ({ page, context, mejirushi }) => {
  await signIn(page, mejirushi.annotator);
  const itemId = await openDemoItem(page);
  await settled(page);
  const api = await serverApi(mejirushi.url, mejirushi.annotator);

  await cutAnnotationWrites(page);
  await page.keyboard.press(keyFor(SAH_PRESENT));
  await goAtOnce(page);

  // The next visit (same browser profile) sends what the closed tab had committed locally.
  const second = await context.newPage();
  await second.goto('/');
  await expectDatasetList(second);
  await expect.poll(() => serverLabels(api, itemId)).toEqual({ [uid(0)]: SAH_PRESENT });

  await openDataset(second, DEMO_DATASET_NAME);
  await second.locator('[data-testid^="item-link-"]').click();
  await waitForItem(second);
  await goToSlice(second, 5);
  await labelByKeys(second, [keyFor(SAH_ABSENT)]);
  await settled(second);
  await expectSynced(second);
  expect(await serverLabels(api, itemId)).toEqual({ [uid(0)]: SAH_PRESENT, [uid(5)]: SAH_ABSENT });

  await cutAnnotationWrites(second);
  await second.keyboard.press('Control+z');
  await goAtOnce(second);

  const third = await context.newPage();
  await third.goto('/');
  await expectDatasetList(third);
  await expect.poll(() => serverLabels(api, itemId)).toEqual({ [uid(0)]: SAH_PRESENT });
  await settled(third);
  expect(await pendingCount(third)).toBe(0);
});

test('Submit: a double click keeps its dialog; with the server unreachable and nothing to send it is not offered', async ({ page, context, mejirushi }) => {
  await signIn(page, mejirushi.annotator);
  await openDemoItem(page);
  await labelByKeys(page, [keyFor(SAH_ABSENT)]);
  await settled(page);
  await expectSynced(page);

  const submit = byTestId(page, 'submit-item');
  await expect(submit).toBeEnabled();
  await submit.dblclick();
  await expect(byTestId(page, 'submit-confirm')).toBeVisible();
  // Still open once the page has drawn a frame after the double click.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  await expect(byTestId(page, 'submit-confirm')).toBeVisible();
  await byTestId(page, 'submit-cancel').click();
  await expect(byTestId(page, 'submit-confirm')).toBeHidden();

  await context.setOffline(true);
  await expect(submit).toBeDisabled();
  await expect(byTestId(page, 'submit-hint')).toHaveAttribute('data-reason', 'submit.blocked.unreachable');
  await context.setOffline(false);
  await expect(submit).toBeEnabled();
});

test('undo shows the slice it changed, a range asks about its never-shown slices, and a reload restores slice and window', async ({ page, mejirushi }) => {
  await signIn(page, mejirushi.annotator);
  await openDemoItem(page);

  await goToSlice(page, 3);
  await labelByKeys(page, [keyFor(SAH_ABSENT)]);
  await goToSlice(page, 12);
  await expectSliceShown(page, 12);
  await page.keyboard.press('Control+z');
  await expectSliceShown(page, 3);
  expect((await stripClasses(page))[3]).toBe('');

  // Slices 8 and 12 were shown, 9–11 never: the range asks, and "only the shown" labels 8 and 12.
  await goToSlice(page, 8);
  await expectSliceShown(page, 8);
  await byTestId(page, 'strip-cell-12').click({ modifiers: ['Shift'] });
  await expectSliceShown(page, 12);
  await page.keyboard.press(keyFor(SAH_ABSENT));
  const ask = byTestId(page, 'unseen-range-dialog');
  await expect(ask).toBeVisible();
  await expect(byTestId(page, 'unseen-range-count')).toHaveAttribute('data-unseen', '3');
  await expect(byTestId(page, 'unseen-range-count')).toHaveAttribute('data-total', '5');
  expect((await stripClasses(page)).slice(8, 13)).toEqual(['', '', '', '', '']);
  await byTestId(page, 'unseen-range-seen').click();
  await expect(ask).toBeHidden();
  expect((await stripClasses(page)).slice(8, 13)).toEqual([SAH_ABSENT, '', '', '', SAH_ABSENT]);

  await expectSliceShown(page, 13);
  await byTestId(page, 'viewer-preset-brain').click();
  const viewer = byTestId(page, 'series-viewer');
  await expect(viewer).toHaveAttribute('data-voi', '80/40');
  await settled(page);

  await page.reload();
  await waitForItem(page);
  await expectSliceShown(page, 13);
  await expect(viewer).toHaveAttribute('data-voi', '80/40');
  await expect(byTestId(page, 'viewer-preset-brain')).toHaveAttribute('aria-pressed', 'true');
});
