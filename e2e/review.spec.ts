/**
 * Working-group review as separate plain users: two annotators read the demo CT series
 * differently; the reviewer sees both readers' labels and the slices where they differ, returns
 * one reader with a comment pinned to a point clicked on a slice; that reader sees the thread say
 * where it is, goes to the slice, sees the pin there, fixes and submits again; the reviewer approves both. Approving a correct item costs the reviewer at most
 * two actions (counted from the screen being ready to the decision being recorded, and printed).
 */
import type { Page } from '@playwright/test';
import {
  byTestId,
  DEMO_DATASET_NAME,
  expect,
  expectSliceShown,
  goToSlice,
  keyFor,
  labelByKeys,
  serverApi,
  signIn,
  test,
  truthClass,
  type Account,
} from './fixtures/mejirushi';
import { differingSlices, expectPinAt, expectReviewReady, pinToPoint, readAndSubmit, readerState, submitItem, wrongClass } from './fixtures/review';

/** The slices both readers label; reader A gets DIFFERING wrong. */
const READ = [0, 1, 2, 3, 4, 5];
const DIFFERING = [2, 4];

async function openReview(page: Page, itemId: string, annotatorId: string, next?: string): Promise<void> {
  await page.goto(`/review/items/${itemId}?annotator=${annotatorId}${next ? `&next=${encodeURIComponent(next)}` : ''}`);
  await expectReviewReady(page, annotatorId);
}

test('a reviewer compares two readers, returns one with a pinned comment, and approves both after the fix', async ({ browser, mejirushi }) => {
  const admin = await serverApi(mejirushi.url, mejirushi.admin);
  const demo = (await admin.listDatasets()).find((dataset) => dataset.name === DEMO_DATASET_NAME);
  if (!demo) throw new Error('no demo dataset');
  const accounts: Record<'a' | 'b' | 'reviewer', Account> = {
    a: { username: 'reader-a', password: 'one-time-passphrase-a', mustChangePassword: true },
    b: { username: 'reader-b', password: 'one-time-passphrase-b', mustChangePassword: true },
    reviewer: { username: 'reviewer', password: 'one-time-passphrase-r', mustChangePassword: true },
  };
  const a = await admin.createUser({ username: accounts.a.username, displayName: 'Aoki Aya', password: accounts.a.password, roles: ['annotator'] });
  const b = await admin.createUser({ username: accounts.b.username, displayName: 'Baba Ben', password: accounts.b.password, roles: ['annotator'] });
  await admin.createUser({ username: accounts.reviewer.username, displayName: 'Reviewer Rin', password: accounts.reviewer.password, roles: ['reviewer'] });
  await admin.assign(demo.id, { readerIds: [a.id, b.id] });

  const pageOf = async (account: Account): Promise<Page> => {
    const context = await browser.newContext({ baseURL: mejirushi.url });
    const page = await context.newPage();
    await signIn(page, account);
    return page;
  };

  // Two readers read the series differently and hand it in.
  const pageA = await pageOf(accounts.a);
  const itemId = await readAndSubmit(pageA, READ, (index) => (DIFFERING.includes(index) ? wrongClass(truthClass(index)) : truthClass(index)));
  const pageB = await pageOf(accounts.b);
  await readAndSubmit(pageB, READ, truthClass);

  // The reviewer sees both layers and exactly the differing slices, and returns A pinned to the first.
  const reviewer = await pageOf(accounts.reviewer);
  const reviewerApi = await serverApi(mejirushi.url, accounts.reviewer);
  await openReview(reviewer, itemId, a.id);
  await expect(byTestId(reviewer, `review-layer-${a.id}`)).toBeChecked();
  await expect(byTestId(reviewer, `review-layer-${b.id}`)).toBeChecked();
  expect(await differingSlices(reviewer)).toEqual(DIFFERING);
  await expect(byTestId(reviewer, 'slice-counter')).toHaveAttribute('data-index', String(DIFFERING[0]));
  await reviewer.keyboard.press('n');
  await expect(byTestId(reviewer, 'slice-counter')).toHaveAttribute('data-index', String(DIFFERING[1]));
  await reviewer.keyboard.press('p');
  await expectSliceShown(reviewer, DIFFERING[0] as number);
  // Hiding a reader's layer takes their bars off the strip.
  await byTestId(reviewer, `review-layer-${b.id}`).uncheck();
  await expect(byTestId(reviewer, `review-slice-${DIFFERING[0]}`).locator('.review-slice-bar')).toHaveCount(1);
  await byTestId(reviewer, `review-layer-${b.id}`).check();
  await expect(byTestId(reviewer, `review-slice-${DIFFERING[0]}`).locator('.review-slice-bar')).toHaveCount(2);

  await reviewer.keyboard.press('r');
  await expect(byTestId(reviewer, 'review-comment-input')).toBeFocused();
  // Pinning to a point starts and Esc drops it, back to the slice; a click on the image then pins the comment there.
  const where = reviewer.locator('label[for="review-comment"]');
  await byTestId(reviewer, 'review-pin-point').click();
  await expect(byTestId(reviewer, 'review-pin-hint')).toBeVisible();
  await reviewer.keyboard.press('Escape');
  await expect(byTestId(reviewer, 'review-pin-hint')).toHaveCount(0);
  await expect(byTestId(reviewer, 'review-pin-point')).toHaveAttribute('aria-pressed', 'false');
  await expect(where).toContainText(`Slice ${(DIFFERING[0] as number) + 1}`);
  const clicked = await pinToPoint(reviewer, 0.45, 0.55);
  await expect(where).toContainText(`a point on slice ${(DIFFERING[0] as number) + 1}`);
  await expectPinAt(reviewer, 'pending', clicked);
  await expect(byTestId(reviewer, 'review-comment-input')).toBeFocused();
  const comment = `Slice ${(DIFFERING[0] as number) + 1}: look again at the blood here.`;
  await reviewer.keyboard.type(comment);
  await reviewer.keyboard.press('Control+Enter');
  await expect(reviewer).toHaveURL(/\/review$/);
  expect(await readerState(reviewerApi, itemId, a.id)).toBe('returned');
  // Stored as a point on that slice, inside its image.
  const { item } = await reviewerApi.getItem(itemId);
  if (item.content.kind !== 'series') throw new Error('the demo item is a series');
  const [pinned] = await reviewerApi.listComments(itemId, a.id);
  const anchor = pinned?.anchor;
  if (anchor?.kind !== 'point') throw new Error(`the comment is pinned to ${JSON.stringify(anchor)}, not a point`);
  expect(anchor.targetId).toBe(item.content.slices[DIFFERING[0] as number]?.targetId);
  expect(anchor.x).toBeGreaterThan(0);
  expect(anchor.x).toBeLessThan(item.content.columns);
  expect(anchor.y).toBeGreaterThan(0);
  expect(anchor.y).toBeLessThan(item.content.rows);

  // A sees the returned notice and the comment, goes to the slice, fixes, answers and resubmits.
  await pageA.reload();
  await expect(pageA.locator('[data-testid="item-page"][data-ready="true"]')).toBeVisible();
  const notice = byTestId(pageA, 'returned-notice');
  await expect(notice).toBeVisible();
  const thread = notice.locator('[data-testid^="comment-thread-"]');
  await expect(thread).toHaveCount(1);
  await expect(thread).toContainText(comment);
  const threadId = (await thread.getAttribute('data-testid'))?.replace('comment-thread-', '') ?? '';
  await expect(thread).toHaveAttribute('data-anchor-kind', 'point');
  await expect(thread).toHaveAttribute('data-anchor-x', String(anchor.x));
  await expect(thread).toHaveAttribute('data-anchor-y', String(anchor.y));
  await expect(byTestId(pageA, `comment-place-${threadId}`)).toHaveText(`a point on slice ${(DIFFERING[0] as number) + 1}`);
  await byTestId(pageA, `comment-jump-${threadId}`).click();
  await expectSliceShown(pageA, DIFFERING[0] as number);
  // The pin is on that slice, at the point, and on no other slice.
  const pin = byTestId(pageA, `point-marker-${threadId}`);
  await expect(pin).toHaveText('1');
  await expect(pin).toHaveAttribute('data-state', 'open');
  await expect(pin).toHaveAttribute('data-x', String(anchor.x));
  await labelByKeys(pageA, [keyFor(truthClass(DIFFERING[0] as number))]);
  await goToSlice(pageA, DIFFERING[1] as number);
  await expect(pin).toHaveCount(0);
  await labelByKeys(pageA, [keyFor(truthClass(DIFFERING[1] as number))]);
  await thread.getByTestId('comment-reply-input').fill('Fixed both slices.');
  await byTestId(pageA, `comment-reply-${threadId}`).click();
  await expect(thread).toContainText('Fixed both slices.');
  await byTestId(pageA, `comment-resolve-${threadId}`).click();
  await expect(thread).toHaveAttribute('data-status', 'resolved');
  await submitItem(pageA);

  // The reviewer approves A, moves on to B, and approves B: each in one key press.
  const bUrl = `/review/items/${itemId}?annotator=${b.id}`;
  await openReview(reviewer, itemId, a.id, bUrl);
  await expect(reviewer.locator('[data-testid^="review-slice-"][data-differs="true"]')).toHaveCount(0);
  await expect(byTestId(reviewer, `comment-thread-${threadId}`)).toHaveAttribute('data-status', 'resolved');
  let actions = 0;
  await reviewer.keyboard.press('a');
  actions += 1;
  await expect.poll(() => readerState(reviewerApi, itemId, a.id)).toBe('approved');
  await expectReviewReady(reviewer, b.id);
  expect(actions).toBeLessThanOrEqual(2);

  actions = 0;
  await reviewer.keyboard.press('a');
  actions += 1;
  await expect.poll(() => readerState(reviewerApi, itemId, b.id)).toBe('approved');
  console.log(`REVIEW approve-actions=${actions}`);
  expect(actions).toBeLessThanOrEqual(2);
  // A reviewer never sees their decision buttons on work that is not waiting for review.
  await openReview(reviewer, itemId, b.id);
  await expect(byTestId(reviewer, 'review-approve')).toHaveCount(0);
});
