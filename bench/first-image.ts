/**
 * First-image benchmark (not part of `npm test`): `npx tsx bench/first-image.ts`
 *
 * Navigation → first rendered slice of the demo series in the app (`/items/<id>`), against a bare
 * Cornerstone3D page (bench/bare-viewer: no React, no app) that loads the same DICOM file from
 * the same server with the same bearer token into a stack viewport of the same size. Both pages
 * are served by one real server process (same origin, same headers).
 *
 * Times are taken in the page: `performance.now()` (ms since the navigation started) when the
 * viewer root first carries `data-ready="true"`, or, where sooner, when the early boot script's
 * viewport showed the slice (a series this device has opened, in a window where its viewer was laid
 * out: src/viewer/cornerstone/earlySeriesView.ts, the mark EARLY_SERIES_SHOWN_MARK); that image must
 * be the app's first slice, and the app's viewer, which adopts that viewport, must still become ready
 * on it (both checked after the clock stopped). Cold: a fresh browser context per run (empty
 * HTTP cache, no service worker; the login is already stored, as for a returning user). Warm:
 * the same context navigating to the same URL again (after the app's service worker took
 * control; the app then reads the file its first visit kept on the device, unfetched, so its
 * file milestones read n/a). Steady (extra information, not a goal): a third navigation in the same
 * context; a page the worker controls reuses the renderer's in-memory copies of its scripts (and the
 * code compiled for them) only from the visit after its first controlled one, since Blink keeps
 * resources apart per controlling worker. Before the warm visit the app's cold page is also given (up to
 * 15 s, then the bench goes on and says so) the idle-time warm-up it does once the worker controls a page that
 * started without it (src/offline/codeWarmup.ts: its chunks loaded once more through the worker, run where they
 * cannot start the app, so the warm visit is their second use), as a reader's first visit lasts seconds; the bench prints its outcome and how long
 * after the first image it finished. Each render mode (`?render=cpu|gpu`) is measured; runs alternate app and bare.
 *
 * BENCH_RUNS (default 5) runs per page and mode; BENCH_RENDER (default "cpu,gpu") the modes.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { LoginResponse } from '../src/core/api';
import { CODE_WARMED_MARK } from '../src/offline/codeWarmup';
import { fileImageId } from '../src/viewer/cornerstone/imageIds';
import { parseRenderMode, type RenderMode } from '../src/viewer/cornerstone/renderMode';
import { DEMO_DATASET_NAME } from '../server/bootstrap';
import { printBench } from './support/benchLine';
import { launchChromium, newSeededContext, READING_ROOM } from './support/browser';
import { findItem, startBenchServer, type BenchServer } from './support/server';
import { BARE_BASE, prepareSite } from './support/site';
import { formatSpread, ms, ratio, spread } from './support/stats';
import { reportSummary, type SummaryRow } from './support/summary';
import { PROFILE } from './support/profile';
import { ANCHOR_MARK, attribute, printAttribution, startWindowTrace } from './support/windowProfile';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const MODES: RenderMode[] = (process.env.BENCH_RENDER ?? 'cpu,gpu').split(',').map((text) => {
  const mode = parseRenderMode(text.trim());
  if (!mode) throw new Error(`BENCH_RENDER: "${text}" is not cpu or gpu`);
  return mode;
});
const PAGES = ['app', 'bare'] as const;
type PageKind = (typeof PAGES)[number];
const TIMEOUT_MS = 60_000;
/** How long the cold page is given for its idle-time code warm-up before the warm visit. */
const CODE_WARMUP_WAIT_MS = 15_000;

interface FirstImage {
  /** ms from navigation start to the first slice on screen: the early viewport's, else the viewer's first data-ready="true". */
  readonly ms: number;
  /** App only: when the early boot script's viewport showed its slice (ms since navigation start), null when it made none. */
  readonly earlyShownMs: number | null;
  /** App only: the viewer's first data-ready="true" (ms since navigation start). */
  readonly readyMs: number;
  /** App only: the image id the early viewport showed, null when it made none. */
  readonly earlyImageId: string | null;
  readonly sliceIndex: number;
  readonly bare: boolean;
  /** Size changes of the viewport element between its creation and the first slice. */
  readonly resizes: number;
  /** Files fetched by the page (resource timing), to check both pages load the same one. */
  readonly files: string[];
  /** App only: series files this device keeps (the page's cache, see offline/keptFiles.ts): a warm load reads the file there, unfetched. */
  readonly keptFiles: string[];
  /** When the document's first byte and its last had arrived (ms since navigation start): the app's pass its service worker. */
  readonly documentStartMs: number;
  readonly documentMs: number;
  /** When the first file was requested and when its bytes had arrived (ms since navigation start). */
  readonly fileRequestedMs: number | null;
  readonly fileMs: number | null;
  /** App only: when the item page showed the item's detail (ms since navigation start). */
  readonly itemPageMs: number | null;
  /** App only: when the item's detail and the viewer's chunk had arrived (ms since navigation start). */
  readonly detailMs: number | null;
  /** App only: when the item's detail was asked for (ms since navigation start): what the early script waited on before it. */
  readonly detailRequestedMs: number | null;
  readonly chunkMs: number | null;
  /** When the decode worker's script had arrived (ms since navigation start), both pages. */
  readonly workerMs: number | null;
  /** App only: when the reading room's side panels rendered, a paint after the first slice (ms since navigation start). */
  readonly panelsMs: number | null;
  /** App only: when Cornerstone was initialised (its chunk evaluated, the WebGL probe run; ms since navigation start). */
  readonly cornerstoneMs: number | null;
  /** App only: when the slice it opens on was decoded ahead of its viewport (firstSliceAhead.ts; ms since navigation start), null when the viewport loaded it itself. */
  readonly sliceDecodedMs: number | null;
  /** When the viewport element entered the page (the app: its reading room rendered), both pages. */
  readonly viewportMs: number | null;
  /**
   * Script bytes the page had received before its first slice (decoded size of every `.js` the page
   * fetched, cache or network; not the decode worker's script): what V8 may have had to compile first, a figure
   * machine load does not move.
   */
  readonly scriptBytes: number;
}

declare global {
  interface Window {
    __benchFirstImage?: { ms: number; sliceIndex: number; bare: boolean; resizes: number };
    /** How often the viewport element changed size before the first slice showed (each clears and redraws it). */
    __benchResizes?: number;
    /** When the app's item page had the item's detail (ms since navigation start). */
    __benchItemPage?: number;
    /** When the reading room showed its side panels (ms since navigation start). */
    __benchPanels?: number;
    /** When the viewport element entered the page (ms since navigation start). */
    __benchViewport?: number;
  }
}

/** Runs in every document before its scripts. A string: tsx would add its `__name` helper to a function, which the page lacks. */
const RECORD_FIRST_IMAGE = `
  let watched = null;
  window.__benchResizes = 0;
  new MutationObserver(() => {
    const viewport = document.querySelector('.sv-viewport, #viewport');
    if (viewport && viewport !== watched) {
      watched = viewport;
      if (!window.__benchViewport) window.__benchViewport = performance.now();
      let size = null;
      new ResizeObserver(() => {
        const now = viewport.clientWidth + 'x' + viewport.clientHeight;
        if (size !== null && now !== size && !window.__benchFirstImage) window.__benchResizes += 1;
        size = now;
      }).observe(viewport);
    }
    if (!window.__benchItemPage && document.querySelector('[data-testid="item-page"][data-ready="true"]')) {
      window.__benchItemPage = performance.now();
    }
    if (!window.__benchPanels && document.querySelector('[data-panels="shown"]')) {
      window.__benchPanels = performance.now();
    }
    if (window.__benchFirstImage) return;
    const root = document.querySelector('[data-testid="series-viewer"][data-ready="true"]');
    if (!root) return;
    const ms = performance.now();
    performance.mark('${ANCHOR_MARK}');
    window.__benchFirstImage = {
      ms,
      sliceIndex: Number(root.getAttribute('data-slice-index')),
      bare: document.documentElement.dataset.bench === 'bare',
      resizes: window.__benchResizes,
    };
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready', 'data-panels'] });
`;

async function navigate(context: BrowserContext, url: string): Promise<FirstImage> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__benchFirstImage !== undefined, undefined, { timeout: TIMEOUT_MS });
  const ready = await page.evaluate(() => window.__benchFirstImage);
  if (!ready) throw new Error(`no first image recorded for ${url}`);
  // EARLY_SERIES_SHOWN_MARK of src/viewer/earlySeriesViewer.ts, its detail the image id shown (this function runs in the page).
  const early = await page.evaluate(() => {
    const mark = performance.getEntriesByName('mejirushi:early-series-shown')[0] as PerformanceMark | undefined;
    return mark ? { ms: mark.startTime, imageId: String(mark.detail) } : null;
  });
  const shown = { ...ready, ms: Math.min(ready.ms, early?.ms ?? Infinity), readyMs: ready.ms, earlyShownMs: early?.ms ?? null, earlyImageId: early?.imageId ?? null };
  const resources = await page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((entry) => ({
      path: new URL(entry.name).pathname,
      start: entry.startTime,
      end: entry.responseEnd,
      bytes: entry.decodedBodySize,
    })),
  );
  const document = await page.evaluate(() => {
    const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    return { startMs: entry?.responseStart ?? 0, endMs: entry?.responseEnd ?? 0 };
  });
  const fetched = resources.filter((entry) => entry.path.includes('/files/'));
  const detail = resources.find((entry) => /^\/api\/items\/[^/]+$/.test(entry.path));
  const detailMs = detail?.end ?? null;
  const detailRequestedMs = detail?.start ?? null;
  const chunkMs = resources.find((entry) => /\/assets\/SeriesViewer-[^/]+\.js$/.test(entry.path))?.end ?? null;
  const isDecodeWorker = (path: string) => /\/decodeImageFrameWorker-[^/]+\.js$/.test(path);
  const workerMs = resources.find((entry) => isDecodeWorker(entry.path))?.end ?? null;
  const itemPageMs = (await page.evaluate(() => window.__benchItemPage)) ?? null;
  const viewportMs = (await page.evaluate(() => window.__benchViewport)) ?? null;
  // The name of src/viewer/cornerstone/init.ts's CORNERSTONE_READY_MARK (this function runs in the page).
  const cornerstoneMs = await page.evaluate(() => performance.getEntriesByName('mejirushi:cornerstone-initialised')[0]?.startTime ?? null);
  // SLICE_DECODED_MARK of src/viewer/cornerstone/readyMark.ts, as above.
  const sliceDecodedMs = await page.evaluate(() => performance.getEntriesByName('mejirushi:slice-decoded')[0]?.startTime ?? null);
  const keptFiles = shown.bare ? [] : await page.evaluate(async () => (await (await caches.open('mejirushi-files-v1')).keys()).map((request) => new URL(request.url).pathname));
  // Checked after the clock stopped: the app measured is the whole reading room, not a bare viewer.
  if (!shown.bare) await page.waitForSelector(READING_ROOM, { state: 'attached', timeout: TIMEOUT_MS });
  // A build without the milestone (a before/after comparison's "before") has no data-panels.
  const holdsPanels = !shown.bare && (await page.locator('[data-panels]').count()) > 0;
  const panelsMs = holdsPanels ? await page.waitForFunction(() => window.__benchPanels, undefined, { timeout: TIMEOUT_MS }).then(async (handle) => (await handle.jsonValue()) ?? null) : null;
  const scriptBytes = resources.filter((entry) => entry.path.endsWith('.js') && !isDecodeWorker(entry.path) && entry.end <= shown.ms).reduce((sum, entry) => sum + entry.bytes, 0);
  return { ...shown, documentStartMs: document.startMs, documentMs: document.endMs, files: fetched.map((f) => f.path), keptFiles, fileRequestedMs: fetched[0]?.start ?? null, fileMs: fetched[0]?.end ?? null, itemPageMs, detailMs, detailRequestedMs, chunkMs, workerMs, panelsMs, cornerstoneMs, sliceDecodedMs, viewportMs, scriptBytes };
}

interface Target {
  readonly itemId: string;
  /** Server path of the file shown first. */
  readonly filePath: string;
  readonly login: LoginResponse;
}

async function viewportSize(context: BrowserContext): Promise<{ w: number; h: number }> {
  const page = context.pages()[0];
  const box = await page?.locator('.sv-viewport').boundingBox();
  if (!box) throw new Error('cannot measure the app viewer');
  return { w: Math.round(box.width), h: Math.round(box.height) };
}

function pageUrl(kind: PageKind, mode: RenderMode, target: Target, size: { w: number; h: number } | null): string {
  if (kind === 'app') return `/items/${target.itemId}?render=${mode}`;
  if (!size) throw new Error('the bare page needs the app viewer size first');
  const query = new URLSearchParams({ file: target.filePath, token: target.login.token, render: mode, w: String(size.w), h: String(size.h) });
  return `${BARE_BASE}index.html?${query.toString()}`;
}

function check(kind: PageKind, shown: FirstImage, target: Target, phase: 'cold' | 'warm'): void {
  if (shown.bare !== (kind === 'bare')) throw new Error(`expected the ${kind} page, got the ${shown.bare ? 'bare' : 'app'} page`);
  if (shown.sliceIndex !== 0) throw new Error(`${kind} showed slice ${shown.sliceIndex} first, not slice 0`);
  // The early viewport's slice counts only if it is the one the app shows (its file's image id).
  const firstImageId = fileImageId(decodeURIComponent(target.filePath.split('/').pop() ?? ''));
  if (shown.earlyImageId !== null && shown.earlyImageId !== firstImageId) throw new Error(`the early viewport showed ${shown.earlyImageId}, not the first slice ${firstImageId}`);
  // Warm, the app reads the file its first visit kept on the device; cold, it must fetch it.
  const kept = kind === 'app' && phase === 'warm' && shown.keptFiles.includes(target.filePath);
  if (!shown.files.includes(target.filePath) && !kept) throw new Error(`${kind} did not fetch ${target.filePath} (fetched: ${shown.files.join(', ')})`);
}

const PHASES = ['cold', 'warm', 'steady'] as const;
type Phase = (typeof PHASES)[number];
type Samples = Record<Phase, FirstImage[]>;

/** The cold page's code warm-up (src/offline/codeWarmup.ts), as the warm visit found it. */
interface CodeWarmup {
  /** `data-code-warmed`: the count of chunks compiled, `none` or `failed`; null when not done within CODE_WARMUP_WAIT_MS (or a build without it). */
  readonly outcome: string | null;
  /** ms from the cold visit's first image to the warm-up's end (its performance mark). */
  readonly afterFirstImageMs: number | null;
}

/**
 * Waits until the app's page has the worker in control (the precache done), then, bounded, for its code
 * warm-up. The warm-up's mark is read in the page (this function's callbacks run there).
 */
async function awaitWarmPage(page: Page, cold: FirstImage): Promise<CodeWarmup> {
  await page.waitForSelector('html[data-sw-ready="true"]', { timeout: TIMEOUT_MS, state: 'attached' });
  const done = await page
    .waitForSelector('html[data-code-warmed]', { timeout: CODE_WARMUP_WAIT_MS, state: 'attached' })
    .then(() => true)
    .catch(() => false);
  if (!done) return { outcome: null, afterFirstImageMs: null };
  const outcome = await page.evaluate(() => document.documentElement.dataset.codeWarmed ?? null);
  const markMs = await page.evaluate((mark) => performance.getEntriesByName(mark)[0]?.startTime ?? null, CODE_WARMED_MARK);
  return { outcome, afterFirstImageMs: markMs === null ? null : markMs - cold.ms };
}

interface Run {
  readonly cold: FirstImage;
  readonly warm: FirstImage;
  /** A third visit (extra information): the first visit whose page reuses what the worker-controlled warm visit loaded. */
  readonly steady: FirstImage;
  /** App only: its viewer's size, which the bare page copies. */
  readonly size: { w: number; h: number } | null;
  /** App only: the cold page's code warm-up before the warm visit. */
  readonly warmup: CodeWarmup | null;
}

async function measureRun(browser: Browser, server: BenchServer, kind: PageKind, url: string, target: Target): Promise<Run> {
  const context = await newSeededContext(browser, server.url, target.login);
  try {
    await context.addInitScript({ content: RECORD_FIRST_IMAGE });
    const cold = await navigate(context, url);
    check(kind, cold, target, 'cold');
    const size = kind === 'app' ? await viewportSize(context) : null;
    const page = context.pages()[0];
    // Warm means the steady state: the service worker installed (precache done) and in control, its idle work done.
    const warmup = kind === 'app' && page ? await awaitWarmPage(page, cold) : null;
    const warm = await navigate(context, url);
    check(kind, warm, target, 'warm');
    const steady = await navigate(context, url);
    check(kind, steady, target, 'warm');
    return { cold, warm, steady, size, warmup };
  } finally {
    await context.close();
  }
}

/**
 * One cold, one warm and one steady navigation of `kind` traced (BENCH_PROFILE=1): what ran between the file's
 * arrival and the first slice on screen, and before the file arrived, on every thread. With V8's sampler on, the
 * steady visit compiled Cornerstone's chunk again where the bench's consumes its code cache (bench/README.md):
 * read a profiled visit's milestones and main-thread order, not its compile time.
 */
async function profileRun(browser: Browser, server: BenchServer, kind: PageKind, url: string, target: Target): Promise<void> {
  const context = await newSeededContext(browser, server.url, target.login);
  try {
    await context.addInitScript({ content: RECORD_FIRST_IMAGE });
    const page = context.pages()[0] ?? (await context.newPage());
    let cold: FirstImage | null = null;
    for (const phase of PHASES) {
      if (phase === 'warm' && kind === 'app' && cold) await awaitWarmPage(page, cold);
      const stop = await startWindowTrace(browser, page);
      const shown = await navigate(context, url);
      cold ??= shown;
      const trace = await stop();
      check(kind, shown, target, phase === 'cold' ? 'cold' : 'warm');
      // For a closer look (chrome://tracing, Perfetto) than the summary below.
      if (process.env.BENCH_TRACE_DIR) writeFileSync(join(process.env.BENCH_TRACE_DIR, `first-image-${kind}-${phase}.json`), JSON.stringify({ traceEvents: trace.events }));
      // An app's warm load reads the file from this device's copy, unfetched: its window is then the whole load.
      const received = shown.fileMs ?? 0;
      console.log(`profile, ${kind} ${phase}: first slice at ${ms(shown.ms)}, ${shown.fileMs === null ? 'file read from the device, not fetched' : `file received at ${ms(received)}`}`);
      printAttribution(`${kind} ${phase}, file received → first slice (${ms(shown.ms - received)})`, attribute(trace, shown.ms, { from: received, to: shown.ms }));
      printAttribution(`${kind} ${phase}, navigation → file received (${ms(received)})`, attribute(trace, shown.ms, { from: 0, to: received }), 12);
    }
  } finally {
    await context.close();
  }
}

/** Medians of the milestones before the first image, for where the time goes. */
function milestones(runs: readonly FirstImage[]): string {
  const median = (values: (number | null)[]) => {
    const known = values.filter((v): v is number => v !== null);
    return known.length === runs.length ? ms(spread(known).median) : 'n/a';
  };
  const app = runs.some((r) => r.itemPageMs !== null)
    ? `detail requested ${median(runs.map((r) => r.detailRequestedMs))}, received ${median(runs.map((r) => r.detailMs))}, item detail shown ${median(runs.map((r) => r.itemPageMs))}, ` +
      `viewer chunk received ${median(runs.map((r) => r.chunkMs))}, Cornerstone initialised ${median(runs.map((r) => r.cornerstoneMs))}, ` +
      `slice decoded ${median(runs.map((r) => r.sliceDecodedMs))}, early viewport shown ${median(runs.map((r) => r.earlyShownMs))}, viewer ready ${median(runs.map((r) => r.readyMs))}, `
    : '';
  const after = runs.some((r) => r.panelsMs !== null) ? `; after it: panels shown ${median(runs.map((r) => r.panelsMs))}` : '';
  return (
    `document first byte ${median(runs.map((r) => r.documentStartMs))}, in ${median(runs.map((r) => r.documentMs))}, ${app}file requested ${median(runs.map((r) => r.fileRequestedMs))}, received ${median(runs.map((r) => r.fileMs))}, ` +
    `decode worker script received ${median(runs.map((r) => r.workerMs))}, viewport element in ${median(runs.map((r) => r.viewportMs))}, viewport resized ${runs.map((r) => r.resizes).join('/')} times, ` +
    `scripts before it ${runs.map((r) => (r.scriptBytes / 1024).toFixed(0)).join('/')} KiB${after}`
  );
}

/** Each run's warm-up outcome and end after the cold visit's first image, e.g. `26 (+3120 ms) / not within 15 s`. */
function describeWarmups(runs: readonly CodeWarmup[]): string {
  return runs
    .map((run) => {
      if (run.outcome === null) return `not within ${CODE_WARMUP_WAIT_MS / 1000} s`;
      return `${run.outcome} (${run.afterFirstImageMs === null ? 'no mark' : `+${ms(run.afterFirstImageMs)}`})`;
    })
    .join(' / ');
}

async function main(): Promise<void> {
  const loadBefore = loadavg()[0] as number;
  const site = await prepareSite();
  let server: BenchServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startBenchServer(site.staticDir);
    const precached = (await server.api<string[]>('GET', '/app-files.json')).filter((url) => url.startsWith(BARE_BASE));
    if (precached.length > 0) throw new Error(`the app would precache the benchmark pages too: ${precached.join(', ')}`);
    const detail = await findItem(server, DEMO_DATASET_NAME);
    const content = detail.item.content;
    if (content.kind !== 'series' || !content.slices[0]) throw new Error('the demo item is not a series');
    const target: Target = {
      itemId: detail.item.id,
      filePath: `/api/items/${detail.item.id}/files/${encodeURIComponent(content.slices[0].fileId)}`,
      login: server.login,
    };
    browser = await launchChromium();

    const samples = new Map<string, Samples>();
    const sizes = new Map<RenderMode, { w: number; h: number }>();
    const warmups = new Map<RenderMode, CodeWarmup[]>();
    for (let run = 0; run < RUNS; run += 1) {
      for (const mode of MODES) {
        for (const kind of PAGES) {
          const result = await measureRun(browser, server, kind, pageUrl(kind, mode, target, sizes.get(mode) ?? null), target);
          if (result.size && !sizes.has(mode)) sizes.set(mode, result.size);
          const key = `${mode} ${kind}`;
          const entry = samples.get(key) ?? { cold: [], warm: [], steady: [] };
          for (const phase of PHASES) entry[phase].push(result[phase]);
          samples.set(key, entry);
          if (result.warmup) warmups.set(mode, [...(warmups.get(mode) ?? []), result.warmup]);
        }
      }
    }

    if (PROFILE) {
      const mode = MODES[0] as RenderMode;
      for (const kind of PAGES) await profileRun(browser, server, kind, pageUrl(kind, mode, target, sizes.get(mode) ?? null), target);
    }

    const size = sizes.get(MODES[0] as RenderMode);
    console.log(
      `first image: navigation → first slice rendered (demo series, ${content.rows}×${content.columns}, viewer ${size?.w}×${size?.h} CSS px), ` +
        `${RUNS} runs per page and mode, Chromium ${browser.version()} (SwiftShader unless a GPU is present)`,
    );
    const rows: SummaryRow[] = [];
    for (const mode of MODES) {
      console.log(`render mode ${mode}:`);
      console.log(`  code warm-up before the warm visit: ${describeWarmups(warmups.get(mode) ?? [])}`);
      for (const phase of PHASES) {
        const appRuns = samples.get(`${mode} app`)?.[phase] ?? [];
        const bareRuns = samples.get(`${mode} bare`)?.[phase] ?? [];
        const app = spread(appRuns.map((r) => r.ms));
        const bare = spread(bareRuns.map((r) => r.ms));
        console.log(`  ${phase} app : ${formatSpread(app)}; ${milestones(appRuns)}`);
        console.log(`  ${phase} bare: ${formatSpread(bare)}; ${milestones(bareRuns)}`);
        console.log(`  ${phase} ratio app/bare (medians): ${ratio(app.median, bare.median)}`);
        printBench('first-image', `${phase}_${mode}_ms`, app.median, bare.median);
        rows.push({
          benchmark: 'first image',
          measure: `${phase}, ${mode} render`,
          value: `${app.median.toFixed(0)} ms`,
          baseline: `${bare.median.toFixed(0)} ms bare Cornerstone3D`,
          ratio: ratio(app.median, bare.median),
        });
      }
    }
    console.log(`load average (1 min) before ${loadBefore.toFixed(2)}, after ${(loadavg()[0] as number).toFixed(2)}`);
    reportSummary(rows);
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
