/**
 * Segmentation benchmark (not part of `npm test`): `npm run bench -- segmentation`
 *
 * The demo phantom CT (28 slices of 512 × 512, 16-bit) served by a real server process, in
 * Chromium (Playwright, trusted mouse input through the browser's input pipeline).
 *
 * - `stroke-ms`: one scripted brush stroke (press, `BENCH_STROKE_POINTS` moves along a row,
 *   release; the same image pixels, brush radius and slice on both pages) → pixels updated.
 *   Ours: the CT viewer's mask brush (`G`, radius 4 × 1.25⁴ image px after four `]`), from the
 *   pointerdown's event time to the first animation frame after the pointerup was handled (React
 *   flushes a pointerup's update synchronously, so by then the command is applied and the mask
 *   layer has drawn the committed mask). Baseline: Cornerstone3D's own `BrushTool`
 *   (FILL_INSIDE_CIRCLE, same diameter in mm) on a labelmap segmentation of a bare stack viewport
 *   (`bare-viewer/segmentation.ts`, same viewport size), which paints on each drag event and has
 *   nothing left to draw at the release: from the pointerdown's event time to the later of the end
 *   of its first labelmap render (`SEGMENTATION_RENDERED`) after the last move and the first
 *   animation frame after the pointerup was handled. Each stroke paints fresh rows (`ROW_STEP` lower than the
 *   one before); pages alternate stroke by stroke; medians of `BENCH_STROKES` after `WARM_UP`.
 *   The app renders with its own choice (CPU under SwiftShader); the bare page on WebGL, since
 *   Cornerstone draws a stack labelmap only with vtk.js actors. Cornerstone's brush size is
 *   calibrated first (one dab on a throwaway page) so its footprint matches our tip's disc.
 *   `stroke-ms-vs-input-floor`: ours against the same input over a page that ignores it (what
 *   Playwright, CDP and the frames cost on their own).
 * - `memory`: the series with its segmentation in the app's page: JS heap used plus ArrayBuffer
 *   backing stores (typed arrays: decoded pixels, HU, labelmaps), from CDP `Runtime.getHeapUsage`
 *   after `HeapProfiler.collectGarbage`, taken with the item open on slice 0 (the other slices'
 *   file requests held back until then, so it holds exactly one), once every slice has been
 *   shown, and once `BENCH_MASK_SLICES` slices carry a mask (the stroke slice among them): the
 *   growth over the slices paged through, scaled to all of them, plus what the masks added (the
 *   code the item page loads is not the series'). Checked against Cornerstone's own count of its
 *   image cache (the measure must see at least that). Not counted: GPU textures, canvases' pixel
 *   memory, the decode workers' and service worker's heaps. Baseline:
 *   the series' raw pixel bytes (rows × columns × 2 × slices). Goal ≤ 2. The bare page's labelmap
 *   bytes are printed beside it, for reference.
 *
 * BENCH_PROFILE=1 prints where our strokes' main-thread time went (`support/profile.ts`).
 */
import { loadavg } from 'node:os';
import type { Browser, BrowserContext, CDPSession, Page, Route } from '@playwright/test';
import { MASK_BRUSH_RADIUS } from '../src/core/masks/tools/brushMaskTool';
import { resizedRadius } from '../src/core/tools/common';
import { DEMO_DATASET_NAME } from '../server/bootstrap';
import { demoPhantomSlices } from '../server/demo/phantomHu';
import type { BareSegmentationConfig } from './bare-viewer/segmentation';
import { printBench } from './support/benchLine';
import { launchChromium, newSeededContext, readyViewer, VIEWPORT } from './support/browser';
import { startProfile } from './support/profile';
import { findItem, startBenchServer, type BenchServer } from './support/server';
import { BARE_BASE, prepareSite } from './support/site';
import { formatSpread, spread } from './support/stats';

const STROKES = Number(process.env.BENCH_STROKES ?? 7);
const WARM_UP = 2;
const POINTS = Number(process.env.BENCH_STROKE_POINTS ?? 16);
const MASK_SLICES = Number(process.env.BENCH_MASK_SLICES ?? 8);
const TIMEOUT_MS = 120_000;
/** Four `]` from the brush's first radius: a lesion-sized tip. */
const GROW_KEYS = 4;
const RADIUS = Array.from({ length: GROW_KEYS }).reduce<number>((r) => resizedRadius(r, ']', MASK_BRUSH_RADIUS) ?? r, MASK_BRUSH_RADIUS.initial);
/** Stroke k runs along row FIRST_ROW + k × ROW_STEP, columns FIRST_COLUMN…LAST_COLUMN (image px). */
const FIRST_ROW = 140;
const ROW_STEP = Math.ceil(2 * RADIUS) + 4;
const [FIRST_COLUMN, LAST_COLUMN] = [150, 350] as const;
const SEGMENT = 'sah.blood';

interface StrokeTimes {
  /** pointerdown's event time (ms, the page's clock). */
  downAt: number | null;
  /** performance.now() as the stroke's last pointermove reached the window, before any handler. */
  lastMoveAt: number | null;
  /** The first animation frame after the pointerup's handlers ran. */
  frameAfterUpAt: number | null;
}

declare global {
  interface Window {
    __benchStroke?: StrokeTimes;
  }
}

/** Runs in every document before its scripts. A string: tsx would add its `__name` helper to a function, which the page lacks. */
const RECORD_STROKE = `
  window.__benchStroke = { downAt: null, lastMoveAt: null, frameAfterUpAt: null };
  addEventListener('pointerdown', (event) => {
    window.__benchStroke = { downAt: event.timeStamp, lastMoveAt: null, frameAfterUpAt: null };
  }, true);
  addEventListener('pointermove', (event) => {
    if (event.buttons & 1) window.__benchStroke.lastMoveAt = performance.now();
  }, true);
  addEventListener('pointerup', () => {
    requestAnimationFrame(() => { window.__benchStroke.frameAfterUpAt = performance.now(); });
  });
`;

type ToCanvas = (column: number, row: number) => Promise<[number, number]>;

interface StrokePage {
  readonly page: Page;
  /** The viewport's top-left corner on the page (CSS px). */
  readonly origin: () => Promise<{ x: number; y: number }>;
  readonly toCanvas: ToCanvas;
  /** Waits until the stroke is on screen; answers its ms. */
  finished(): Promise<number>;
}

async function originOf(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} has no box`);
  return box;
}

/** The stroke's points (image pixels, column and row): along one row, evenly spaced. */
function strokePoints(row: number): [number, number][] {
  return Array.from({ length: POINTS + 1 }, (_, k) => [Math.round(FIRST_COLUMN + ((LAST_COLUMN - FIRST_COLUMN) * k) / POINTS), row]);
}

async function stroke(target: StrokePage, row: number): Promise<number> {
  const box = await target.origin();
  const points: { x: number; y: number }[] = [];
  for (const [column, r] of strokePoints(row)) {
    const [x, y] = await target.toCanvas(column, r);
    points.push({ x: box.x + x, y: box.y + y });
  }
  const [first, ...rest] = points;
  if (!first) throw new Error('an empty stroke');
  const mouse = target.page.mouse;
  await mouse.move(first.x, first.y);
  await mouse.down();
  for (const point of rest) await mouse.move(point.x, point.y);
  await mouse.up();
  return target.finished();
}

/** ms from the pointerdown to the first animation frame after the pointerup was handled. */
async function untilFrameAfterUp(page: Page): Promise<number> {
  const end = await page.waitForFunction(() => {
    const t = window.__benchStroke;
    return t?.frameAfterUpAt != null && t.downAt != null ? t.frameAfterUpAt - t.downAt : null;
  }, undefined, { timeout: TIMEOUT_MS });
  return (await end.jsonValue()) as number;
}

/** The app's item page, open on the demo series. */
function ourStrokePage(page: Page): StrokePage {
  return {
    page,
    origin: () => originOf(page, '.sv-viewport'),
    toCanvas: (column, row) => page.evaluate(([r, c]) => window.__mejirushiViewer!.imageToCanvas(r, c), [row, column] as const),
    finished: () => untilFrameAfterUp(page),
  };
}

async function bareStrokePage(browser: Browser, origin: string, config: BareSegmentationConfig): Promise<StrokePage> {
  const page = await barePage(browser, origin);
  await page.evaluate((c) => window.__bareSegmentation!.start(c), config);
  await page.waitForSelector('#root[data-ready="true"]', { state: 'attached', timeout: TIMEOUT_MS });
  return {
    page,
    origin: () => originOf(page, '#viewport'),
    toCanvas: (column, row) => page.evaluate(([c, r]) => window.__bareSegmentation!.imageToCanvas(c, r), [column, row] as const),
    async finished() {
      const end = await page.waitForFunction(() => {
        const t = window.__benchStroke;
        if (t?.frameAfterUpAt == null || t.lastMoveAt == null || t.downAt == null) return null;
        const rendered = window.__bareSegmentation!.renderTimes.find((at) => at >= (t.lastMoveAt as number));
        return rendered === undefined ? null : Math.max(rendered, t.frameAfterUpAt) - t.downAt;
      }, undefined, { timeout: TIMEOUT_MS });
      return (await end.jsonValue()) as number;
    },
  };
}

async function barePage(browser: Browser, origin: string): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT, baseURL: origin });
  await context.addInitScript({ content: RECORD_STROKE });
  const page = await context.newPage();
  await page.goto(`${BARE_BASE}segmentation.html`);
  await page.waitForFunction(() => window.__bareSegmentation !== undefined);
  return page;
}

/**
 * The floor under both figures: the same mouse input (Playwright → CDP → the page) at the same
 * screen points over a page that does nothing with it (the bare page, not started).
 */
function inputFloorPage(page: Page, ours: StrokePage): StrokePage {
  return {
    page,
    origin: ours.origin,
    toCanvas: ours.toCanvas,
    finished: () => untilFrameAfterUp(page),
  };
}

/**
 * Cornerstone sizes its brush in world units and fills by its own rule: one dab of `config`'s
 * size on a throwaway bare page, rescaled so its footprint matches our tip's disc (π r² pixels).
 */
async function calibratedBrushSizeMm(browser: Browser, origin: string, config: BareSegmentationConfig): Promise<number> {
  const probe = await bareStrokePage(browser, origin, config);
  try {
    const box = await probe.origin();
    const [x, y] = await probe.toCanvas(256, 60);
    await probe.page.mouse.move(box.x + x, box.y + y);
    await probe.page.mouse.down();
    await probe.page.mouse.up();
    await probe.page.waitForFunction(() => window.__benchStroke?.frameAfterUpAt != null && window.__bareSegmentation!.renderTimes.length > 1, undefined, { timeout: TIMEOUT_MS });
    const painted = await probe.page.evaluate(() => window.__bareSegmentation!.paintedPixels());
    if (painted === 0) throw new Error("Cornerstone's brush painted nothing on the probe");
    console.log(`brush calibration: ${config.brushSizeMm.toFixed(2)} mm painted ${painted} px against our disc's ${(Math.PI * RADIUS * RADIUS).toFixed(0)}`);
    return config.brushSizeMm * Math.sqrt((Math.PI * RADIUS * RADIUS) / painted);
  } finally {
    await probe.page.context().close();
  }
}

/** JS heap used plus ArrayBuffer backing stores, after a full collection. */
async function heapBytes(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
  if (usage.backingStorageSize === undefined) throw new Error('this Chromium does not report backing store bytes (Runtime.getHeapUsage)');
  return usage.usedSize + usage.backingStorageSize;
}

/**
 * Holds back every request for the series' files but `firstFileId`'s until the returned function
 * is called: the open item is then measured holding exactly one slice, not however many the
 * prefetch had brought in by then (counting those after the measure let files that arrived in
 * between inflate the figure; see bench/README).
 */
async function holdSeriesFiles(context: BrowserContext, firstFileId: string): Promise<() => Promise<void>> {
  const pattern = '**/api/items/*/files/*';
  const held: Route[] = [];
  let holding = true;
  await context.route(pattern, async (route) => {
    const fileId = decodeURIComponent(new URL(route.request().url()).pathname.split('/').pop() ?? '');
    if (holding && fileId !== firstFileId) held.push(route);
    else await route.continue();
  });
  return async () => {
    holding = false;
    await Promise.all(held.map((route) => route.continue()));
    await context.unroute(pattern);
  };
}

/** The series' files the page has received (each held from then on, encoded or decoded). */
function filesReceived(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Set(
        (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          .filter((entry) => entry.responseEnd > 0 && new URL(entry.name).pathname.includes('/files/'))
          .map((entry) => entry.name),
      ).size,
  );
}

async function segmentPixels(page: Page): Promise<number> {
  const volume = page.locator(`[data-testid="segment-volume-${SEGMENT}"][data-pending="false"]`);
  await volume.waitFor({ state: 'attached', timeout: TIMEOUT_MS });
  return Number(await volume.getAttribute('data-pixels'));
}

async function goToSlice(page: Page, index: number): Promise<void> {
  await page.locator(`[data-testid="strip-cell-${index}"]`).click();
  await page.waitForSelector(readyViewer(index), { state: 'attached', timeout: TIMEOUT_MS });
}

async function assignAdmin(server: BenchServer, datasetId: string): Promise<void> {
  try {
    await server.api('POST', `/api/datasets/${datasetId}/assignments`, { readerIds: [server.login.user.id] });
  } catch (error) {
    // Already assigned (the demo may assign the admin on its own): the item is editable either way, checked below.
    if (!String(error).includes('409')) throw error;
  }
}

async function main(): Promise<void> {
  const loadBefore = loadavg()[0] as number;
  const { truth } = demoPhantomSlices();
  const strokeSlice = truth.sahSliceIndices[1] as number;
  const maskSlices = [strokeSlice, ...Array.from({ length: truth.sopInstanceUids.length }, (_, i) => i).filter((i) => i !== strokeSlice)].slice(0, MASK_SLICES);
  const site = await prepareSite();
  let server: BenchServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startBenchServer(site.staticDir);
    const detail = await findItem(server, DEMO_DATASET_NAME);
    const content = detail.item.content;
    if (content.kind !== 'series') throw new Error('the demo item is not a series');
    await assignAdmin(server, detail.item.datasetId);
    browser = await launchChromium();

    // Ours: the item list first (the memory reference), then the item opened from it.
    const context = await newSeededContext(browser, server.url, server.login);
    await context.addInitScript({ content: RECORD_STROKE });
    const page = context.pages()[0] as Page;
    const cdp = await context.newCDPSession(page);
    await page.goto(`/datasets/${detail.item.datasetId}`);
    await page.waitForSelector('[data-testid="item-list"][data-ready="true"]', { timeout: TIMEOUT_MS });
    const heapList = await heapBytes(cdp);
    const firstFile = content.slices[0];
    if (!firstFile) throw new Error('the demo series has no slices');
    const releaseFiles = await holdSeriesFiles(context, firstFile.fileId);
    await page.locator(`[data-testid="item-link-${detail.item.id}"]`).click();
    await page.waitForSelector(readyViewer(0), { state: 'attached', timeout: TIMEOUT_MS });
    const heapOpen = await heapBytes(cdp);
    const heldAtOpen = await filesReceived(page);
    await releaseFiles();
    if (heldAtOpen !== 1) throw new Error(`the open item was measured holding ${heldAtOpen} slice files, not 1: the hold missed a request`);
    const ours = ourStrokePage(page);
    for (let index = 1; index < content.slices.length; index++) {
      await page.keyboard.press('ArrowDown');
      await page.waitForSelector(readyViewer(index), { state: 'attached', timeout: TIMEOUT_MS });
    }
    const heapPaged = await heapBytes(cdp);
    const cachedBytes = await page.evaluate(() => window.__mejirushiViewer!.cachedImageBytes());
    await goToSlice(page, strokeSlice);
    await page.keyboard.press('g');
    await page.waitForSelector('[data-testid="mask-tool-maskBrush"][aria-pressed="true"]', { timeout: TIMEOUT_MS });
    for (let k = 0; k < GROW_KEYS; k++) await page.keyboard.press(']');
    const box = await page.locator('.sv-viewport').boundingBox();
    if (!box) throw new Error('cannot measure the app viewer');

    const spacing = content.pixelSpacing?.[1] ?? 1;
    const bareConfig: BareSegmentationConfig = {
      files: content.slices.map((slice) => `/api/items/${detail.item.id}/files/${encodeURIComponent(slice.fileId)}`),
      token: server.login.token,
      sliceIndex: strokeSlice,
      brushSizeMm: 2 * RADIUS * spacing,
      w: Math.round(box.width),
      h: Math.round(box.height),
    };
    const bare = await bareStrokePage(browser, server.url, { ...bareConfig, brushSizeMm: await calibratedBrushSizeMm(browser, server.url, bareConfig) });
    const floor = inputFloorPage(await barePage(browser, server.url), ours);

    const ourTimes: number[] = [];
    const bareTimes: number[] = [];
    const floorTimes: number[] = [];
    const pixelsBefore = await segmentPixels(page);
    const stopProfile = await startProfile(page, `our ${WARM_UP + STROKES} strokes`);
    for (let k = 0; k < WARM_UP + STROKES; k++) {
      const row = FIRST_ROW + k * ROW_STEP;
      const mine = await stroke(ours, row);
      const theirs = await stroke(bare, row);
      const nothing = await stroke(floor, row);
      if (k < WARM_UP) continue;
      ourTimes.push(mine);
      bareTimes.push(theirs);
      floorTimes.push(nothing);
    }
    await stopProfile();
    const pixelsAfter = await segmentPixels(page);
    const barePixels = await bare.page.evaluate(() => window.__bareSegmentation!.paintedPixels());
    console.log(`painted: ours ${pixelsAfter - pixelsBefore} px, Cornerstone's ${barePixels} px in ${WARM_UP + STROKES} strokes (radius ${RADIUS.toFixed(2)} image px, ${POINTS} moves a stroke)`);
    if (pixelsAfter <= pixelsBefore || barePixels === 0) throw new Error('a stroke painted nothing: the pages are not measuring a brush');

    for (const index of maskSlices.slice(1)) {
      await goToSlice(page, index);
      await stroke(ours, FIRST_ROW);
    }
    const heapAfter = await heapBytes(cdp);
    const rawBytes = content.rows * content.columns * 2 * content.slices.length;
    const bareLabelmapBytes = await bare.page.evaluate(() => window.__bareSegmentation!.labelmapBytes());

    const [mine, theirs, nothing] = [spread(ourTimes), spread(bareTimes), spread(floorTimes)];
    console.log(`stroke → pixels updated, ours: ${formatSpread(mine)}`);
    console.log(`stroke → pixels updated, Cornerstone BrushTool: ${formatSpread(theirs)}`);
    console.log(`the same input over a page that ignores it: ${formatSpread(nothing)}`);
    printBench('segmentation', 'stroke-ms', mine.median, theirs.median);
    printBench('segmentation', 'stroke-ms-vs-input-floor', mine.median, nothing.median);
    // The series' share: the growth from the open item (slice 0 alone held) to every slice shown,
    // scaled to all slices (slice 0's share cannot be told from the code loaded with it), plus
    // what the strokes and masks added.
    const slices = content.slices.length;
    const seriesBytes = ((heapPaged - heapOpen) * slices) / (slices - heldAtOpen) + (heapAfter - heapPaged);
    const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
    // Cornerstone's cache holds every shown slice's pixels: a measure that saw less than that
    // would be blind to where the series lives (GPU textures, another process), not a saving.
    if (seriesBytes < 0.9 * cachedBytes) throw new Error(`the measure (${mib(seriesBytes)}) misses the pixels Cornerstone's cache holds (${mib(cachedBytes)})`);
    console.log(
      `memory (JS heap + backing stores): item list ${mib(heapList)}, item open on slice 0 ${mib(heapOpen)} (${heldAtOpen} slice files received), every slice shown ${mib(heapPaged)} (Cornerstone's image cache ${mib(cachedBytes)}), ` +
        `${maskSlices.length} slices masked ${mib(heapAfter)}; the series with its segmentation ${mib(seriesBytes)}; raw pixels ${mib(rawBytes)}; ` +
        `Cornerstone's labelmap alone ${mib(bareLabelmapBytes)}`,
    );
    printBench('segmentation', 'memory', seriesBytes, rawBytes);
    console.log(`load average (1 min) before ${loadBefore.toFixed(2)}, after ${(loadavg()[0] as number).toFixed(2)}`);
  } finally {
    await browser?.close();
    await server?.stop();
    site.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
