/**
 * Issue 9, settling a region by drawing it: two plain annotators outline the demo slide's first
 * carcinoma focus differently and hand it in (through the API); a plain WG lead opens the slide's
 * adjudication, sees both readers' outlines beside the unit, starts from reader 1's outline, drags
 * one vertex, takes it back with Ctrl+Z and drags it again, and saves with Enter. The unit is
 * settled as edited, and the item's consensus holds the moved polygon citing reader 1's record.
 */
import type { Page } from '@playwright/test';
import { DEMO_SLIDE_DATASET_NAME } from '../server/demo/slide/seed';
import type { Geometry, Point } from '../src/core/annotation';
import type { Box } from '../src/core/bounds';
import type { ApiClient } from '../src/data/api';
import { byTestId, CHOSEN_PASSWORD, expect, serverApi, signIn, test, type Account } from './fixtures/mejirushi';
import { expectViewAtRest, imageToPage } from './fixtures/slides';

/** Level-0 px of the demo slide: one reader outlines the first carcinoma focus generously, the other tightly. */
const GENEROUS: Box = { minX: 25_000, minY: 11_500, maxX: 31_000, maxY: 17_000 };
const TIGHT: Box = { minX: 27_000, minY: 13_000, maxX: 29_000, maxY: 15_000 };

const corners = (box: Box): Point[] => [
  [box.minX, box.minY],
  [box.maxX, box.minY],
  [box.maxX, box.maxY],
  [box.minX, box.maxY],
];

/** As the reader, through the item's records API: their carcinoma outline, then the slide handed in. */
async function handIn(api: ApiClient, itemId: string, readerId: string, box: Box): Promise<void> {
  const at = new Date().toISOString();
  const record = {
    type: 'shape' as const,
    id: `carcinoma-${readerId}`,
    questionId: 'lesion',
    targetId: itemId,
    classCode: 'lesion.carcinoma',
    geometry: { type: 'polygon', points: corners(box) } satisfies Geometry,
    provenance: { origin: { kind: 'human' as const }, createdAt: at, updatedAt: at, authors: [readerId] },
  };
  const { revision } = await api.patchRecords(itemId, { ops: [{ kind: 'put', id: record.id, baseVersion: 0, record }] }, `outline-${readerId}`);
  await api.submit(itemId, revision, `submit-${readerId}`);
}

/** A plain annotator with a password of their own: their id and their API client. */
async function annotator(admin: ApiClient, url: string, username: string): Promise<{ id: string; api: ApiClient }> {
  const oneTime = `one-time-passphrase-${username.length}`;
  const user = await admin.createUser({ username, displayName: `${username} (reader)`, password: oneTime, roles: ['annotator'] });
  const account: Account = { username, password: CHOSEN_PASSWORD, mustChangePassword: false };
  await (await serverApi(url, { ...account, password: oneTime })).changePassword({ currentPassword: oneTime, newPassword: CHOSEN_PASSWORD });
  return { id: user.id, api: await serverApi(url, account) };
}

async function pagePoint(page: Page, point: Point): Promise<Point> {
  const [x, y] = await imageToPage(page, point);
  return [Math.round(x), Math.round(y)];
}

/** Presses on `from` and releases on `to` (image px), moving in steps so the tool sees a drag. */
async function drag(page: Page, from: Point, to: Point): Promise<void> {
  const [x0, y0] = await pagePoint(page, from);
  const [x1, y1] = await pagePoint(page, to);
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move(x1, y1, { steps: 6 });
  await page.mouse.up();
}

const drawn = (page: Page) => byTestId(page, 'review-slide-canvas').getAttribute('data-drawn').then(Number);

test('a WG lead settles a differing region by editing reader 1’s outline; the consensus holds the edit citing reader 1', async ({ page, mejirushi }) => {
  const admin = await serverApi(mejirushi.url, mejirushi.admin);
  const dataset = (await admin.listDatasets()).find((d) => d.name === DEMO_SLIDE_DATASET_NAME);
  if (!dataset) throw new Error(`the fresh server should have seeded "${DEMO_SLIDE_DATASET_NAME}"`);
  const a = await annotator(admin, mejirushi.url, 'noguchi');
  const b = await annotator(admin, mejirushi.url, 'ueda');
  const lead: Account = { username: 'sato', password: 'one-time-passphrase-lead', mustChangePassword: true };
  await admin.createUser({ username: lead.username, displayName: 'Sato Kenji', password: lead.password, roles: ['wgLead'] });
  await admin.assign(dataset.id, { readerIds: [a.id, b.id] });
  const itemId = (await a.api.listItems(dataset.id)).items[0]?.id;
  if (!itemId) throw new Error('the demo slide is not listed');
  await handIn(a.api, itemId, a.id, GENEROUS);
  await handIn(b.api, itemId, b.id, TIGHT);
  // Readers are numbered in id order.
  const [one, two] = [a, b].sort((x, y) => (x.id < y.id ? -1 : 1)) as [typeof a, typeof b];
  const outlineOne = one === a ? GENEROUS : TIGHT;

  await signIn(page, lead);
  await page.goto(`/adjudicate/items/${itemId}`);
  await expect(page.locator('[data-testid="adjudication"][data-ready="true"]')).toBeVisible();
  const unitKey = `${itemId}/lesion.carcinoma`;
  const row = byTestId(page, `adjudication-unit-lesion-${unitKey}`);
  await expect(row).toHaveAttribute('data-selected', 'true');
  await expect(row).toHaveAttribute('data-settled', 'false');
  await expect(byTestId(page, 'adjudication-slide')).toHaveAttribute('data-unit', unitKey);
  await expect(page.locator('[data-testid="slide-viewer"][data-ready="true"]')).toBeVisible();
  // Both readers' outlines of the unit are on screen, the view around them.
  await expect.poll(() => drawn(page)).toBe(2);
  const scale = await expectViewAtRest(page);
  const view = await page.evaluate(() => window.__mejirushiSlide?.view());
  expect(view && view.width / view.scale).toBeLessThan(20_000);

  // Start from reader 1: their outline is the draft, the select tool ready.
  await byTestId(page, `adjudication-start-from-${one.id}`).click();
  const editor = byTestId(page, 'region-editor');
  await expect(editor).toHaveAttribute('data-count', '1');
  await expect(editor).toHaveAttribute('data-tool', 'select');
  const [, , corner] = corners(outlineOne) as [Point, Point, Point, Point];
  const inside: Point = [(outlineOne.minX + outlineOne.maxX) / 2, outlineOne.minY + (outlineOne.maxY - outlineOne.minY) / 4];
  const [ix, iy] = await pagePoint(page, inside);
  await page.mouse.click(ix, iy);
  await expect(editor).toHaveAttribute('data-selected', '1');

  // A first drag, taken back with Ctrl+Z; then the drag the lead keeps, saved with Enter.
  const astray: Point = [corner[0] - 400, corner[1] - 300];
  const movedTo: Point = [corner[0] + 400, corner[1] + 300];
  await drag(page, corner, astray);
  await expect(byTestId(page, 'region-editor-undo')).toBeEnabled();
  await page.keyboard.press('Control+z');
  await expect(byTestId(page, 'region-editor-undo')).toBeDisabled();
  await drag(page, corner, movedTo);
  await expect(byTestId(page, 'region-editor-undo')).toBeEnabled();
  await page.keyboard.press('Enter');

  await expect(row).toHaveAttribute('data-settled', 'true');
  await expect(row).toHaveAttribute('data-basis', 'edited');
  await expect(byTestId(page, 'adjudication-slide')).toHaveAttribute('data-editing', 'false');
  await expect(byTestId(page, 'adjudication-slide')).toHaveAttribute('data-consensus', '1');
  await expect(byTestId(page, 'adjudication')).toHaveAttribute('data-complete', 'true');
  // The readers' outlines and the consensus drawing.
  await expect.poll(() => drawn(page)).toBe(3);

  const consensus = await (await serverApi(mejirushi.url, lead)).getConsensus(itemId);
  const edited = consensus.records.filter((entry) => entry.basis === 'edited');
  expect(edited.map((entry) => [entry.record.id, entry.sources])).toEqual([[`consensus:lesion:${unitKey}:0`, [{ readerId: one.id, recordId: `carcinoma-${one.id}`, version: 1 }]]]);
  const { record } = edited[0]!;
  if (record.type !== 'shape' || record.geometry.type !== 'polygon') throw new Error('the consensus should hold a polygon');
  expect(record.classCode).toBe('lesion.carcinoma');
  const points = record.geometry.points;
  expect(points).toHaveLength(4);
  // The dragged vertex lands where released, to within a screen pixel or two; the others stay.
  const tolerance = 2 / scale;
  expect(Math.abs(points[2]![0] - movedTo[0])).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(points[2]![1] - movedTo[1])).toBeLessThanOrEqual(tolerance);
  [0, 1, 3].forEach((i) => expect(points[i]).toEqual(corners(outlineOne)[i]));
  expect(two.id).not.toBe(one.id);
});
