import {
  byTestId,
  expect,
  expectSynced,
  keyFor,
  labelByKeys,
  localState,
  openDemoItem,
  phantomTruth,
  SAH_PRESENT,
  serverApi,
  serverLabels,
  settled,
  signIn,
  stripClasses,
  test,
  truthClass,
  truthLabels,
  waitForItem,
} from './fixtures/mejirushi';

test('labels every slice by keyboard; labels survive a reload and reach the server', async ({ page, mejirushi }) => {
  const truth = phantomTruth();
  await signIn(page, mejirushi.annotator);
  const itemId = await openDemoItem(page);
  await expect(page.getByTestId('item-page')).toHaveAttribute('data-editable', 'true');
  await expect(page.locator('[data-testid^="strip-cell-"]')).toHaveCount(truth.sliceCount);

  const expected = Array.from({ length: truth.sliceCount }, (_, i) => truthClass(i));
  await labelByKeys(page, expected.map(keyFor));
  expect(await stripClasses(page)).toEqual(expected);

  const answer = byTestId(page, 'series-answer');
  await expect(answer).toHaveAttribute('data-answer', SAH_PRESENT);
  await expect(answer).toHaveAttribute('data-complete', 'true');

  // Undo takes back exactly the last label; redo puts exactly it back.
  await page.keyboard.press('Control+z');
  await expect.poll(() => stripClasses(page)).toEqual([...expected.slice(0, -1), '']);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => stripClasses(page)).toEqual(expected);

  await settled(page);
  await page.reload();
  await waitForItem(page);
  expect(await stripClasses(page)).toEqual(expected);
  await expect(answer).toHaveAttribute('data-answer', SAH_PRESENT);
  const local = await localState(page);
  expect(local.targetIds).toEqual(truth.sopInstanceUids);

  await expectSynced(page);
  const api = await serverApi(mejirushi.url, mejirushi.annotator);
  const all = truthLabels(expected.keys());
  await expect.poll(() => serverLabels(api, itemId)).toEqual(all);
  expect(local.labels).toEqual(all);
});
