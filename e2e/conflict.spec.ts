import type { Page } from '@playwright/test';
import {
  byTestId,
  expect,
  expectSynced,
  goToSlice,
  keyFor,
  labelByKeys,
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
  syncRevision,
  test,
  type LabelMap,
} from './fixtures/mejirushi';

type Choice = 'keep-mine' | 'take-server' | 'merge';

async function labelSlice(page: Page, index: number, classCode: string): Promise<void> {
  await goToSlice(page, index);
  await labelByKeys(page, [keyFor(classCode)]);
}

function stripOf(labels: LabelMap): string[] {
  return phantomTruth().sopInstanceUids.map((uid) => labels[uid] ?? '');
}

for (const choice of ['keep-mine', 'take-server', 'merge'] as const satisfies readonly Choice[]) {
  test(`the same item edited on two devices: the conflict is shown, nothing is overwritten, "${choice}" wins`, async ({ page: a, browser, mejirushi }) => {
    const uid = phantomTruth().sopInstanceUids;
    const at = (entries: ReadonlyArray<readonly [number, string]>): LabelMap => Object.fromEntries(entries.map(([i, code]) => [uid[i], code]));

    await signIn(a, mejirushi.admin);
    const itemId = await openDemoItem(a);
    await labelSlice(a, 0, SAH_ABSENT);
    await settled(a);
    await expectSynced(a);

    // Device B opens the same item at the same revision.
    const contextB = await browser.newContext({ baseURL: mejirushi.url });
    try {
      const b = await contextB.newPage();
      await signIn(b, mejirushi.admin);
      await openDemoItem(b);
      await expectSynced(b);
      expect(await stripClasses(b)).toEqual(stripOf(at([[0, SAH_ABSENT]])));
      expect(await syncRevision(b)).toBe(await syncRevision(a));

      // A reads slice 5 as a bleed (and slice 10 too) and syncs.
      await labelSlice(a, 5, SAH_PRESENT);
      await labelSlice(a, 10, SAH_PRESENT);
      await settled(a);
      await expectSynced(a);
      const api = await serverApi(mejirushi.url, mejirushi.admin);
      const aLabels = at([[0, SAH_ABSENT], [5, SAH_PRESENT], [10, SAH_PRESENT]]);
      expect(await serverLabels(api, itemId)).toEqual(aLabels);
      const aRevision = (await api.getDocument(itemId)).revision;

      // B, still on the older revision, reads slice 5 differently.
      await labelSlice(b, 5, SAH_ABSENT);
      const dialog = byTestId(b, 'conflict-dialog');
      await expect(dialog).toBeVisible();
      await expect(syncBadge(b)).toHaveAttribute('data-status', 'conflict');
      await expect(byTestId(b, 'conflict-mine-5')).toHaveAttribute('data-classes', SAH_ABSENT);
      await expect(byTestId(b, 'conflict-server-5')).toHaveAttribute('data-classes', SAH_PRESENT);
      await expect(byTestId(b, 'conflict-mine-10')).toHaveAttribute('data-classes', '');
      await expect(byTestId(b, 'conflict-server-10')).toHaveAttribute('data-classes', SAH_PRESENT);
      // Both versions are kept: the server still holds A's, B's device still holds B's.
      const head = await api.getDocument(itemId);
      expect(head.revision).toBe(aRevision);
      expect(await serverLabels(api, itemId)).toEqual(aLabels);
      const bLabels = at([[0, SAH_ABSENT], [5, SAH_ABSENT]]);
      expect((await localState(b)).labels).toEqual(bLabels);

      await byTestId(b, `conflict-${choice}`).click();
      await expect(dialog).toBeHidden();
      const expected: Record<Choice, LabelMap> = {
        'keep-mine': bLabels,
        'take-server': aLabels,
        // A's changes and B's, B's winning on the slice both changed.
        merge: at([[0, SAH_ABSENT], [5, SAH_ABSENT], [10, SAH_PRESENT]]),
      };
      await settled(b);
      await expectSynced(b);
      await expect.poll(() => serverLabels(api, itemId)).toEqual(expected[choice]);
      expect((await localState(b)).labels).toEqual(expected[choice]);
      expect(await stripClasses(b)).toEqual(stripOf(expected[choice]));
      // A's revision stays in the history whatever B chose.
      expect((await api.listRevisions(itemId)).map((r) => r.revision)).toContain(aRevision);
    } finally {
      await contextB.close();
    }
  });
}
