import type { Page } from '@playwright/test';
import {
  byTestId,
  conflictCount,
  expect,
  expectSynced,
  labelSlice,
  labelsAtSlices,
  localState,
  openDemoItem,
  SAH_ABSENT,
  SAH_PRESENT,
  serverApi,
  serverLabels,
  settled,
  signIn,
  test,
  waitForItem,
} from './fixtures/mejirushi';

const at = labelsAtSlices;

/** The page follows the server's live change stream (changes made elsewhere arrive unasked). */
async function expectLive(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__mejirushi?.liveConnected() === true);
}

const canUndo = (page: Page): Promise<boolean> => page.evaluate(() => window.__mejirushi?.store.getState().openItem?.canUndo ?? false);

test('the same annotator on two devices: a slice labelled on one appears on the other unasked, which then labels on with no conflict', async ({
  page: a,
  browser,
  mejirushi,
}) => {
  await signIn(a, mejirushi.annotator);
  const itemId = await openDemoItem(a);
  await expectSynced(a);
  const context = await browser.newContext({ baseURL: mejirushi.url });
  const b = await context.newPage();
  try {
    await signIn(b, mejirushi.annotator);
    await openDemoItem(b);
    await expectSynced(b);
    await Promise.all([expectLive(a), expectLive(b)]);
    await settled(b);

    // Nobody touches B from here on until it has shown A's label.
    await labelSlice(a, 3, SAH_PRESENT);
    await expect(byTestId(b, 'strip-cell-3')).toHaveAttribute('data-classes', SAH_PRESENT);
    expect(await canUndo(b)).toBe(false);
    await expectSynced(b);

    await labelSlice(b, 8, SAH_ABSENT);
    await expect(byTestId(a, 'strip-cell-8')).toHaveAttribute('data-classes', SAH_ABSENT);
    // B relabels A's slice: it holds the server's version, so this is an edit, not a conflict.
    await labelSlice(b, 3, SAH_ABSENT);
    await expect(byTestId(a, 'strip-cell-3')).toHaveAttribute('data-classes', SAH_ABSENT);

    await Promise.all([settled(a), settled(b)]);
    const expected = at([
      [3, SAH_ABSENT],
      [8, SAH_ABSENT],
    ]);
    const api = await serverApi(mejirushi.url, mejirushi.annotator);
    expect(await serverLabels(api, itemId)).toEqual(expected);
    for (const page of [a, b]) {
      await expectSynced(page);
      expect(await conflictCount(page)).toBe(0);
      await expect(byTestId(page, 'conflict-dialog')).toHaveCount(0);
      expect((await localState(page)).labels).toEqual(expected);
    }
  } finally {
    await context.close();
  }
});

test('two tabs of one browser on the same item show each other’s labels unasked', async ({ page: first, context, mejirushi }) => {
  await signIn(first, mejirushi.annotator);
  await openDemoItem(first);
  await expectSynced(first);
  const second = await context.newPage();
  await second.goto(first.url());
  await waitForItem(second);
  await expectSynced(second);
  await Promise.all([expectLive(first), expectLive(second)]);
  await settled(second);

  await labelSlice(first, 5, SAH_PRESENT);
  await expect(byTestId(second, 'strip-cell-5')).toHaveAttribute('data-classes', SAH_PRESENT);
  await labelSlice(second, 6, SAH_ABSENT);
  await expect(byTestId(first, 'strip-cell-6')).toHaveAttribute('data-classes', SAH_ABSENT);
  await Promise.all([settled(first), settled(second)]);
  for (const page of [first, second]) {
    await expectSynced(page);
    expect(await conflictCount(page)).toBe(0);
  }
});
