import type { Browser, Page } from '@playwright/test';
import type { Geometry, Point, Shape } from '../src/core/annotation';
import type { ApiClient } from '../src/data/api';
import { allRecords } from '../src/data/testing/allRecords';
import { hasPathologySampleData } from '../server/testing/sampleData';
import { expectSlideReady, expectViewAtRest, imageToPage, openSlide, slideDataset } from './fixtures/slides';
import { byTestId, conflictCount, expect, expectSynced, serverApi, settled, signIn, syncBadge, test, type Mejirushi } from './fixtures/mejirushi';

const SVS = 'CMU-1-Small-Region.svs';

if (!hasPathologySampleData()) console.log(`slide-sync.spec.ts skipped: no ${SVS} in the sample data (set MEJIRUSHI_SAMPLE_DATA)`);
test.skip(!hasPathologySampleData(), `no ${SVS} in the sample data (set MEJIRUSHI_SAMPLE_DATA)`);

/** The Aperio sample (2220 × 2967 px) in a gastric-biopsy dataset assigned to the annotator; answers its item id. */
async function sampleSlide(mejirushi: Mejirushi): Promise<string> {
  const [itemId] = await slideDataset(mejirushi, [SVS]);
  if (!itemId) throw new Error('the upload made no slide item');
  return itemId;
}

/** Page coordinates (for the mouse) of a level-0 image point, through the adapter tools use. */
async function pagePoint(page: Page, point: Point): Promise<{ x: number; y: number }> {
  const [x, y] = await imageToPage(page, point);
  return { x, y };
}

async function useTool(page: Page, key: string, tool: string): Promise<void> {
  await page.keyboard.press(key);
  await expect(byTestId(page, 'slide-annotation-layer')).toHaveAttribute('data-tool', tool);
}

/** A mouse drag over the slide from image point `from` to `to`, in steps as a hand moves. */
async function dragOnSlide(page: Page, from: Point, to: Point): Promise<void> {
  const a = await pagePoint(page, from);
  const b = await pagePoint(page, to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 4 });
  await page.mouse.move(b.x, b.y, { steps: 4 });
  await page.mouse.up();
}

/** Rectangle tool: a drag from one corner to the other. */
async function drawRectangle(page: Page, from: Point, to: Point): Promise<void> {
  await useTool(page, 'r', 'rectangle');
  await dragOnSlide(page, from, to);
}

/** Polygon tool: a click per vertex, Enter closes. */
async function drawPolygon(page: Page, vertices: readonly Point[]): Promise<void> {
  await useTool(page, 'p', 'polygon');
  for (const vertex of vertices) {
    const at = await pagePoint(page, vertex);
    await page.mouse.click(at.x, at.y);
  }
  await page.keyboard.press('Enter');
}

/** Select tool: a click on the outline at `inside`. */
async function selectAt(page: Page, inside: Point): Promise<void> {
  await useTool(page, 'v', 'select');
  const at = await pagePoint(page, inside);
  await page.mouse.click(at.x, at.y);
  await expect(byTestId(page, 'slide-annotation-layer')).toHaveAttribute('data-selected', '1');
}

/** Select tool: drags the outline under `from` to `to`. */
async function dragOutline(page: Page, from: Point, to: Point): Promise<void> {
  await useTool(page, 'v', 'select');
  await dragOnSlide(page, from, to);
}

/** The live outlines the page's editor holds, by id. */
function localShapes(page: Page): Promise<Record<string, Shape>> {
  return page.evaluate(() => {
    const document = window.__mejirushi?.store.getState().openItem?.document;
    if (!document) throw new Error('no item is open');
    const out: Record<string, Shape> = {};
    for (const record of document.records()) if (record.type === 'shape' && record.provenance.decision !== 'rejected') out[record.id] = record;
    return out;
  });
}

/** The outlines on the server (the caller's document), by id. */
async function serverShapes(api: ApiClient, itemId: string): Promise<Record<string, Shape>> {
  const out: Record<string, Shape> = {};
  for (const { record } of await allRecords(api, itemId)) if (record?.type === 'shape' && record.provenance.decision !== 'rejected') out[record.id] = record;
  return out;
}

/** What a test compares: class and geometry (ids, revisions and provenance differ by design). */
const essence = (shapes: Record<string, Shape>): Record<string, { classCode: string; geometry: Geometry }> =>
  Object.fromEntries(Object.entries(shapes).map(([id, s]) => [id, { classCode: s.classCode, geometry: s.geometry }]));

/** The axis-aligned bounds of an outline's vertices (for rectangles drawn by drag and polygons by click). */
function boundsOf(geometry: Geometry): { minX: number; minY: number; maxX: number; maxY: number } {
  const points: Point[] =
    geometry.type === 'rectangle' ? [geometry.topLeft, geometry.bottomRight] : geometry.type === 'polygon' ? [...geometry.points] : [];
  if (points.length === 0) throw new Error(`unexpected geometry ${geometry.type}`);
  return {
    minX: Math.min(...points.map((p) => p[0])),
    minY: Math.min(...points.map((p) => p[1])),
    maxX: Math.max(...points.map((p) => p[0])),
    maxY: Math.max(...points.map((p) => p[1])),
  };
}

/** Within 3 screen px (in image px at the view's scale) of where the mouse went: the mouse moves by whole px. */
function expectNear(actual: number, expected: number, scale: number): void {
  expect(Math.abs(actual - expected)).toBeLessThan(3 / scale);
}

// In the lower part of the slide: at the whole-slide view the outline toolbar covers its top.
const RECT: readonly [Point, Point] = [
  [400, 1300],
  [900, 1800],
];
const POLYGON: readonly Point[] = [
  [1300, 2000],
  [1800, 2050],
  [1750, 2600],
  [1250, 2550],
];
const RECT_INSIDE: Point = [650, 1550];
const POLYGON_INSIDE: Point = [1520, 2300];

/** Draws the two outlines (a rectangle, class carcinoma; a polygon, class adenoma) and answers their ids: [rectangle, polygon]. */
async function drawTwo(page: Page): Promise<[string, string]> {
  const scale = await expectViewAtRest(page);
  await page.keyboard.press('c');
  await expect(byTestId(page, 'slide-annotation-layer')).toHaveAttribute('data-class', 'lesion.carcinoma');
  await drawRectangle(page, RECT[0], RECT[1]);
  await expect.poll(async () => Object.keys(await localShapes(page)).length).toBe(1);
  await page.keyboard.press('a');
  await expect(byTestId(page, 'slide-annotation-layer')).toHaveAttribute('data-class', 'lesion.adenoma');
  await drawPolygon(page, POLYGON);
  await expect.poll(async () => Object.keys(await localShapes(page)).length).toBe(2);
  const shapes = Object.values(await localShapes(page));
  const rect = shapes.find((s) => s.classCode === 'lesion.carcinoma');
  const polygon = shapes.find((s) => s.classCode === 'lesion.adenoma');
  if (!rect || !polygon) throw new Error(`expected a carcinoma and an adenoma outline, got ${JSON.stringify(essence(await localShapes(page)))}`);
  const r = boundsOf(rect.geometry);
  expectNear(r.minX, RECT[0][0], scale);
  expectNear(r.minY, RECT[0][1], scale);
  expectNear(r.maxX, RECT[1][0], scale);
  expectNear(r.maxY, RECT[1][1], scale);
  expect(polygon.geometry.type).toBe('polygon');
  if (polygon.geometry.type === 'polygon') {
    const ring = polygon.geometry.points;
    expect(ring.length).toBe(POLYGON.length);
    for (const [i, vertex] of POLYGON.entries()) {
      expectNear(ring[i]![0], vertex[0], scale);
      expectNear(ring[i]![1], vertex[1], scale);
    }
  }
  return [rect.id, polygon.id];
}

/** The same annotator on a second device (browser context), with the slide open and synced. */
async function secondDevice(browser: Browser, mejirushi: Mejirushi, itemId: string) {
  const context = await browser.newContext({ baseURL: mejirushi.url });
  const page = await context.newPage();
  await signIn(page, mejirushi.annotator);
  await openSlide(page, itemId);
  await expectSynced(page);
  await expectViewAtRest(page);
  return { context, page };
}

async function catchUp(page: Page): Promise<void> {
  await page.evaluate(() => window.__mejirushi?.catchUp());
  await settled(page);
}

test('outlines drawn offline are kept on the device, survive an offline reload, and reach the server once online', async ({ page, context, mejirushi }) => {
  const itemId = await sampleSlide(mejirushi);
  await signIn(page, mejirushi.annotator);
  // The worker must control the page so the app itself reloads offline.
  await expect(page.locator('html[data-sw-ready="true"]')).toBeAttached();
  await openSlide(page, itemId);
  await expectSynced(page);
  const viewerBox = await byTestId(page, 'slide-viewport').boundingBox();

  await context.setOffline(true);
  await expect(byTestId(page, 'offline-banner')).toBeVisible();
  const ids = await drawTwo(page);
  await settled(page);
  await expect(syncBadge(page)).toHaveAttribute('data-status', 'offline');
  // The banner, the badge and Submit's hint tell of it without moving the viewer under the hand.
  await expect(byTestId(page, 'submit-hint')).toHaveAttribute('data-reason', 'submit.blocked.offline');
  expect(await byTestId(page, 'slide-viewport').boundingBox()).toEqual(viewerBox);
  expect(Number(await syncBadge(page).getAttribute('data-pending'))).toBeGreaterThan(0);
  const drawn = essence(await localShapes(page));
  const api = await serverApi(mejirushi.url, mejirushi.annotator);
  expect(await serverShapes(api, itemId)).toEqual({});

  // Offline reload: the app from the worker, the viewed tiles from the offline cache, the outlines from IndexedDB.
  await page.reload();
  await expectSlideReady(page);
  await expect(byTestId(page, 'offline-banner')).toBeVisible();
  await expect(byTestId(page, 'slide-tiles-failed')).toHaveCount(0);
  expect(essence(await localShapes(page))).toEqual(drawn);
  await expect(syncBadge(page)).toHaveAttribute('data-status', 'offline');

  await context.setOffline(false);
  await expectSynced(page);
  await settled(page);
  expect(essence(await serverShapes(api, itemId))).toEqual(drawn);
  expect(Object.keys(drawn).sort()).toEqual([...ids].sort());
  expect(await conflictCount(page)).toBe(0);
  await expect(byTestId(page, 'conflict-dialog')).toHaveCount(0);
});

test('two devices edit different outlines: both edits reach the server and each page shows the other’s', async ({ page: a, browser, mejirushi }) => {
  const itemId = await sampleSlide(mejirushi);
  await signIn(a, mejirushi.annotator);
  await openSlide(a, itemId);
  const [rectId, polygonId] = await drawTwo(a);
  await settled(a);
  await expectSynced(a);
  const b = await secondDevice(browser, mejirushi, itemId);
  try {
    expect(essence(await localShapes(b.page))).toEqual(essence(await localShapes(a)));

    // A moves the rectangle 200 px right; B re-classes the polygon as "other" (key o).
    await dragOutline(a, RECT_INSIDE, [RECT_INSIDE[0] + 200, RECT_INSIDE[1]]);
    await expect.poll(async () => boundsOf((await localShapes(a))[rectId]!.geometry).minX).toBeGreaterThan(RECT[0][0] + 150);
    await selectAt(b.page, POLYGON_INSIDE);
    await b.page.keyboard.press('o');
    await expect.poll(async () => (await localShapes(b.page))[polygonId]?.classCode).toBe('lesion.other');
    await Promise.all([settled(a), settled(b.page)]);

    const api = await serverApi(mejirushi.url, mejirushi.annotator);
    const onServer = await serverShapes(api, itemId);
    expect(onServer[polygonId]?.classCode).toBe('lesion.other');
    expect(onServer[rectId]?.geometry).toEqual((await localShapes(a))[rectId]?.geometry);
    expect(onServer[rectId]?.classCode).toBe('lesion.carcinoma');
    expect(boundsOf(onServer[polygonId]!.geometry)).toEqual(boundsOf((await localShapes(b.page))[polygonId]!.geometry));

    // Each page shows the other's edit: live, or after a reload.
    await expect.poll(async () => essence(await localShapes(a))).toEqual(essence(onServer));
    await b.page.reload();
    await expectSlideReady(b.page);
    await expect.poll(async () => essence(await localShapes(b.page))).toEqual(essence(onServer));
    for (const page of [a, b.page]) {
      await expectSynced(page);
      expect(await conflictCount(page)).toBe(0);
      await expect(byTestId(page, 'conflict-dialog')).toHaveCount(0);
    }
  } finally {
    await b.context.close();
  }
});

for (const choice of ['keep mine', 'take theirs'] as const) {
  test(`the same outline moved on one device and re-classed offline on the other conflicts; the dialog settles it (${choice})`, async ({ page: a, browser, mejirushi }) => {
    const itemId = await sampleSlide(mejirushi);
    await signIn(a, mejirushi.annotator);
    await openSlide(a, itemId);
    const [rectId] = await drawTwo(a);
    await settled(a);
    await expectSynced(a);
    const b = await secondDevice(browser, mejirushi, itemId);
    try {
      // B goes offline; A moves the rectangle and syncs; B, not caught up, re-classes it as "other".
      await b.context.setOffline(true);
      await dragOutline(a, RECT_INSIDE, [RECT_INSIDE[0], RECT_INSIDE[1] + 500]);
      await expect.poll(async () => boundsOf((await localShapes(a))[rectId]!.geometry).minY).toBeGreaterThan(RECT[0][1] + 400);
      await settled(a);
      await expectSynced(a);
      const api = await serverApi(mejirushi.url, mejirushi.annotator);
      const theirs = (await serverShapes(api, itemId))[rectId]!;
      expect(theirs.classCode).toBe('lesion.carcinoma');
      expect(boundsOf(theirs.geometry).minY).toBeGreaterThan(RECT[0][1] + 400);

      await selectAt(b.page, RECT_INSIDE);
      await b.page.keyboard.press('o');
      await expect.poll(async () => (await localShapes(b.page))[rectId]?.classCode).toBe('lesion.other');
      const mine = (await localShapes(b.page))[rectId]!;
      await settled(b.page);
      await b.context.setOffline(false);

      const dialog = byTestId(b.page, 'conflict-dialog');
      await expect(dialog).toBeVisible();
      await expect(syncBadge(b.page)).toHaveAttribute('data-status', 'conflict');
      const rows = b.page.locator('[data-testid^="conflict-row-"]');
      await expect(rows).toHaveCount(1);
      await expect(rows).toHaveAttribute('data-record-id', rectId);
      // Each version is shown by its class, named as the lesion toolbar names it, then by what differs
      // from the outline both devices started from: A's moved it (in µm, the slide has 0.499 µm/px), B's did not.
      const mineCell = byTestId(b.page, `conflict-mine-${rectId}`);
      const serverCell = byTestId(b.page, `conflict-server-${rectId}`);
      await expect(mineCell).toHaveAttribute('data-classes', 'lesion.other');
      await expect(mineCell).toHaveText(/^Other lesion · area [\d,]+ µm²$/);
      await expect(serverCell).toHaveAttribute('data-classes', 'lesion.carcinoma');
      await expect(serverCell).toHaveText(/^Carcinoma · moved by [\d,]+ µm · area [\d,]+ µm²$/);
      // Until chosen, the server keeps A's version.
      expect(essence(await serverShapes(api, itemId))[rectId]).toEqual({ classCode: theirs.classCode, geometry: theirs.geometry });

      await byTestId(b.page, choice === 'keep mine' ? `conflict-keep-mine-${rectId}` : `conflict-take-server-${rectId}`).click();
      await expect(dialog).toBeHidden();
      await settled(b.page);
      await expectSynced(b.page);
      const chosen = choice === 'keep mine' ? mine : theirs;
      const expected = { classCode: chosen.classCode, geometry: chosen.geometry };
      expect(essence(await serverShapes(api, itemId))[rectId]).toEqual(expected);
      expect(essence(await localShapes(b.page))[rectId]).toEqual(expected);

      // A takes in the outcome without being asked.
      await catchUp(a);
      await expect.poll(async () => essence(await localShapes(a))[rectId]).toEqual(expected);
      await expect(byTestId(a, 'conflict-dialog')).toHaveCount(0);
    } finally {
      await b.context.close();
    }
  });
}

test('the same outline moved on one device and reshaped by a vertex offline on the other conflicts; keeping mine sends the reshaped one', async ({ page: a, browser, mejirushi }) => {
  const itemId = await sampleSlide(mejirushi);
  await signIn(a, mejirushi.annotator);
  await openSlide(a, itemId);
  const [, polygonId] = await drawTwo(a);
  await settled(a);
  await expectSynced(a);
  const b = await secondDevice(browser, mejirushi, itemId);
  try {
    await b.context.setOffline(true);
    await dragOutline(a, POLYGON_INSIDE, [POLYGON_INSIDE[0] - 600, POLYGON_INSIDE[1]]);
    await expect.poll(async () => boundsOf((await localShapes(a))[polygonId]!.geometry).maxX).toBeLessThan(POLYGON[1]![0] - 400);
    await settled(a);
    await expectSynced(a);

    // B, offline and not caught up, drags the polygon's third vertex outwards.
    await selectAt(b.page, POLYGON_INSIDE);
    const from = await pagePoint(b.page, POLYGON[2]!);
    const to = await pagePoint(b.page, [POLYGON[2]![0] + 200, POLYGON[2]![1] + 150]);
    await b.page.mouse.move(from.x, from.y);
    await b.page.mouse.down();
    await b.page.mouse.move(to.x, to.y, { steps: 5 });
    await b.page.mouse.up();
    await expect.poll(async () => boundsOf((await localShapes(b.page))[polygonId]!.geometry).maxY).toBeGreaterThan(POLYGON[2]![1] + 100);
    const mine = (await localShapes(b.page))[polygonId]!;
    await settled(b.page);
    await b.context.setOffline(false);

    const dialog = byTestId(b.page, 'conflict-dialog');
    await expect(dialog).toBeVisible();
    await expect(b.page.locator('[data-testid^="conflict-row-"]')).toHaveAttribute('data-record-id', polygonId);
    // Both versions read the same class; the rows say how each outline changed.
    await expect(byTestId(b.page, `conflict-mine-${polygonId}`)).toContainText('1 vertex changed · area');
    await expect(byTestId(b.page, `conflict-server-${polygonId}`)).toContainText(/moved by [\d,]+ µm · area/);
    await byTestId(b.page, `conflict-keep-mine-${polygonId}`).click();
    await expect(dialog).toBeHidden();
    await settled(b.page);
    await expectSynced(b.page);
    const api = await serverApi(mejirushi.url, mejirushi.annotator);
    const expected = { classCode: mine.classCode, geometry: mine.geometry };
    expect(essence(await serverShapes(api, itemId))[polygonId]).toEqual(expected);
    await catchUp(a);
    await expect.poll(async () => essence(await localShapes(a))[polygonId]).toEqual(expected);
  } finally {
    await b.context.close();
  }
});
