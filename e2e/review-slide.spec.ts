/**
 * Working-group review of a slide, as separate plain users: two annotators assigned the demo slide
 * outline its first carcinoma focus differently, agree on the adenoma, answer its Group
 * differently, and hand it in (through the API); a plain reviewer opens the slide's review, sees
 * both readers' layers, only the differing region listed, jumps to it with N, returns one reader
 * with a comment pinned to that region, shows the thread's region again, and approves the other
 * reader with one key. The returned reader's own slide shows the thread and fits its region.
 */
import type { Page } from '@playwright/test';
import { DEMO_SLIDE_DATASET_NAME } from '../server/demo/slide/seed';
import type { Geometry } from '../src/core/annotation';
import type { Box } from '../src/core/bounds';
import { targetLabelId } from '../src/core/recordIds';
import { viewAround } from '../src/core/review/regionBoxes';
import type { ApiClient } from '../src/data/api';
import { byTestId, expect, serverApi, signIn, test, type Account } from './fixtures/mejirushi';
import { annotator, approveByOneKey, expectPinAt, pinToPoint, provenanceOf } from './fixtures/review';
import { expectSlideReady, expectViewAtRest } from './fixtures/slides';

/** Level-0 px of the demo slide: reader A outlines the first carcinoma focus generously, B tightly; both the same adenoma. */
const OUTLINE_A: Box = { minX: 25_000, minY: 11_500, maxX: 31_000, maxY: 17_000 };
const OUTLINE_B: Box = { minX: 27_000, minY: 13_000, maxX: 29_000, maxY: 15_000 };
const ADENOMA: Box = { minX: 9_500, minY: 18_000, maxX: 13_500, maxY: 22_000 };
/** Where the readers' carcinoma outlines lie together: what the reviewer's jump shows and the comment is pinned to. */
const DIFFERING: Box = { minX: 25_000, minY: 11_500, maxX: 31_000, maxY: 17_000 };

const polygon = (box: Box): Geometry => ({
  type: 'polygon',
  points: [
    [box.minX, box.minY],
    [box.maxX, box.minY],
    [box.maxX, box.maxY],
    [box.minX, box.maxY],
  ],
});

/** A reader's outline of `box` on the slide, as a new record. */
const shape = (itemId: string, readerId: string, id: string, classCode: string, box: Box) =>
  ({ type: 'shape' as const, id: `${id}-${readerId}`, questionId: 'lesion', targetId: itemId, classCode, geometry: polygon(box), provenance: provenanceOf(readerId) });

/** As the reader, through the item's records API: their carcinoma outline, the adenoma, their Group; then hands the slide in. */
async function handIn(api: ApiClient, itemId: string, readerId: string, carcinoma: Box, group: string): Promise<void> {
  const records = [
    shape(itemId, readerId, 'carcinoma', 'lesion.carcinoma', carcinoma),
    shape(itemId, readerId, 'adenoma', 'lesion.adenoma', ADENOMA),
    { type: 'label' as const, id: targetLabelId('group', itemId), questionId: 'group', targetId: itemId, classCodes: [group], provenance: provenanceOf(readerId) },
  ];
  const { revision } = await api.patchRecords(itemId, { ops: records.map((record) => ({ kind: 'put' as const, id: record.id, baseVersion: 0, record })) }, `outline-${readerId}`);
  await api.submit(itemId, revision, `submit-${readerId}`);
}

/** The view (after it rests) shows all of `box` and is centred on it. */
async function expectViewOn(page: Page, box: Box): Promise<void> {
  await expectViewAtRest(page);
  const view = await page.evaluate(() => window.__mejirushiSlide?.view());
  if (!view) throw new Error('no slide viewer test hook');
  const [cx, cy] = [(box.minX + box.maxX) / 2, (box.minY + box.maxY) / 2];
  const tolerance = Math.max(box.maxX - box.minX, box.maxY - box.minY) * 0.05;
  expect(Math.abs(view.center[0] - cx)).toBeLessThan(tolerance);
  expect(Math.abs(view.center[1] - cy)).toBeLessThan(tolerance);
  expect(view.width / view.scale).toBeGreaterThanOrEqual(box.maxX - box.minX);
  expect(view.height / view.scale).toBeGreaterThanOrEqual(box.maxY - box.minY);
  // Zoomed in on it: far less than the whole 51,200 px wide slide is in view.
  expect(view.width / view.scale).toBeLessThan(20_000);
}

async function openReview(page: Page, itemId: string, annotatorId: string): Promise<void> {
  await page.goto(`/review/items/${itemId}?annotator=${annotatorId}`);
  await expect(page.locator(`[data-testid="review-item"][data-ready="true"][data-annotator="${annotatorId}"]`)).toBeVisible();
  await expect(byTestId(page, 'review-slide')).toBeVisible();
  await expect(page.locator('[data-testid="slide-viewer"][data-ready="true"]')).toBeVisible();
}

test('a reviewer compares two readers’ outlines on a slide, returns one pinned to the differing region and approves the other with one key', async ({ browser, page, mejirushi }) => {
  const admin = await serverApi(mejirushi.url, mejirushi.admin);
  const dataset = (await admin.listDatasets()).find((d) => d.name === DEMO_SLIDE_DATASET_NAME);
  if (!dataset) throw new Error(`the fresh server should have seeded "${DEMO_SLIDE_DATASET_NAME}"`);
  const a = await annotator(admin, mejirushi.url, 'noguchi');
  const b = await annotator(admin, mejirushi.url, 'ueda');
  const reviewer: Account = { username: 'kimura', password: 'one-time-passphrase-review', mustChangePassword: true };
  await admin.createUser({ username: reviewer.username, displayName: 'Kimura (reviewer)', password: reviewer.password, roles: ['reviewer'] });
  await admin.assign(dataset.id, { readerIds: [a.id, b.id] });
  const itemId = (await a.api.listItems(dataset.id)).items[0]?.id;
  if (!itemId) throw new Error('the demo slide is not listed');
  await handIn(a.api, itemId, a.id, OUTLINE_A, 'group.5');
  await handIn(b.api, itemId, b.id, OUTLINE_B, 'group.4');

  // Both readers' layers are on, their Groups differ, and only the carcinoma region is listed.
  await signIn(page, reviewer);
  await openReview(page, itemId, a.id);
  await expect(byTestId(page, `review-layer-${a.id}`)).toBeChecked();
  await expect(byTestId(page, `review-layer-${b.id}`)).toBeChecked();
  await expect(byTestId(page, 'review-slide-answers')).toHaveAttribute('data-differs', 'true');
  await expect(byTestId(page, `review-slide-answer-${a.id}`)).toContainText('Group 5');
  await expect(byTestId(page, `review-slide-answer-${b.id}`)).toContainText('Group 4');
  const differences = page.locator('[data-testid^="review-difference-"]');
  await expect(differences).toHaveCount(1);
  const differenceId = `review-difference-${itemId}-lesion.carcinoma`;
  await expect(byTestId(page, differenceId)).toContainText('Carcinoma');

  // N jumps to the region; both readers' outlines there are drawn.
  await page.keyboard.press('n');
  await expect(byTestId(page, 'review-slide')).toHaveAttribute('data-selected', `${itemId}/lesion.carcinoma`);
  await expect(byTestId(page, differenceId)).toHaveAttribute('aria-pressed', 'true');
  await expectViewOn(page, DIFFERING);
  await expect.poll(async () => Number(await byTestId(page, 'review-slide-canvas').getAttribute('data-drawn'))).toBe(2);
  // Hiding B's layer leaves A's outline alone.
  await byTestId(page, `review-layer-${b.id}`).uncheck();
  await expect.poll(async () => Number(await byTestId(page, 'review-slide-canvas').getAttribute('data-drawn'))).toBe(1);
  await byTestId(page, `review-layer-${b.id}`).check();

  // A is returned with a comment pinned to the region.
  const comment = 'The carcinoma reaches well past the focus you outlined: outline it again.';
  await byTestId(page, 'review-return').click();
  await expect(byTestId(page, 'review-comment-input')).toBeFocused();
  await byTestId(page, 'review-comment-input').fill(comment);
  await byTestId(page, 'review-comment-send').click();
  await expect(page).toHaveURL(/\/review$/);
  const reviewerApi = await serverApi(mejirushi.url, reviewer);
  const [thread, ...others] = await reviewerApi.listComments(itemId, a.id);
  expect(others).toEqual([]);
  expect(thread?.anchor).toEqual({
    kind: 'region',
    targetId: itemId,
    polygon: [
      [DIFFERING.minX, DIFFERING.minY],
      [DIFFERING.maxX, DIFFERING.minY],
      [DIFFERING.maxX, DIFFERING.maxY],
      [DIFFERING.minX, DIFFERING.maxY],
    ],
  });
  const threadId = thread?.id ?? '';

  // Back on A's work, the thread's "show" zooms to its region.
  await openReview(page, itemId, a.id);
  await expect(byTestId(page, `review-state-${a.id}`)).toHaveAttribute('data-state', 'returned');
  await expect(byTestId(page, `comment-thread-${threadId}`)).toContainText(comment);
  await byTestId(page, `comment-jump-${threadId}`).click();
  await expectViewOn(page, DIFFERING);

  // B is approved with one key press.
  await openReview(page, itemId, b.id);
  await approveByOneKey(page, reviewerApi, itemId, b.id, 'REVIEW-SLIDE');

  // A's own slide shows the thread; its "show" fits the region.
  const context = await browser.newContext({ baseURL: mejirushi.url });
  const pageA = await context.newPage();
  await signIn(pageA, a.account);
  await pageA.goto(`/items/${itemId}`);
  await expectSlideReady(pageA);
  await expect(byTestId(pageA, 'returned-notice')).toContainText(comment);
  await byTestId(pageA, `comment-jump-${threadId}`).click();
  await expectViewOn(pageA, DIFFERING);

  // A outlines the rest of the carcinoma and hands the slide in again; the reviewer returns it pinned to a point clicked on the slide.
  const more = shape(itemId, a.id, 'carcinoma-more', 'lesion.carcinoma', OUTLINE_B);
  const { revision } = await a.api.patchRecords(itemId, { ops: [{ kind: 'put', id: more.id, baseVersion: 0, record: more }] }, `outline-more-${a.id}`);
  await a.api.submit(itemId, revision, `resubmit-${a.id}`);
  await openReview(page, itemId, a.id);
  await expectViewAtRest(page);
  await byTestId(page, 'review-return').click();
  const clicked = await pinToPoint(page, 0.5, 0.5);
  await expect(page.locator('label[for="review-comment"]')).toContainText('a point on the slide');
  await expectPinAt(page, 'pending', clicked);
  const pointComment = 'Look at this gland again.';
  await byTestId(page, 'review-comment-input').fill(pointComment);
  await byTestId(page, 'review-comment-send').click();
  await expect(page).toHaveURL(/\/review$/);
  const pointThread = (await reviewerApi.listComments(itemId, a.id)).find((t) => t.anchor.kind === 'point');
  const anchor = pointThread?.anchor;
  if (anchor?.kind !== 'point') throw new Error('no thread is pinned to a point');
  const { item } = await reviewerApi.getItem(itemId);
  if (item.content.kind !== 'slide') throw new Error('the demo slide is a slide');
  expect(anchor.targetId).toBe(itemId);
  expect(anchor.x).toBeGreaterThan(0);
  expect(anchor.x).toBeLessThan(item.content.levels[0]?.width ?? 0);
  expect(anchor.y).toBeGreaterThan(0);
  expect(anchor.y).toBeLessThan(item.content.levels[0]?.height ?? 0);

  // A's slide names the place, shows it around the point, and draws the pin there.
  await pageA.reload();
  await expectSlideReady(pageA);
  const pointId = pointThread?.id ?? '';
  await expect(byTestId(pageA, `comment-thread-${pointId}`)).toHaveAttribute('data-anchor-kind', 'point');
  await expect(byTestId(pageA, `comment-place-${pointId}`)).toHaveText('a point on the slide');
  await byTestId(pageA, `comment-jump-${pointId}`).click();
  const around = viewAround({ minX: anchor.x, minY: anchor.y, maxX: anchor.x, maxY: anchor.y });
  await expectViewOn(pageA, around);
  const pin = byTestId(pageA, `point-marker-${pointId}`);
  await expect(pin).toBeVisible();
  await expect(pin).toHaveAttribute('data-state', 'open');
  await context.close();
});
