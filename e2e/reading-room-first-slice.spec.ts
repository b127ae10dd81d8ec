import type { Browser, Page } from '@playwright/test';
import { CORNERSTONE_READY_MARK, SLICE_DECODED_MARK } from '../src/viewer/cornerstone/readyMark';
import { EARLY_SERIES_SHOWN_MARK } from '../src/viewer/earlySeriesViewer';
import { byTestId, expect, goToSlice, keyFor, openDemoItem, SAH_PRESENT, signIn, stripClasses, test, waitForItem, type Mejirushi } from './fixtures/mejirushi';

interface AtFirstSlice {
  readonly width: number;
  readonly height: number;
  readonly labelButtons: number;
}

/**
 * Runs before the page's scripts: what the reading room holds when its first slice is marked
 * shown, taken in the same task (the side panels come a paint later, see ItemWorkspace). A string,
 * so the page needs none of the test runner's helpers.
 */
const RECORD_FIRST_SLICE = `
  new MutationObserver((_, observer) => {
    if (!document.querySelector('[data-testid="series-viewer"][data-ready="true"]')) return;
    observer.disconnect();
    const box = document.querySelector('.sv-viewport').getBoundingClientRect();
    window.__atFirstSlice = {
      width: box.width,
      height: box.height,
      labelButtons: document.querySelectorAll('[data-testid^="label-button-"]').length,
    };
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready'] });
`;

test('reading room: the side panels come after the first slice into the room kept for them; the label keys work from the first slice', async ({ page, mejirushi }) => {
  await page.addInitScript({ content: RECORD_FIRST_SLICE });
  await signIn(page, mejirushi.annotator);
  await openDemoItem(page);
  const first = await page.evaluate(() => (window as unknown as { __atFirstSlice?: AtFirstSlice }).__atFirstSlice);
  if (!first) throw new Error('the first slice was not recorded');
  // The label buttons are there with the slice; the key labels it at once.
  expect(first.labelButtons).toBeGreaterThan(0);
  await page.keyboard.press(keyFor(SAH_PRESENT));
  await expect.poll(async () => (await stripClasses(page))[0]).toBe(SAH_PRESENT);

  await expect(page.locator('.workspace-body')).toHaveAttribute('data-panels', 'shown');
  await expect(byTestId(page, 'proposal-panel')).toBeVisible();
  await expect(byTestId(page, 'series-answer')).toBeVisible();
  // The panels' arrival did not resize the viewer (a resize clears and redraws its canvas).
  const box = await page.locator('.sv-viewport').boundingBox();
  expect({ width: box?.width, height: box?.height }).toEqual({ width: first.width, height: first.height });
});

test('opened by its address on a device new to it, a series starts Cornerstone, asks for its first file and shows that slice where the layout puts the viewer, all from the early boot script before the app is asked for; the app reuses the request and Cornerstone, adopts the viewport in place, and the keys work', async ({ page, browser, mejirushi }) => {
  await signIn(page, mejirushi.annotator);
  const itemId = await openDemoItem(page);
  // No service worker, no copy of the detail, no place kept for the viewer: only the early detail says "series", only the layout says where.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const elsewhere = await context.newPage();
    await signIn(elsewhere, mejirushi.annotator);
    const order: string[] = [];
    const files: string[] = [];
    elsewhere.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (/\/assets\/init-[^/]*\.js$/.test(path)) order.push('cornerstone chunk asked');
      if (path.includes('/files/')) {
        if (files.length === 0) order.push('first file asked');
        files.push(path);
      }
    });
    const early = await watchEarlySeries(elsewhere, order);
    await elsewhere.goto(`/items/${itemId}`);
    expect(await waitForItem(elsewhere)).toBe(itemId);
    await expect(byTestId(elsewhere, 'slice-counter')).toHaveAttribute('data-index', '0');
    expect(order.slice(0, 2).sort()).toEqual(['cornerstone chunk asked', 'first file asked']);
    expect(order.slice(2)).toEqual(['app entry asked, early slice shown']);
    // The first slice; adopted where the layout had put it, so not moved.
    expect(await early.adoptedInPlace()).toBe(await sliceImageIdOf(elsewhere, itemId, 0));
    // The app's loader took the early request for the first slice's file: it was not asked for twice.
    expect(files.filter((path) => path === files[0])).toHaveLength(1);
    // One module for both starts: Cornerstone initialised once.
    expect(await elsewhere.evaluate((mark) => performance.getEntriesByName(mark).length, CORNERSTONE_READY_MARK)).toBe(1);

    await elsewhere.keyboard.press(keyFor(SAH_PRESENT));
    await expect.poll(async () => (await stripClasses(elsewhere))[0]).toBe(SAH_PRESENT);
  } finally {
    await context.close();
  }
});

/** A device of its own (no service worker) whose reader has opened the demo series and moved to its third slice; `run` then, the page and the item's id. */
async function onSliceTwo(browser: Browser, mejirushi: Mejirushi, run: (page: Page, itemId: string) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    await signIn(page, mejirushi.annotator);
    const itemId = await openDemoItem(page);
    await goToSlice(page, 2);
    await run(page, itemId);
  } finally {
    await context.close();
  }
}

/** Runs before the page's scripts: whether the slice was decoded when the viewport element entered the page. */
const RECORD_VIEWPORT = `
  new MutationObserver((_, observer) => {
    if (!document.querySelector('.sv-viewport')) return;
    observer.disconnect();
    window.__decodedBeforeViewport = performance.getEntriesByName(${JSON.stringify(SLICE_DECODED_MARK)}).length > 0;
  }).observe(document, { subtree: true, childList: true });
`;

test('opened again by its address, a series decodes the slice its reader was on without the viewer components (held back until then), before its viewport exists; that slice shows first, its file read from the device', async ({ browser, mejirushi }) => {
  await onSliceTwo(browser, mejirushi, async (page, itemId) => {
    await page.addInitScript({ content: RECORD_VIEWPORT });
    const files: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.includes('/files/')) files.push(path);
    });
    // The viewer's components (so its viewport) held back until the slice is decoded: the decode must not need them.
    await page.route(/\/assets\/SeriesViewer-[^/]*\.js$/, async (route) => {
      await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, SLICE_DECODED_MARK);
      await route.continue();
    });
    await page.goto(`/items/${itemId}`);
    expect(await waitForItem(page)).toBe(itemId);
    await expect(byTestId(page, 'slice-counter')).toHaveAttribute('data-index', '2');
    const { decoded, decodedBeforeViewport, initialised, keptFileId } = await page.evaluate(
      async ({ marks, itemId }) => {
        const login = JSON.parse(localStorage.getItem('mejirushi:login') ?? 'null') as { token: string };
        const detail = (await (await fetch(`/api/items/${itemId}`, { headers: { authorization: `Bearer ${login.token}` } })).json()) as { item: { content: { slices: { fileId: string }[] } } };
        return {
          decoded: performance.getEntriesByName(marks.decoded).map((entry) => (entry as PerformanceMark).detail as string),
          initialised: performance.getEntriesByName(marks.initialised).length,
          decodedBeforeViewport: (window as unknown as { __decodedBeforeViewport?: boolean }).__decodedBeforeViewport ?? null,
          keptFileId: detail.item.content.slices[2]?.fileId,
        };
      },
      { marks: { decoded: SLICE_DECODED_MARK, initialised: CORNERSTONE_READY_MARK }, itemId },
    );
    expect(initialised).toBe(1);
    // Once, and the slice the reader was on, not the first.
    expect(decoded).toEqual([`mejirushi:${encodeURIComponent(keptFileId ?? '')}`]);
    expect(decodedBeforeViewport).toBe(true);
    // The first visit kept the file on this device: read from there, not fetched, by the early start and the viewer alike.
    expect(files.filter((path) => path.endsWith(`/files/${keptFileId ?? ''}`))).toEqual([]);
  });
});

/** Runs before the page's scripts: the early viewport's canvas (the page's only one then) tagged once its slice is shown, and where it was. */
const RECORD_EARLY_SHOWN = `
  new PerformanceObserver((list, observer) => {
    if (list.getEntriesByName(${JSON.stringify(EARLY_SERIES_SHOWN_MARK)}).length === 0) return;
    observer.disconnect();
    const canvases = document.querySelectorAll('canvas');
    const box = canvases[0].getBoundingClientRect();
    canvases[0].dataset.early = 'true';
    window.__earlyShown = { canvases: canvases.length, left: box.left, top: box.top, width: box.width, height: box.height };
  }).observe({ type: 'mark', buffered: true });
`;

interface EarlyShown {
  readonly canvases: number;
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Watches `page`'s next load for the early series viewport: `order` is told whether its slice was
 * shown when the app's entry was asked for (index.html prefetches the entry, fetched and not run,
 * vite/appEntryHeld.ts; the app starts by importing it), and the middle of that slice (not the
 * corner texts or the label badges) is kept from then.
 */
async function watchEarlySeries(page: Page, order: string[] = []) {
  await page.addInitScript({ content: RECORD_EARLY_SHOWN });
  const middle = async () => {
    const box = await page.locator('canvas[data-early="true"]').boundingBox();
    if (!box) throw new Error('the early canvas is not in the page');
    return page.screenshot({ clip: { x: box.x + box.width / 2 - 40, y: box.y + box.height / 2 - 40, width: 80, height: 80 } });
  };
  let earlyPixels: Buffer | null = null;
  await page.route(/\/assets\/index-[^/]*\.js$/, async (route) => {
    if (route.request().resourceType() !== 'script') return route.continue();
    order.push(`app entry asked, early slice ${(await page.evaluate((mark) => performance.getEntriesByName(mark).length, EARLY_SERIES_SHOWN_MARK)) === 1 ? 'shown' : 'not shown'}`);
    earlyPixels ??= await middle();
    await route.continue();
  });
  return {
    order,
    /**
     * Once the app has its viewer: the early viewport shown once, alone in the page, then adopted:
     * the same canvas, the page's only viewport canvas, where the early viewport had put it,
     * showing the same pixels. Resolves with the image id it showed.
     */
    async adoptedInPlace(): Promise<string> {
      const { shown, marks } = await page.evaluate((mark) => ({
        shown: (window as unknown as { __earlyShown?: EarlyShown }).__earlyShown ?? null,
        marks: performance.getEntriesByName(mark).map((entry) => (entry as PerformanceMark).detail as string),
      }), EARLY_SERIES_SHOWN_MARK);
      expect(marks).toHaveLength(1);
      expect(shown?.canvases).toBe(1);
      await expect(page.locator('.sv-viewport canvas.cornerstone-canvas[data-early="true"]')).toHaveCount(1);
      await expect(page.locator('canvas.cornerstone-canvas')).toHaveCount(1);
      const box = await page.locator('canvas[data-early="true"]').boundingBox();
      expect(box && { left: box.x, top: box.y, width: box.width, height: box.height }).toEqual({ left: shown?.left, top: shown?.top, width: shown?.width, height: shown?.height });
      // The viewer redrew the same slice in the same window and place: the reader saw no change.
      expect(earlyPixels).not.toBeNull();
      expect((await middle()).equals(earlyPixels as unknown as Buffer)).toBe(true);
      return marks[0] ?? '';
    },
  };
}

/** The image id of slice `index` of the item, as the server lists its slices. */
async function sliceImageIdOf(page: Page, itemId: string, index: number): Promise<string> {
  const fileId = await page.evaluate(
    async ({ itemId, index }) => {
      const login = JSON.parse(localStorage.getItem('mejirushi:login') ?? 'null') as { token: string };
      const detail = (await (await fetch(`/api/items/${itemId}`, { headers: { authorization: `Bearer ${login.token}` } })).json()) as { item: { content: { slices: { fileId: string }[] } } };
      return detail.item.content.slices[index]?.fileId ?? '';
    },
    { itemId, index },
  );
  return `mejirushi:${encodeURIComponent(fileId)}`;
}

test('opened again by its address, a series shows the slice its reader was on, in the window they chose, from the early boot script before the app is asked for; the app adopts that viewport, its slice unchanged, and the keys work', async ({ browser, mejirushi }) => {
  await onSliceTwo(browser, mejirushi, async (page, itemId) => {
    const viewer = byTestId(page, 'series-viewer');
    const fileWindow = await viewer.getAttribute('data-voi');
    await byTestId(page, 'viewer-preset-subdural').click();
    await expect(viewer).toHaveAttribute('data-voi', '200/75');
    // The early viewport must draw the chosen window, not the file's: they differ here.
    expect(fileWindow).not.toBe('200/75');

    const early = await watchEarlySeries(page);
    await page.goto(`/items/${itemId}`);
    expect(await waitForItem(page)).toBe(itemId);
    await expect(byTestId(page, 'slice-counter')).toHaveAttribute('data-index', '2');
    await expect(viewer).toHaveAttribute('data-voi', '200/75');
    expect(early.order).toEqual(['app entry asked, early slice shown']);
    // The slice the reader was on, drawn by the one Cornerstone the page initialised.
    expect(await early.adoptedInPlace()).toBe(await sliceImageIdOf(page, itemId, 2));
    expect(await page.evaluate((mark) => performance.getEntriesByName(mark).length, CORNERSTONE_READY_MARK)).toBe(1);

    // The adopted viewport is the viewer's: the label key labels the slice, the wheel moves on once the tools are in.
    await page.keyboard.press(keyFor(SAH_PRESENT));
    await expect.poll(async () => (await stripClasses(page))[2]).toBe(SAH_PRESENT);
    const centre = await page.locator('.sv-viewport').boundingBox();
    if (!centre) throw new Error('the viewport has no box');
    await page.mouse.move(centre.x + centre.width / 2, centre.y + centre.height / 2);
    const at = Number(await viewer.getAttribute('data-slice-index'));
    await expect
      .poll(async () => {
        await page.mouse.wheel(0, 100);
        return Number(await viewer.getAttribute('data-slice-index'));
      })
      .not.toBe(at);
  });
});

test('opened again by its address in a window of a size its viewer was never laid out in, a series shows the slice its reader was on where the layout puts the viewer; the app adopts it in place', async ({ browser, mejirushi }) => {
  await onSliceTwo(browser, mejirushi, async (page, itemId) => {
    await page.setViewportSize({ width: 1366, height: 900 });
    const early = await watchEarlySeries(page);
    await page.goto(`/items/${itemId}`);
    expect(await waitForItem(page)).toBe(itemId);
    await expect(byTestId(page, 'slice-counter')).toHaveAttribute('data-index', '2');
    expect(early.order).toEqual(['app entry asked, early slice shown']);
    expect(await early.adoptedInPlace()).toBe(await sliceImageIdOf(page, itemId, 2));
  });
});
