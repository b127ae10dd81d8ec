/**
 * Working-group review of a video frame set, as separate plain users: two annotators assigned an
 * uploaded clip give the same Mayo subscore on one frame and different ones on two others and hand
 * it in (through the API); a plain reviewer opens the item from the queue, sees exactly those two
 * frames marked with both readers' answers, steps between them with N / P and by one frame with
 * → / ←, returns reader A with a comment pinned to a differing frame (R, Ctrl+Enter), approves
 * reader B (the queue's next row) with one key, and sees the thread's "go to" show its frame. A's
 * item page names the frame.
 */
import type { Page } from '@playwright/test';
import { targetLabelId } from '../src/core/recordIds';
import type { ApiClient } from '../src/data/api';
import { videoFrameSet } from './fixtures/frames';
import { byTestId, expect, serverApi, signIn, test, type Account } from './fixtures/mejirushi';
import { annotator, approveByOneKey, provenanceOf } from './fixtures/review';

const FRAMES = 20;
/** 0-based frame → Mayo subscore, per reader: they agree on frame 2 and differ on frames 5 and 9. */
const MAYO_A: ReadonlyMap<number, number> = new Map([
  [2, 1],
  [5, 2],
  [9, 3],
]);
const MAYO_B: ReadonlyMap<number, number> = new Map([
  [2, 1],
  [5, 3],
  [9, 2],
]);
const DIFFERING = [5, 9];

/** As the reader, through the item's records API: a Mayo subscore on each frame of `mayo`; then hands the frame set in. */
async function handIn(api: ApiClient, itemId: string, readerId: string, mayo: ReadonlyMap<number, number>): Promise<void> {
  const { item } = await api.getItem(itemId);
  if (item.content.kind !== 'frameSet') throw new Error('the upload should be a frame set');
  const { frames } = item.content;
  const records = [...mayo].map(([frame, score]) => {
    const targetId = frames[frame]?.targetId ?? '';
    return { type: 'label' as const, id: targetLabelId('mayo', targetId), questionId: 'mayo', targetId, classCodes: [`mayo.${score}`], provenance: provenanceOf(readerId) };
  });
  const { revision } = await api.patchRecords(itemId, { ops: records.map((record) => ({ kind: 'put' as const, id: record.id, baseVersion: 0, record })) }, `mayo-${readerId}`);
  await api.submit(itemId, revision, `submit-${readerId}`);
}

/** The reviewer's frame-set screen shows this reader's work with frame `frame` large and its image loaded. */
async function expectReviewOn(page: Page, annotatorId: string, frame: number): Promise<void> {
  await expect(page.locator(`[data-testid="review-item"][data-ready="true"][data-annotator="${annotatorId}"]`)).toBeVisible();
  await expect(byTestId(page, 'review-frames')).toHaveAttribute('data-frame', String(frame));
  await expect(page.locator(`[data-testid="frame-large"][data-frame="${frame}"][data-loaded="true"]`)).toBeVisible();
}

/** Frame indices the reviewer's strip marks as differing. */
function differingFrames(page: Page): Promise<number[]> {
  return page.locator('[data-testid^="review-frame-"][data-differs="true"]').evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute('data-testid')!.replace('review-frame-', ''))));
}

test('a reviewer compares two readers’ Mayo subscores frame by frame, returns one pinned to a differing frame and approves the other with one key', async ({ browser, page, mejirushi }) => {
  const itemId = await videoFrameSet(mejirushi, 'Colitis review', FRAMES);
  const admin = await serverApi(mejirushi.url, mejirushi.admin);
  const { item } = await admin.getItem(itemId);
  const a = await annotator(admin, mejirushi.url, 'noguchi');
  const b = await annotator(admin, mejirushi.url, 'ueda');
  const reviewer: Account = { username: 'kimura', password: 'one-time-passphrase-review', mustChangePassword: true };
  await admin.createUser({ username: reviewer.username, displayName: 'Kimura (reviewer)', password: reviewer.password, roles: ['reviewer'] });
  await admin.assign(item.datasetId, { readerIds: [a.id, b.id] });
  await handIn(a.api, itemId, a.id, MAYO_A);
  await handIn(b.api, itemId, b.id, MAYO_B);

  // From the queue: A's work opens on the first differing frame; exactly frames 6 and 10 (0-based 5, 9) are marked.
  await signIn(page, reviewer);
  await byTestId(page, 'nav-review').click();
  await expect(page.locator('[data-testid="review-queue"][data-ready="true"]')).toBeVisible();
  await byTestId(page, `review-row-${itemId}-${a.id}`).getByRole('link').click();
  await expectReviewOn(page, a.id, 5);
  expect(await differingFrames(page)).toEqual(DIFFERING);
  await expect(byTestId(page, 'review-differences')).toContainText('2 frames differ (6, 10)');
  // Both readers' answers: as chips on the differing frame and written out on the large frame.
  const chips = await page.locator('[data-testid^="review-frame-chip-5-"]').allTextContents();
  expect(chips.sort()).toEqual(['2', '3']);
  await expect(page.locator('[data-testid^="review-frame-chip-2-"]')).toHaveText(['1', '1']);
  await expect(byTestId(page, 'review-overlay')).toContainText('2 moderate');
  await expect(byTestId(page, 'review-overlay')).toContainText('3 severe');

  // N / P jump between the differing frames (past the last, round to the first); → / ← step one frame.
  for (const [key, frame] of [['n', 9], ['n', 5], ['p', 9], ['p', 5], ['ArrowRight', 6], ['ArrowLeft', 5]] as const) {
    await page.keyboard.press(key);
    await expectReviewOn(page, a.id, frame);
  }

  // A is returned with a comment pinned to frame 6 (R, type, Ctrl+Enter).
  const comment = 'This frame shows friability and erosions: Mayo 3, not 2.';
  await page.keyboard.press('r');
  await expect(byTestId(page, 'review-comment-input')).toBeFocused();
  await expect(page.locator('label[for="review-comment"]')).toContainText('Frame 6');
  await page.keyboard.type(comment);
  await page.keyboard.press('Control+Enter');
  // The queue's next row, B's work on the same frame set, follows; with A returned no two handed-in readers differ, so it opens on the first frame.
  await expectReviewOn(page, b.id, 0);
  expect(await differingFrames(page)).toEqual([]);
  const reviewerApi = await serverApi(mejirushi.url, reviewer);
  const [thread, ...others] = await reviewerApi.listComments(itemId, a.id);
  expect(others).toEqual([]);
  if (item.content.kind !== 'frameSet') throw new Error('the upload should be a frame set');
  expect(thread?.anchor).toEqual({ kind: 'target', targetId: item.content.frames[5]?.targetId });
  const threadId = thread?.id ?? '';

  // B is approved with one key press; the queue follows.
  await approveByOneKey(page, reviewerApi, itemId, b.id, 'REVIEW-FRAMES');

  // Back on A's work, the frame carries the thread and the thread's "go to" shows its frame.
  await page.goto(`/review/items/${itemId}?annotator=${a.id}`);
  await expectReviewOn(page, a.id, 0);
  await expect(byTestId(page, `review-state-${a.id}`)).toHaveAttribute('data-state', 'returned');
  await expect(byTestId(page, 'review-frame-5')).toHaveAttribute('data-commented', 'true');
  await byTestId(page, `comment-jump-${threadId}`).click();
  await expectReviewOn(page, a.id, 5);

  // A's own item page: the returned notice with the comment, naming the frame.
  const context = await browser.newContext({ baseURL: mejirushi.url });
  const pageA = await context.newPage();
  await signIn(pageA, a.account);
  await pageA.goto(`/items/${itemId}`);
  await expect(pageA.locator('[data-testid="item-page"][data-ready="true"]')).toBeVisible();
  await expect(byTestId(pageA, 'returned-notice')).toContainText(comment);
  await expect(byTestId(pageA, `comment-place-${threadId}`)).toHaveText('frame 6');
  // Its "go to" names the frame and moves the annotator's grid there.
  await expect(byTestId(pageA, `comment-jump-${threadId}`)).toHaveText('Go to frame 6');
  await byTestId(pageA, `comment-jump-${threadId}`).click();
  await expect(byTestId(pageA, 'frame-workspace')).toHaveAttribute('data-current-frame', '5');
  await context.close();
});
