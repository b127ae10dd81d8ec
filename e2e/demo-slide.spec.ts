import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import type { Point } from '../src/core/annotation';
import { SQLITE_FILE_NAME } from '../server/config';
import { DEMO_NUCLEI_LAYER_ID, DEMO_SLIDE_DATASET_NAME, DEMO_SLIDE_GROUND_TRUTH, type DemoSlideTruth } from '../server/demo/slide/seed';
import { demoNuclei } from '../server/demo/slide/nuclei';
import { tissueDepth } from '../server/demo/slide/layout';
import { assignDemoSlide, expectSlideReady, imageToScreen } from './fixtures/slides';
import { byTestId, expect, openDataset, serverApi, signIn, test, type Mejirushi } from './fixtures/mejirushi';

/** The ground truth the server seeded, as stored (the dataset's attachment in the server's own database). */
function storedTruth(mejirushi: Mejirushi, datasetId: string): DemoSlideTruth {
  const db = new Database(join(mejirushi.server.dataDir, SQLITE_FILE_NAME), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT body FROM dataset_attachments WHERE dataset_id = ? AND name = ?').get(datasetId, DEMO_SLIDE_GROUND_TRUTH) as { body: string } | undefined;
    if (!row) throw new Error('the demo dataset carries no ground-truth attachment');
    return JSON.parse(row.body) as DemoSlideTruth;
  } finally {
    db.close();
  }
}

/** RGBA of one CSS px of a canvas (its backing store is CSS size × devicePixelRatio). */
function canvasPixel(page: Page, selector: string, [x, y]: Point): Promise<[number, number, number, number]> {
  return page.evaluate(
    ({ selector, x, y }) => {
      const canvas = document.querySelector<HTMLCanvasElement>(selector);
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) throw new Error(`no 2D canvas ${selector}`);
      const ratio = canvas.width / canvas.clientWidth;
      const [r, g, b, a] = ctx.getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data;
      return [r ?? 0, g ?? 0, b ?? 0, a ?? 0] as [number, number, number, number];
    },
    { selector, x, y },
  );
}

/** The most opaque alpha of the overlay canvas in a 7 × 7 CSS px window around a screen point. */
function overlayAlphaAround(page: Page, [x, y]: Point): Promise<number> {
  return page.evaluate(
    ({ x, y }) => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="slide-annotation-canvas"]');
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) throw new Error('no overlay canvas');
      const ratio = canvas.width / canvas.clientWidth;
      const half = Math.ceil(3 * ratio);
      const data = ctx.getImageData(Math.round(x * ratio) - half, Math.round(y * ratio) - half, 2 * half + 1, 2 * half + 1).data;
      let most = 0;
      for (let i = 3; i < data.length; i += 4) most = Math.max(most, data[i] ?? 0);
      return most;
    },
    { x, y },
  );
}

test('the generated demo slide opens at full size, draws its tiles, shows its ~100,000 nuclei on request, and its lesion truth lies on the slide', async ({ page, mejirushi }) => {
  const datasetId = await assignDemoSlide(mejirushi);
  await signIn(page, mejirushi.annotator);
  await openDataset(page, DEMO_SLIDE_DATASET_NAME);
  const links = page.locator('[data-testid^="item-link-"]');
  await expect(links).toHaveCount(1);
  const itemId = (await links.getAttribute('data-testid'))?.replace('item-link-', '');
  if (!itemId) throw new Error('the item link names no item');
  await links.click();
  await expectSlideReady(page);

  // The slide the annotator was served is the full pyramid: level 0 at least 50,000 × 40,000 px.
  const api = await serverApi(mejirushi.url, mejirushi.annotator);
  const content = (await api.getItem(itemId)).item.content;
  if (content.kind !== 'slide') throw new Error(`the demo item should be a slide, is ${content.kind}`);
  const level0 = content.levels[0]!;
  expect(level0.width).toBeGreaterThanOrEqual(50_000);
  expect(level0.height).toBeGreaterThanOrEqual(40_000);
  await expect(byTestId(page, 'slide-viewer')).toHaveAttribute('data-microns-per-px', String(content.micronsPerPixel?.[0]));
  // The viewer opened the whole slide: the home view is centred on it.
  const view = await page.evaluate(() => window.__mejirushiSlide?.view());
  if (!view) throw new Error('no slide viewer test hook');
  expect(Math.abs(view.center[0] - level0.width / 2)).toBeLessThan(level0.width * 0.01);
  expect(Math.abs(view.center[1] - level0.height / 2)).toBeLessThan(level0.height * 0.01);

  // The ground truth (the dataset's attachment) describes this slide, and every lesion vertex lies on it, in tissue.
  const truth = storedTruth(mejirushi, datasetId);
  expect([truth.width, truth.height]).toEqual([level0.width, level0.height]);
  expect(truth.lesions.length).toBeGreaterThan(0);
  for (const lesion of truth.lesions) {
    expect(lesion.ring.length).toBeGreaterThanOrEqual(3);
    for (const [x, y] of lesion.ring) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(level0.width);
      expect(y).toBeLessThanOrEqual(level0.height);
      expect(tissueDepth(x, y)).toBeGreaterThan(0);
    }
  }

  // Tiles draw: in the middle of a lesion the slide shows stained tissue, not glass and not the empty background.
  const [firstLesion] = truth.lesions;
  const lesionCentre: Point = [
    firstLesion!.ring.reduce((sum, [x]) => sum + x, 0) / firstLesion!.ring.length,
    firstLesion!.ring.reduce((sum, [, y]) => sum + y, 0) / firstLesion!.ring.length,
  ];
  const tissueOnScreen = await imageToScreen(page, lesionCentre);
  await expect
    .poll(async () => {
      const [r, g, b] = await canvasPixel(page, '[data-testid="slide-viewport"] .openseadragon-canvas canvas', tissueOnScreen);
      const glass = r > 225 && g > 225 && b > 225;
      const empty = r + g + b < 30;
      return !glass && !empty;
    })
    .toBe(true);
  await expect(byTestId(page, 'slide-tiles-failed')).toHaveCount(0);

  // The nuclei layer is listed with its count (the same as the truth's), off until switched on.
  const layer = byTestId(page, `annotation-layer-${DEMO_NUCLEI_LAYER_ID}`);
  await expect(layer).toBeVisible();
  const count = Number(await layer.getAttribute('data-count'));
  expect(count).toBe(truth.nucleiCount);
  expect(count).toBeGreaterThan(90_000);
  expect(count).toBeLessThan(110_000);
  await expect(layer).toContainText(count.toLocaleString('en'));
  await expect(layer).toHaveAttribute('data-visible', 'false');

  // A known nucleus (the one nearest the lesion's centre, from the generator the server used) and a spot of glass.
  const nuclei = demoNuclei().polygons;
  let nucleus: Point = [0, 0];
  let best = Infinity;
  for (let i = 0; i < nuclei.classIndex.length; i += 1) {
    const from = nuclei.starts[i]!;
    const to = nuclei.starts[i + 1]!;
    let x = 0;
    let y = 0;
    for (let v = from; v < to; v += 1) {
      x += nuclei.coords[2 * v]!;
      y += nuclei.coords[2 * v + 1]!;
    }
    const centre: Point = [x / (to - from), y / (to - from)];
    const d = Math.hypot(centre[0] - lesionCentre[0], centre[1] - lesionCentre[1]);
    if (d < best) [best, nucleus] = [d, centre];
  }
  const glass: Point = [1_000, level0.height - 1_000];
  expect(tissueDepth(...glass)).toBeLessThan(0);
  const nucleusOnScreen = await imageToScreen(page, nucleus);
  const glassOnScreen = await imageToScreen(page, glass);
  expect(await overlayAlphaAround(page, nucleusOnScreen)).toBe(0);

  await layer.getByRole('checkbox').check();
  await expect(layer).toHaveAttribute('data-status', 'ready');
  await expect(layer).toHaveAttribute('data-visible', 'true');
  await expect.poll(() => overlayAlphaAround(page, nucleusOnScreen)).toBeGreaterThan(0);
  expect(await overlayAlphaAround(page, glassOnScreen)).toBe(0);

  // Switched off again, the overlay is clear where the nucleus was.
  await layer.getByRole('checkbox').uncheck();
  await expect(layer).toHaveAttribute('data-visible', 'false');
  await expect.poll(() => overlayAlphaAround(page, nucleusOnScreen)).toBe(0);
});
