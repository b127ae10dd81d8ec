import { CORNERSTONE_READY_MARK, SLICE_DECODED_MARK } from '../src/viewer/cornerstone/readyMark';
import { EARLY_SERIES_SHOWN_MARK } from '../src/viewer/earlySeriesViewer';
import { byTestId, expect, goToSlice, keyFor, openDemoItem, SAH_PRESENT, signIn, stripClasses, test, waitForItem } from './fixtures/mejirushi';

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

/** How much later the app's entry script arrives, so what the early boot script starts surely comes before the app runs (as on a slow device). */
const APP_ENTRY_DELAY_MS = 1500;

test('opened by its address on a device new to it, a series starts Cornerstone and asks for its first file from the early boot script, before the app runs; the app reuses both', async ({ page, browser, mejirushi }) => {
  await signIn(page, mejirushi.annotator);
  const itemId = await openDemoItem(page);
  // No service worker, no copy of the detail, the kind unknown here: only the early detail says "series".
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
    await elsewhere.route(/\/assets\/index-[^/]*\.js$/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, APP_ENTRY_DELAY_MS));
      order.push('app entry answered');
      await route.continue();
    });
    await elsewhere.goto(`/items/${itemId}`);
    expect(await waitForItem(elsewhere)).toBe(itemId);
    expect(order.slice(0, 3).sort()).toEqual(['cornerstone chunk asked', 'first file asked', 'app entry answered'].sort());
    expect(order[2]).toBe('app entry answered');
    // The app's loader took the early request for the first slice's file: it was not asked for twice.
    expect(files.filter((path) => path === files[0])).toHaveLength(1);
    // One module for both starts: Cornerstone initialised once, the first slice drawn by it.
    expect(await elsewhere.evaluate((mark) => performance.getEntriesByName(mark).length, CORNERSTONE_READY_MARK)).toBe(1);
  } finally {
    await context.close();
  }
});

/** Runs before the page's scripts: whether the slice was decoded when the viewport element entered the page. */
const RECORD_VIEWPORT = `
  new MutationObserver((_, observer) => {
    if (!document.querySelector('.sv-viewport')) return;
    observer.disconnect();
    window.__decodedBeforeViewport = performance.getEntriesByName(${JSON.stringify(SLICE_DECODED_MARK)}).length > 0;
  }).observe(document, { subtree: true, childList: true });
`;

test('opened again by its address, a series decodes the slice its reader was on without the viewer components (held back until then), before its viewport exists; that slice shows first, its file read from the device', async ({ browser, mejirushi }) => {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    await signIn(page, mejirushi.annotator);
    const itemId = await openDemoItem(page);
    await goToSlice(page, 2);
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
  } finally {
    await context.close();
  }
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

test('opened again by its address, a series shows the slice its reader was on, in the window they chose, from the early boot script before the app is asked for; the app adopts that viewport, its slice unchanged, and the keys work', async ({ browser, mejirushi }) => {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    await signIn(page, mejirushi.annotator);
    const itemId = await openDemoItem(page);
    const viewer = byTestId(page, 'series-viewer');
    await goToSlice(page, 2);
    const fileWindow = await viewer.getAttribute('data-voi');
    await byTestId(page, 'viewer-preset-subdural').click();
    await expect(viewer).toHaveAttribute('data-voi', '200/75');
    // The early viewport must draw the chosen window, not the file's: they differ here.
    expect(fileWindow).not.toBe('200/75');

    await page.addInitScript({ content: RECORD_EARLY_SHOWN });
    const order: string[] = [];
    // The middle of the image: the corner texts and the label badges lie elsewhere.
    const middle = async () => {
      const box = await page.locator('canvas[data-early="true"]').boundingBox();
      if (!box) throw new Error('the early canvas is not in the page');
      return page.screenshot({ clip: { x: box.x + box.width / 2 - 40, y: box.y + box.height / 2 - 40, width: 80, height: 80 } });
    };
    let earlyPixels: Buffer | null = null;
    await page.route(/\/assets\/index-[^/]*\.js$/, async (route) => {
      // index.html prefetches the entry (fetched, not run, vite/appEntryHeld.ts); the app is started by importing it.
      if (route.request().resourceType() !== 'script') return route.continue();
      order.push(`app entry asked, early slice ${(await page.evaluate((mark) => performance.getEntriesByName(mark).length, EARLY_SERIES_SHOWN_MARK)) === 1 ? 'shown' : 'not shown'}`);
      earlyPixels ??= await middle();
      await route.continue();
    });
    await page.goto(`/items/${itemId}`);
    expect(await waitForItem(page)).toBe(itemId);
    await expect(byTestId(page, 'slice-counter')).toHaveAttribute('data-index', '2');
    await expect(viewer).toHaveAttribute('data-voi', '200/75');
    expect(order).toEqual(['app entry asked, early slice shown']);

    const { shown, marks, decoded, kept } = await page.evaluate(
      async ({ marks, itemId }) => {
        const login = JSON.parse(localStorage.getItem('mejirushi:login') ?? 'null') as { token: string };
        const detail = (await (await fetch(`/api/items/${itemId}`, { headers: { authorization: `Bearer ${login.token}` } })).json()) as { item: { content: { slices: { fileId: string }[] } } };
        return {
          shown: (window as unknown as { __earlyShown?: EarlyShown }).__earlyShown ?? null,
          marks: performance.getEntriesByName(marks.early).map((entry) => (entry as PerformanceMark).detail as string),
          decoded: performance.getEntriesByName(marks.initialised).length,
          kept: detail.item.content.slices[2]?.fileId ?? '',
        };
      },
      { marks: { early: EARLY_SERIES_SHOWN_MARK, initialised: CORNERSTONE_READY_MARK }, itemId },
    );
    // The slice the reader was on, once, in a page with no other canvas.
    expect(marks).toEqual([`mejirushi:${encodeURIComponent(kept)}`]);
    expect(shown?.canvases).toBe(1);
    expect(decoded).toBe(1);
    // Adopted: the same canvas, now the page's only viewport canvas, where the early viewport had put it.
    await expect(page.locator('.sv-viewport canvas.cornerstone-canvas[data-early="true"]')).toHaveCount(1);
    await expect(page.locator('canvas.cornerstone-canvas')).toHaveCount(1);
    const box = await page.locator('canvas[data-early="true"]').boundingBox();
    expect(box && { left: box.x, top: box.y, width: box.width, height: box.height }).toEqual({ left: shown?.left, top: shown?.top, width: shown?.width, height: shown?.height });
    // The viewer redrew the same slice in the same window and place: the reader saw no change.
    expect(earlyPixels).not.toBeNull();
    expect((await middle()).equals(earlyPixels as unknown as Buffer)).toBe(true);

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
  } finally {
    await context.close();
  }
});
