import type { Browser, Page } from '@playwright/test';
import {
  byTestId,
  conflictCount,
  expect,
  expectSliceShown,
  expectSynced,
  goToSlice,
  labelSlice,
  labelsAtSlices,
  localState,
  openDemoItem,
  phantomTruth,
  SAH_ABSENT,
  SAH_PRESENT,
  serverApi,
  serverLabels,
  settled,
  signIn,
  stripClasses,
  syncBadge,
  test,
  type LabelMap,
  type Mejirushi,
} from './fixtures/mejirushi';

const uid = () => phantomTruth().sopInstanceUids;
const at = labelsAtSlices;
const stripOf = (labels: LabelMap): string[] => uid().map((id) => labels[id] ?? '');

/** The same annotator on a second device (browser context), with the demo item open and synced. */
async function secondDevice(browser: Browser, mejirushi: Mejirushi) {
  const context = await browser.newContext({ baseURL: mejirushi.url });
  const page = await context.newPage();
  await signIn(page, mejirushi.annotator);
  await openDemoItem(page);
  await expectSynced(page);
  return { context, page };
}

/** Takes in what the other device did, as a reload or going online would, then waits for it. */
async function catchUp(page: Page): Promise<void> {
  await page.evaluate(() => window.__mejirushi?.catchUp());
  await settled(page);
}

test('the same annotator labels different slices on two devices: both are kept, nobody is asked', async ({ page: a, browser, mejirushi }) => {
  await signIn(a, mejirushi.annotator);
  const itemId = await openDemoItem(a);
  await expectSynced(a);
  const b = await secondDevice(browser, mejirushi);
  try {
    await labelSlice(a, 2, SAH_ABSENT);
    await labelSlice(b.page, 7, SAH_PRESENT);
    await Promise.all([settled(a), settled(b.page)]);
    await expectSynced(a);
    await expectSynced(b.page);
    const both = at([[2, SAH_ABSENT], [7, SAH_PRESENT]]);
    const api = await serverApi(mejirushi.url, mejirushi.annotator);
    expect(await serverLabels(api, itemId)).toEqual(both);

    await catchUp(a);
    await catchUp(b.page);
    for (const page of [a, b.page]) {
      expect(await stripClasses(page)).toEqual(stripOf(both));
      expect((await localState(page)).labels).toEqual(both);
      await expect(byTestId(page, 'conflict-dialog')).toHaveCount(0);
      expect(await conflictCount(page)).toBe(0);
    }
  } finally {
    await b.context.close();
  }
});

for (const how of ['per slice', 'all at once'] as const) {
  test(`the same slices labelled differently on two devices: the dialog asks per slice, both versions kept until chosen (${how})`, async ({ page: a, browser, mejirushi }) => {
    await signIn(a, mejirushi.annotator);
    const itemId = await openDemoItem(a);
    await labelSlice(a, 0, SAH_ABSENT);
    await settled(a);
    await expectSynced(a);
    const b = await secondDevice(browser, mejirushi);
    try {
      expect(await stripClasses(b.page)).toEqual(stripOf(at([[0, SAH_ABSENT]])));

      // B reads slices 5, 10 and 12 while online: a slice is labelled only once it has been shown.
      for (const slice of [5, 10, 12]) {
        await goToSlice(b.page, slice);
        await expectSliceShown(b.page, slice);
      }
      // B goes offline (so A's labels cannot reach it live, and the dialog would otherwise interrupt
      // it after the first slice). A reads slices 5 and 10 as bleeds and syncs; B, not caught up,
      // reads them differently and slice 12 too, then reconnects.
      await b.context.setOffline(true);
      await labelSlice(a, 5, SAH_PRESENT);
      await labelSlice(a, 10, SAH_PRESENT);
      await settled(a);
      await expectSynced(a);
      const api = await serverApi(mejirushi.url, mejirushi.annotator);
      const aLabels = at([[0, SAH_ABSENT], [5, SAH_PRESENT], [10, SAH_PRESENT]]);
      expect(await serverLabels(api, itemId)).toEqual(aLabels);

      await labelSlice(b.page, 5, SAH_ABSENT);
      await labelSlice(b.page, 10, SAH_ABSENT);
      await labelSlice(b.page, 12, SAH_ABSENT);
      await settled(b.page);
      await b.context.setOffline(false);
      const dialog = byTestId(b.page, 'conflict-dialog');
      await expect(dialog).toBeVisible();
      await expect(syncBadge(b.page)).toHaveAttribute('data-status', 'conflict');
      await expect(b.page.locator('[data-testid^="conflict-row-"]')).toHaveCount(2);
      for (const slice of [5, 10]) {
        await expect(byTestId(b.page, `conflict-mine-${slice}`)).toHaveAttribute('data-classes', SAH_ABSENT);
        await expect(byTestId(b.page, `conflict-server-${slice}`)).toHaveAttribute('data-classes', SAH_PRESENT);
      }
      // Both versions are kept; B's slice 12, which nobody else touched, went through.
      expect(await serverLabels(api, itemId)).toEqual({ ...aLabels, ...at([[12, SAH_ABSENT]]) });
      expect((await localState(b.page)).labels).toEqual(at([[0, SAH_ABSENT], [5, SAH_ABSENT], [10, SAH_ABSENT], [12, SAH_ABSENT]]));

      let expected: LabelMap;
      if (how === 'per slice') {
        await byTestId(b.page, 'conflict-keep-mine-5').click();
        await expect(b.page.locator('[data-testid^="conflict-row-"]')).toHaveCount(1);
        await byTestId(b.page, 'conflict-take-server-10').click();
        expected = at([[0, SAH_ABSENT], [5, SAH_ABSENT], [10, SAH_PRESENT], [12, SAH_ABSENT]]);
      } else {
        await byTestId(b.page, 'conflict-keep-mine').click();
        expected = at([[0, SAH_ABSENT], [5, SAH_ABSENT], [10, SAH_ABSENT], [12, SAH_ABSENT]]);
      }
      await expect(dialog).toBeHidden();
      await settled(b.page);
      await expectSynced(b.page);
      expect(await serverLabels(api, itemId)).toEqual(expected);
      expect((await localState(b.page)).labels).toEqual(expected);
      expect(await stripClasses(b.page)).toEqual(stripOf(expected));

      // A takes in the outcome without being asked anything.
      await catchUp(a);
      expect(await stripClasses(a)).toEqual(stripOf(expected));
      await expect(byTestId(a, 'conflict-dialog')).toHaveCount(0);
    } finally {
      await b.context.close();
    }
  });
}
