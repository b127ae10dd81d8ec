import type { Browser, Page } from '@playwright/test';
import { hasPathologySampleData } from '../server/testing/sampleData';
import { APP_START_MARK } from '../src/early/appStart';
import { EARLY_SLIDE_SHOWN_MARK } from '../src/viewer/slide/earlyViewer';
import { TILE_CACHE_NAME } from '../src/viewer/slide/offlineTiles';
import { STAGE_MEMORY_KEY } from '../src/viewer/slide/stageMemory';
import { byTestId, expect, expectSynced, serverApi, serverLabels, signIn, test, type Account, type Mejirushi } from './fixtures/mejirushi';
import { expectSlideReady, expectViewAtRest, expectViewSettled, openSlide, singleSlide } from './fixtures/slides';

const SVS = 'CMU-1-Small-Region.svs';

if (!hasPathologySampleData()) console.log(`slide-viewer.spec.ts skipped: no ${SVS} in the sample data (set MEJIRUSHI_SAMPLE_DATA)`);
test.skip(!hasPathologySampleData(), `no ${SVS} in the sample data (set MEJIRUSHI_SAMPLE_DATA)`);

const viewer = (page: Page) => byTestId(page, 'slide-viewer');

test('a pathologist reads a slide at set magnifications, rotates it and answers its Group', async ({ page, mejirushi }) => {
  const itemId = await singleSlide(mejirushi, SVS);
  await signIn(page, mejirushi.annotator);
  await openSlide(page, itemId);

  await expect(viewer(page)).toHaveAttribute('data-microns-per-px', '0.499');
  await expect(byTestId(page, 'slide-scale-bar')).toBeVisible();
  await expect(byTestId(page, 'slide-tiles-failed')).toHaveCount(0);
  // The overview comes once the first screen is drawn (deferredNavigator.ts): one, in the viewer.
  await expect(viewer(page).locator('.navigator')).toBeVisible();
  await expect(page.locator('.navigator')).toHaveCount(1);

  // Shift+3 is the third step, ×5; "+" the next, ×10; the scan is ×20 (0.5 µm/px).
  await page.keyboard.press('Shift+Digit3');
  await expectViewSettled(page, 'data-magnification', 5);
  await expect(byTestId(page, 'slide-magnification')).toHaveText('×5');
  await page.keyboard.press('+');
  await expectViewSettled(page, 'data-magnification', 10);
  await expectViewSettled(page, 'data-zoom', 0.5);

  await page.keyboard.press('Shift+KeyR');
  await expectViewSettled(page, 'data-rotation', 90);
  // The adapter (what overlays and tools use) agrees with OpenSeadragon's own drawing transform.
  const worst = await page.evaluate(() => {
    const hook = window.__mejirushiSlide;
    if (!hook) throw new Error('no slide viewer test hook');
    let worst = 0;
    for (const point of [[0, 0], [1110, 1483.5], [2219, 2966], [317.25, 2048.75]] as const) {
      const [ax, ay] = hook.imageToScreen(point);
      const [ox, oy] = hook.osdImageToScreen(point);
      worst = Math.max(worst, Math.abs(ax - ox), Math.abs(ay - oy));
    }
    return worst;
  });
  expect(worst).toBeLessThan(1e-6);
  await page.keyboard.press('Shift+KeyL');
  await expectViewSettled(page, 'data-rotation', 0);

  const answer = byTestId(page, 'slide-question');
  await expect(answer).toHaveAttribute('data-answer', '');
  await page.keyboard.press('3');
  await expect(answer).toHaveAttribute('data-answer', 'group.3');
  await page.keyboard.press('Control+z');
  await expect(answer).toHaveAttribute('data-answer', '');
  await page.keyboard.press('Control+Shift+z');
  await expect(answer).toHaveAttribute('data-answer', 'group.3');
  await expectSynced(page);
  const api = await serverApi(mejirushi.url, mejirushi.annotator);
  expect(await serverLabels(api, itemId)).toEqual({ [itemId]: 'group.3' });

  await page.reload();
  await expect(page.locator('[data-testid="slide-viewer"][data-ready="true"]')).toBeVisible();
  await expect(answer).toHaveAttribute('data-answer', 'group.3');
});

test('tiles already viewed stay readable offline; unseen ones are named missing', async ({ page, context, mejirushi }) => {
  const itemId = await singleSlide(mejirushi, SVS);
  await signIn(page, mejirushi.annotator);
  // The worker must control the page so the app itself reloads offline.
  await expect(page.locator('html[data-sw-ready="true"]')).toBeAttached();
  await openSlide(page, itemId);
  const kept = () => page.evaluate(async (name) => (await (await caches.open(name)).keys()).length, TILE_CACHE_NAME);
  await expect.poll(kept).toBeGreaterThan(0);
  const keptBefore = await kept();

  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('[data-testid="slide-viewer"][data-ready="true"]')).toBeVisible();
  await expect(byTestId(page, 'slide-tiles-failed')).toHaveCount(0);

  // Full resolution was never viewed: those tiles are missing, and the viewer says why.
  await page.keyboard.press('Shift+Digit5');
  const notice = byTestId(page, 'slide-tiles-failed');
  await expect(notice).toBeVisible();
  expect(Number(await notice.getAttribute('data-offline'))).toBeGreaterThan(0);
  expect(await kept()).toBe(keptBefore);

  await context.setOffline(false);
  await byTestId(page, 'slide-tiles-retry').click();
  await expect(notice).toHaveCount(0);
});

/** A box in CSS px of the window, rounded to the device pixel. */
interface Box {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** The stage the workspace laid out, and OpenSeadragon's element in it (one, filling it). */
async function stageAndViewer(page: Page): Promise<{ stage: Box; viewers: Box[]; outside: number }> {
  return page.evaluate(() => {
    const box = (element: Element): Box => {
      const { left, top, width, height } = element.getBoundingClientRect();
      return { left, top, width, height };
    };
    const stage = document.querySelector('[data-testid="slide-viewport"]');
    if (!stage) throw new Error('no slide stage');
    const containers = [...document.querySelectorAll('.openseadragon-container')];
    return { stage: box(stage), viewers: [...stage.children].map(box), outside: containers.filter((container) => !stage.contains(container)).length };
  });
}

const rememberedStages = (page: Page) => page.evaluate((key) => localStorage.getItem(key), STAGE_MEMORY_KEY);

/** How much later the app's entry script arrives, so the early boot script surely shows the slide before the app runs (as on a slow device). */
const APP_ENTRY_DELAY_MS = 1500;

/**
 * The slide opened by its address in a browser new to it (no copy of its detail, no tile cached,
 * no service worker) whose device remembers `stages` (STAGE_MEMORY_KEY's value), the app's entry
 * script held back APP_ENTRY_DELAY_MS. Returns the page, once the slide is ready, and the tile
 * paths it asked for.
 */
async function openByAddressElsewhere(browser: Browser, account: Account, itemId: string, stages: string): Promise<{ page: Page; tiles: string[]; close: () => Promise<void> }> {
  // No service worker: the page's own requests are the ones held back and counted.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.addInitScript(([key, value]) => {
    if (localStorage.getItem(key) === null) localStorage.setItem(key, value);
  }, [STAGE_MEMORY_KEY, stages] as const);
  // Whether OpenSeadragon was in the page before the app's stage: the early script's viewer.
  await context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!document.querySelector('.openseadragon-container')) return;
      document.documentElement.dataset.e2eEarlyViewer = String(!document.querySelector('[data-testid="slide-viewport"]'));
      observer.disconnect();
    }).observe(document, { subtree: true, childList: true });
  });
  const page = await context.newPage();
  await signIn(page, account);
  const tiles: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/tiles/')) tiles.push(new URL(request.url()).pathname);
  });
  await page.route(/\/assets\/index-[^/]*\.js$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, APP_ENTRY_DELAY_MS));
    await route.continue();
  });
  await page.goto(`/items/${itemId}`);
  await expectSlideReady(page);
  return { page, tiles, close: () => context.close() };
}

/** A slide opened from its list, once its stage is laid out and remembered: the item, the stage, the remembered value. */
async function laidOutSlide(page: Page, mejirushi: Mejirushi): Promise<{ itemId: string; stage: Box; stages: string }> {
  const itemId = await singleSlide(mejirushi, SVS);
  await signIn(page, mejirushi.annotator);
  await openSlide(page, itemId);
  const { stage } = await stageAndViewer(page);
  await expect.poll(async () => JSON.parse((await rememberedStages(page)) ?? '[]')[0]?.stage).toEqual(stage);
  return { itemId, stage, stages: (await rememberedStages(page)) ?? '' };
}

test('opened by its address where the stage was laid out before, a slide shows in its stage before the app takes it over, one viewer, no tile asked twice', async ({ page, browser, mejirushi }) => {
  const { itemId, stage, stages } = await laidOutSlide(page, mejirushi);
  const elsewhere = await openByAddressElsewhere(browser, mejirushi.annotator, itemId, stages);
  try {
    const shown = await elsewhere.page.evaluate((mark) => performance.getEntriesByName(mark)[0]?.startTime ?? null, EARLY_SLIDE_SHOWN_MARK);
    expect(shown).not.toBeNull();
    // Adopted where it was made: the same box, no resize, so no second set of tiles for a new size.
    expect(await stageAndViewer(elsewhere.page)).toEqual({ stage, viewers: [stage], outside: 0 });
    expect(elsewhere.tiles.length).toBeGreaterThan(0);
    expect(elsewhere.tiles.length).toBe(new Set(elsewhere.tiles).size);
    await expect(elsewhere.page.locator('[data-testid="slide-viewer"] .navigator')).toBeVisible();
    await expect(elsewhere.page.locator('.navigator')).toHaveCount(1);
  } finally {
    await elsewhere.close();
  }
});

test('a remembered stage gone stale still ends in the stage the workspace lays out, remembered anew', async ({ page, browser, mejirushi }) => {
  const { itemId, stage, stages } = await laidOutSlide(page, mejirushi);
  // As if the layout had changed since (another version of the app, a panel that moved).
  const kept = JSON.parse(stages) as { stage: Box }[];
  const stale = JSON.stringify([{ ...kept[0], stage: { left: 0, top: 0, width: 400, height: 300 } }]);

  const elsewhere = await openByAddressElsewhere(browser, mejirushi.annotator, itemId, stale);
  try {
    expect(await stageAndViewer(elsewhere.page)).toEqual({ stage, viewers: [stage], outside: 0 });
    await expect.poll(async () => JSON.parse((await rememberedStages(elsewhere.page)) ?? '[]')[0]?.stage).toEqual(stage);
  } finally {
    await elsewhere.close();
  }
});

test('opened by its address on a device that never laid the stage out, the early viewer shows in the stage the layout predicts, taken over there at the home view, no tile asked twice', async ({ page, browser, mejirushi }) => {
  const { itemId, stage } = await laidOutSlide(page, mejirushi);
  await expectViewAtRest(page);
  const home = await page.evaluate(() => window.__mejirushiSlide?.view());

  // Nothing remembered: the early viewer is placed where the fixed bars leave the stage (stageLayout.ts).
  const elsewhere = await openByAddressElsewhere(browser, mejirushi.annotator, itemId, '[]');
  try {
    await expect(elsewhere.page.locator('html')).toHaveAttribute('data-e2e-early-viewer', 'true');
    const shown = await elsewhere.page.evaluate((mark) => performance.getEntriesByName(mark)[0]?.startTime ?? null, EARLY_SLIDE_SHOWN_MARK);
    expect(shown).not.toBeNull();
    // The app's entry is asked for only once the early viewer has shown its first screen (appStart.ts).
    const appStart = await elsewhere.page.evaluate((mark) => performance.getEntriesByName(mark)[0]?.startTime ?? null, APP_START_MARK);
    expect(appStart).not.toBeNull();
    expect(appStart!).toBeGreaterThanOrEqual(shown!);
    expect(await stageAndViewer(elsewhere.page)).toEqual({ stage, viewers: [stage], outside: 0 });
    await expectViewAtRest(elsewhere.page);
    const view = await elsewhere.page.evaluate(() => window.__mejirushiSlide?.view());
    if (!home || !view) throw new Error('no slide view');
    // The home view at this stage's size: the slide's centre (the home view's centre), the whole
    // slide fitted; not the stand-in's zoom carried over (the slide a few per cent smaller).
    expect(view.center[0]).toBeCloseTo(home.center[0], 1);
    expect(view.center[1]).toBeCloseTo(home.center[1], 1);
    const [slideWidth, slideHeight] = [2 * home.center[0], 2 * home.center[1]];
    expect(view.scale).toBeCloseTo(Math.min(view.width / slideWidth, view.height / slideHeight), 6);
    expect(elsewhere.tiles.length).toBe(new Set(elsewhere.tiles).size);
  } finally {
    await elsewhere.close();
  }
});
