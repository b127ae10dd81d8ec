/**
 * Two plain annotators hand in the demo series, labelled differently; a plain reviewer finds both
 * in the review queue, filters it by annotator and by disagreement, and opens one with Enter.
 */
import type { ApiClient } from '../src/data/api';
import { targetLabelId } from '../src/core/recordIds';
import { byTestId, CHOSEN_PASSWORD, expect, serverApi, signIn, test, type Account } from './fixtures/mejirushi';
import { DEMO_DATASET_NAME } from './fixtures/phantom';

/** As the reader: labels the series' first slice `code` and submits it. */
async function handIn(api: ApiClient, datasetId: string, readerId: string, code: string): Promise<string> {
  const series = (await api.listItems(datasetId)).items.find((item) => item.kind === 'series');
  if (!series) throw new Error('the demo dataset should hold a CT series');
  const { item, labelSet } = await api.getItem(series.id);
  if (item.content.kind !== 'series') throw new Error('the demo item should be a series');
  const question = labelSet.questions[0]!;
  const targetId = item.content.slices[0]!.targetId;
  const at = new Date().toISOString();
  const record = { type: 'label', id: targetLabelId(question.id, targetId), questionId: question.id, targetId, classCodes: [code], provenance: { origin: { kind: 'human' }, createdAt: at, updatedAt: at, authors: [readerId] } } as const;
  const { revision } = await api.patchRecords(series.id, { ops: [{ kind: 'put', id: record.id, baseVersion: 0, record }] }, `label-${readerId}`);
  await api.submit(series.id, revision, `submit-${readerId}`);
  return series.id;
}

test('a plain reviewer finds two readers’ handed-in work in the queue, filters it and opens one with Enter', async ({ page, mejirushi }) => {
  const admin = await serverApi(mejirushi.url, mejirushi.admin);
  const demo = (await admin.listDatasets()).find((dataset) => dataset.name === DEMO_DATASET_NAME)!;
  const readers: { account: Account; id: string; code: string }[] = [];
  for (const [name, code] of [['kato', 'sah.present'], ['ito', 'sah.absent']] as const) {
    const account: Account = { username: name, password: CHOSEN_PASSWORD, mustChangePassword: false };
    const oneTime = `one-time-passphrase-${code}`;
    const user = await admin.createUser({ username: name, displayName: `${name} (reader)`, password: oneTime, roles: ['annotator'] });
    await (await serverApi(mejirushi.url, { ...account, password: oneTime })).changePassword({ currentPassword: oneTime, newPassword: CHOSEN_PASSWORD });
    readers.push({ account, id: user.id, code });
  }
  await admin.assign(demo.id, { readerIds: readers.map((reader) => reader.id) });
  let itemId = '';
  for (const reader of readers) itemId = await handIn(await serverApi(mejirushi.url, reader.account), demo.id, reader.id, reader.code);

  const reviewer: Account = { username: 'mori', password: 'one-time-passphrase-review', mustChangePassword: true };
  await admin.createUser({ username: reviewer.username, displayName: 'Mori Aiko', password: reviewer.password, roles: ['reviewer'] });
  await signIn(page, reviewer);
  await byTestId(page, 'nav-review').click();
  const queue = byTestId(page, 'review-queue');
  await expect(queue).toHaveAttribute('data-ready', 'true');
  const [kato, ito] = readers.map((reader) => byTestId(page, `review-row-${itemId}-${reader.id}`));
  await expect(kato!).toBeVisible();
  await expect(ito!).toBeVisible();
  await expect(kato!).toContainText('2 of 4');
  await expect(byTestId(page, `review-differs-${itemId}-${readers[0]!.id}`)).toBeVisible();

  await byTestId(page, 'review-filter-annotator').selectOption({ label: 'ito (reader)' });
  await expect(kato!).toHaveCount(0);
  await expect(ito!).toBeVisible();
  await byTestId(page, 'review-filter-annotator').selectOption('');
  await byTestId(page, 'review-filter-disagreement').selectOption('none');
  await expect(queue).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('[data-testid^="review-row-"]')).toHaveCount(0);
  await byTestId(page, 'review-filter-disagreement').selectOption('only');
  await expect(kato!).toBeVisible();
  await expect(ito!).toBeVisible();

  await byTestId(page, 'lang-ja').click();
  await expect(queue.locator('h1')).toHaveText('レビュー待ち');
  await expect(byTestId(page, `review-differs-${itemId}-${readers[0]!.id}`)).toHaveText('相違あり');
  await byTestId(page, 'lang-en').click();

  // Keys act on the page, not on the filter last used.
  await page.locator('h1').click();
  await page.keyboard.press('j');
  await expect(kato!).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(ito!).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('k');
  await page.keyboard.press('Enter');
  // The first row opens, and a decision there moves on to the second row.
  await expect(byTestId(page, 'review-item')).toBeVisible();
  const opened = new URL(page.url());
  expect(opened.pathname).toBe(`/review/items/${itemId}`);
  expect(opened.searchParams.get('annotator')).toBe(readers[0]!.id);
  expect(new URL(opened.searchParams.get('next')!, opened.origin).searchParams.get('annotator')).toBe(readers[1]!.id);
});
