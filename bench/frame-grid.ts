/**
 * Frame-grid benchmark (not part of `npm test`): `npx tsx bench/frame-grid.ts`
 *
 * A video of BENCH_FRAMES frames (default 20,000; ffmpeg `testsrc`, 160 × 120 at 25 fps) imported
 * by the import CLI into a real server process's data folder (frames decoded and sprite sheets
 * made as in production), then, in Chromium, the production app's frame workspace on it:
 * - `scroll-frame-ms`: the grid scrolled from top to bottom at a steady pace (BENCH_ROWS_PER_FRAME
 *   rows per animation frame, scrollTop set in requestAnimationFrame), the p95 of the frame
 *   intervals (rAF deltas; the median printed too, and Chromium's long animation frames with the
 *   part of them spent in script, to tell script from style, layout and paint). Baseline: an empty scroller of the same size,
 *   total height and pace, laid over the same page, scrolled the same way in the same run.
 * - `heap-after-scroll`: `performance.memory.usedJSHeapSize` after a forced GC once the whole grid
 *   has been scrolled (thumbnails of the last screen shown), against the same after the first
 *   screen. Chromium runs with `--enable-precise-memory-info` and `--js-flags=--expose-gc`.
 * - `dom-nodes-after-scroll` and `held-sheets-after-scroll`: elements in the document and
 *   sprite sheets held (object URLs not yet revoked, ImageBitmaps not yet closed), same two moments: both must stay bounded (rows in
 *   view; sheets in view).
 * Goals: scroll and heap ratios ≤ 1.2. Both scrolls start once the app's service worker is in
 * control (its install, after the first screen, would otherwise share the CPU with the first).
 *
 * BENCH_PROFILE=1 (off by default; the build is then unminified and the profiler slows the page):
 * a CPU profile of the grid's scroll, its top self times, and the long frames' script time by entry point.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { chromium } from '@playwright/test';
import type { DatasetSummary, ItemPage } from '../src/core/api';
import { CHROMIUM_LAUNCH_OPTIONS } from '../e2e/fixtures/chromium';
import { REPO_ROOT } from '../server/testing/processes';
import { printBench } from './support/benchLine';
import { PROFILE, startProfile } from './support/profile';
import { newSeededContext } from './support/browser';
import { startBenchServer, type BenchServer } from './support/server';
import { prepareSite } from './support/site';

const run = promisify(execFile);
const FRAMES = Number(process.env.BENCH_FRAMES ?? 20_000);
const ROWS_PER_FRAME = Number(process.env.BENCH_ROWS_PER_FRAME ?? 2);
const FPS = 25;
const DATASET = 'frame-grid bench';
const TIMEOUT_MS = 120_000;

/** A `testsrc` clip of FRAMES frames, encoded as fast as x264 goes (the bench measures the grid, not the clip). */
async function makeClip(folder: string): Promise<void> {
  const source = `testsrc=size=160x120:rate=${FPS}:duration=${FRAMES / FPS},hue=h=n*47`;
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', source, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '25', join(folder, 'clip.mp4')]);
}

/** Imports the clip with the CLI into the server's data folder, as an operator would, assigned to the admin who browses it. */
async function importClip(server: BenchServer, folder: string): Promise<string> {
  const args = ['--import', 'tsx', 'server/cli/import.ts', folder, '--dataset', DATASET, '--data', server.dataDir, '--label-set', 'uc-endoscopy@2', '--assign', 'admin'];
  await run('node', args, { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 });
  const dataset = (await server.api<DatasetSummary[]>('GET', '/api/datasets')).find((d) => d.name === DATASET);
  const item = dataset ? (await server.api<ItemPage>('GET', `/api/datasets/${dataset.id}/items`)).items[0] : undefined;
  if (!item) throw new Error('the import made no frame set');
  return item.id;
}

/**
 * Counts sprite sheets held: object URLs made and not revoked, and ImageBitmaps made and not closed
 * (the grid draws from either, depending on the app's version). A string: tsx would add its
 * `__name` helper to a function, which the page lacks.
 */
const COUNT_HELD_SHEETS = `
  window.__heldSheets = 0;
  const create = URL.createObjectURL.bind(URL);
  const revoke = URL.revokeObjectURL.bind(URL);
  URL.createObjectURL = (blob) => { window.__heldSheets += 1; return create(blob); };
  URL.revokeObjectURL = (url) => { window.__heldSheets -= 1; revoke(url); };
  const makeBitmap = window.createImageBitmap.bind(window);
  const close = ImageBitmap.prototype.close;
  window.createImageBitmap = (...args) => makeBitmap(...args).then((bitmap) => { window.__heldSheets += 1; return bitmap; });
  ImageBitmap.prototype.close = function () { if (this.width > 0) window.__heldSheets -= 1; return close.call(this); };
`;

interface MemorySample {
  readonly heap: number;
  readonly nodes: number;
  readonly sheets: number;
}

/** Heap after a forced GC, elements in the document and sprite sheets held. */
function sampleMemory(page: Page): Promise<MemorySample> {
  return page.evaluate(async () => {
    const scope = window as unknown as { gc: () => void; __heldSheets: number };
    const memory = (performance as unknown as { memory: { usedJSHeapSize: number } }).memory;
    for (let i = 0; i < 3; i += 1) {
      scope.gc();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { heap: memory.usedJSHeapSize, nodes: document.getElementsByTagName('*').length, sheets: scope.__heldSheets };
  });
}

/** Waits until every cell in the DOM shows its sprite sheet's thumbnail (drawn into its canvas, or a CSS background). */
async function thumbnailsShown(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const cells = [...document.querySelectorAll<HTMLElement>('[data-testid="frame-cell"]')];
      // No named inner function: tsx would add its `__name` helper, which the page lacks.
      return cells.length > 0 && cells.every((cell) => cell.querySelector('canvas[data-drawn="true"]') !== null || cell.style.backgroundImage.startsWith('url("blob:'));
    },
    undefined,
    { timeout: TIMEOUT_MS, polling: 100 },
  );
}

interface ScrollRun {
  /** ms between animation frames. */
  readonly intervals: number[];
  /** Long animation frames (Chromium's LoAF, > 50 ms) seen during the scroll: their count, total ms and the part spent running script. */
  readonly longFrames: { readonly count: number; readonly ms: number; readonly scriptMs: number };
  /** The long frames' script time (ms) per entry point (invoker, function, source position): Chromium's LoAF attribution. */
  readonly scriptsBy: Record<string, number>;
}

/**
 * Scrolls `selector`'s element from top to bottom, `step` px per animation frame. A string: tsx
 * would add its `__name` helper to the inner function, which the page lacks.
 */
function scrollThrough(page: Page, selector: string, step: number): Promise<ScrollRun> {
  return page.evaluate(`new Promise((resolve) => {
    const scroller = document.querySelector(${JSON.stringify(selector)});
    scroller.scrollTop = 0;
    const longFrames = { count: 0, ms: 0, scriptMs: 0 };
    const scriptsBy = {};
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        longFrames.count += 1;
        longFrames.ms += entry.duration;
        for (const script of entry.scripts ?? []) {
          longFrames.scriptMs += script.duration;
          const source = script.sourceURL.slice(script.sourceURL.lastIndexOf('/') + 1);
          const key = script.invokerType + ' ' + script.invoker + ' → ' + (script.sourceFunctionName || '?') + ' ' + source + ':' + script.sourceCharPosition;
          scriptsBy[key] = (scriptsBy[key] ?? 0) + script.duration;
        }
      }
    });
    observer.observe({ type: 'long-animation-frame' });
    const intervals = [];
    let last = null;
    const tick = (now) => {
      if (last !== null) intervals.push(now - last);
      last = now;
      if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) {
        observer.disconnect();
        return resolve({ intervals, longFrames, scriptsBy });
      }
      scroller.scrollTop += ${step};
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })`);
}

/** An empty scroller with the grid's box and content height, laid over the page. */
function addEmptyScroller(page: Page): Promise<void> {
  return page.evaluate(() => {
    const grid = document.querySelector('[data-testid="frame-grid"]') as HTMLElement;
    const box = grid.getBoundingClientRect();
    const scroller = document.createElement('div');
    scroller.id = 'bench-empty-scroller';
    Object.assign(scroller.style, { position: 'fixed', left: `${box.left}px`, top: `${box.top}px`, width: `${box.width}px`, height: `${box.height}px`, overflowY: 'auto', background: '#fff', zIndex: '1000' });
    const space = document.createElement('div');
    space.style.height = `${grid.scrollHeight}px`;
    scroller.append(space);
    document.body.append(scroller);
  });
}

/** The entry points that ran longest in long animation frames (BENCH_PROFILE only). */
function printScripts(scriptsBy: Record<string, number>): void {
  console.log('long animation frames, script time by entry point:');
  for (const [key, ms] of Object.entries(scriptsBy).sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${ms.toFixed(0).padStart(7)} ms  ${key}`);
}

function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  const site = await prepareSite();
  const server = await startBenchServer(site.staticDir);
  const folder = mkdtempSync(join(tmpdir(), 'mejirushi-bench-frames-'));
  const browser = await chromium.launch({ ...CHROMIUM_LAUNCH_OPTIONS, args: [...(CHROMIUM_LAUNCH_OPTIONS.args ?? []), '--enable-precise-memory-info', '--js-flags=--expose-gc'] });
  try {
    let started = Date.now();
    await makeClip(folder);
    console.log(`made a ${FRAMES}-frame clip in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    started = Date.now();
    const itemId = await importClip(server, folder);
    console.log(`imported it (frames decoded, sprite sheets made) in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const context = await newSeededContext(browser, server.url, server.login);
    await context.addInitScript(COUNT_HELD_SHEETS);
    const page = context.pages()[0] ?? (await context.newPage());
    // The grid, should the label set open the video in the player.
    await page.goto(`/items/${itemId}`);
    await page.locator('[data-testid="item-page"][data-ready="true"]').waitFor({ timeout: TIMEOUT_MS });
    if ((await page.locator('[data-testid="frame-grid"]').count()) === 0) await page.locator('[data-testid="frame-mode-grid"]').click();
    const grid = page.locator('[data-testid="frame-grid"]');
    await grid.waitFor({ timeout: TIMEOUT_MS });
    await thumbnailsShown(page);
    // The app installs its offline copy after the first screen (precache, script compile in the
    // service worker): both scrolls run once it is done, so neither shares the CPU with it.
    await page.waitForSelector('html[data-sw-ready="true"]', { state: 'attached', timeout: TIMEOUT_MS });
    const first = await sampleMemory(page);
    const [rows, columns] = [Number(await grid.getAttribute('data-rows')), Number(await grid.getAttribute('data-columns'))];
    const rowHeight = await page.locator('.frame-grid-row').first().evaluate((row) => row.getBoundingClientRect().height + 4);
    const step = Math.round(rowHeight * ROWS_PER_FRAME);
    console.log(`grid: ${FRAMES} frames in ${rows} rows × ${columns} columns; scrolling ${step} px a frame`);

    const stopProfile = await startProfile(page, 'grid scroll');
    const gridRun = await scrollThrough(page, '[data-testid="frame-grid"]', step);
    await stopProfile();
    if (PROFILE) printScripts(gridRun.scriptsBy);
    await thumbnailsShown(page);
    const after = await sampleMemory(page);
    const lastFrame = Number(await page.locator('[data-testid="frame-cell"]').last().getAttribute('data-frame'));
    if (lastFrame !== FRAMES - 1) throw new Error(`the scroll ended on frame ${lastFrame}, not the last (${FRAMES - 1})`);

    await addEmptyScroller(page);
    const emptyRun = await scrollThrough(page, '#bench-empty-scroller', step);

    const [gridIntervals, emptyIntervals] = [gridRun.intervals, emptyRun.intervals];
    const [gridP95, emptyP95] = [percentile(gridIntervals, 95), percentile(emptyIntervals, 95)];
    for (const [name, scroll] of [['grid', gridRun], ['empty', emptyRun]] as const) {
      const { intervals, longFrames } = scroll;
      console.log(
        `${name.padEnd(5)}: ${intervals.length} frames, median ${percentile(intervals, 50).toFixed(1)} ms, p95 ${percentile(intervals, 95).toFixed(1)} ms, max ${Math.max(...intervals).toFixed(1)} ms; ` +
          `${longFrames.count} long animation frames (${longFrames.ms.toFixed(0)} ms, of which script ${longFrames.scriptMs.toFixed(0)} ms)`,
      );
    }
    console.log(`first screen: heap ${mb(first.heap)}, ${first.nodes} elements, ${first.sheets} sheets held; after the whole grid: heap ${mb(after.heap)}, ${after.nodes} elements, ${after.sheets} sheets held`);
    printBench('frame-grid', 'scroll-frame-ms', gridP95, emptyP95);
    printBench('frame-grid', 'scroll-frame-median-ms', percentile(gridIntervals, 50), percentile(emptyIntervals, 50));
    printBench('frame-grid', 'heap-after-scroll', after.heap, first.heap);
    printBench('frame-grid', 'dom-nodes-after-scroll', after.nodes, first.nodes);
    printBench('frame-grid', 'held-sheets-after-scroll', after.sheets, first.sheets);
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
    site.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
