/**
 * Slide tile benchmark (not part of `npm test`): `npm run bench -- wsi-tiles`
 *
 * CMU-1-Small-Region.svs (the shared sample data) is imported through the slide importer into a
 * test server (SQLite, disk blob store) listening on 127.0.0.1; an assigned annotator then asks
 * for a screenful of level-0 tiles (1920×1080 px: 8×5 tiles of 256 px) over six kept-alive
 * connections, as a browser does, WSI_ROUNDS times after one warm-up round. The baseline is the
 * same tile bytes written out as files and served by a plain fastify + @fastify/static server in
 * the same process, asked the same way: what serving the tiles costs with no access check, no
 * index and no pack.
 *
 * BENCH lines: p95 and p50 latency against the static server's (ratio), and the absolute p95
 * against the 50 ms goal. Clients and servers share this process, so absolute figures include
 * the client's own time; the ratio compares like with like. The browser half
 * (`browserFirstScreen`): navigation → first full screen of tiles in the app's slide viewer
 * against bare OpenSeadragon on a DZI of the same slide, cold, warm, and opened in an already loaded
 * page (the app: from its dataset list; WSI_BROWSER_RUNS each). The app's milestones go on past
 * the tiles to its outlines drawn and side panels shown, which it holds back until the tiles are
 * painted. A first screen counts when it is on screen: the early boot script's viewer, shown where
 * the stage will be before the app adopts it, or else the app viewer's data-ready. Cold contexts
 * hold the login as the app keeps it, IndexedDB row and localStorage copy (the seed page's;
 * `BENCH_LOGIN_COPY=0`: the row only, as this bench ran before 2026-12-03). Cold runs start
 * with no stage remembered (a device new to slides: the early viewer shows at the stage the layout
 * predicts, src/viewer/slide/stageLayout.ts; hidden before 2026-12-03 s40), and again with
 * the stage the app remembered laying out (`first-screen-cold-stage-remembered-ms`); the warm run
 * finds what its cold run remembered. Tiles asked are counted up to the panels shown, so a second
 * set after the viewer is adopted shows. `BENCH_PROFILE=1` traces the last run's cold and warm app
 * navigations and prints where each spent its time between its milestones (support/windowProfile.ts).
 * `WSI_TIMELINE=1` prints each cold run's requests, performance marks and milestones in time order
 * (support/firstScreenTimeline.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { Browser } from '@playwright/test';
import Fastify, { type FastifyInstance } from 'fastify';
import type { SlideItem } from '../src/core/item';
import { STAGE_MEMORY_KEY } from '../src/viewer/slide/stageMemory';
import { GASTRIC_BIOPSY_LABEL_SET } from '../src/core/labelSets/builtin';
import { importDicomFiles } from '../server/import/importFiles';
import { assignItems, createDataset } from '../server/services/datasets';
import { hasPathologySampleData, pathologySample, sampleDataDir } from '../server/testing/sampleData';
import { storedPack } from '../server/testing/slides';
import { startTestServer, type TestServer } from '../server/testing/testServer';
import { createApiClient, slideTilePath } from '../src/data/api';
import { printBench } from './support/benchLine';
import { afterFirstScreenShown, formatMilestones, logRequests, readMilestones, RECORD_AFTER_FIRST_SCREEN, RECORD_BITMAPS, RECORD_VIEWER_CREATED, type FirstScreenMilestones, type RequestLog } from './support/firstScreenMilestones';
import { launchChromium, newSeededContext } from './support/browser';
import { formatTimeline, recordTimeline } from './support/firstScreenTimeline';
import { PROFILE } from './support/profile';
import { ANCHOR_MARK, attribute, printAttribution, startWindowTrace, type WindowTrace } from './support/windowProfile';
import { startBenchServer, type BenchServer } from './support/server';
import { BARE_BASE, prepareSite } from './support/site';

const ROUNDS = Number(process.env.WSI_ROUNDS ?? 50);
/** Browsers open six connections per origin. */
const CONNECTIONS = 6;
const SCREEN = { columns: 8, rows: 5 };
const P95_GOAL_MS = 50;
const SVS = 'CMU-1-Small-Region.svs';
/** Runs per page (app, bare) of the browser half. */
const BROWSER_RUNS = Number(process.env.WSI_BROWSER_RUNS ?? 5);
/** Print each cold run's timeline (see firstScreenTimeline.ts). */
const TIMELINE = process.env.WSI_TIMELINE === '1';

interface Latencies {
  readonly p50: number;
  readonly p95: number;
}

/** One GET over `agent`, its body read whole; resolves with the milliseconds it took. */
function timedGet(url: string, agent: Agent, headers: Record<string, string>): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => {
        if (res.statusCode !== 200 || bytes === 0) reject(new Error(`${url} answered ${res.statusCode} with ${bytes} bytes`));
        else resolve(performance.now() - started);
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Asks for every URL of the screen over CONNECTIONS connections, ROUNDS times after a warm-up round. */
async function screenfuls(urls: readonly string[], headers: Record<string, string>): Promise<Latencies> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const samples: number[] = [];
  try {
    for (let round = 0; round <= ROUNDS; round += 1) {
      // Each connection takes the next tile when its last one is in, so a time is one tile's own, not its wait for a connection.
      let next = 0;
      const connection = async () => {
        while (next < urls.length) {
          const time = await timedGet(urls[next++] as string, agent, headers);
          if (round > 0) samples.push(time);
        }
      };
      await Promise.all(Array.from({ length: CONNECTIONS }, connection));
    }
  } finally {
    agent.destroy();
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] as number;
  return { p50: at(0.5), p95: at(0.95) };
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/** Our tile route: the slide imported, an assigned annotator signed in; the screen's tile URLs and the auth header. */
async function oursUrls(server: TestServer, origin: string): Promise<{ urls: string[]; headers: Record<string, string>; itemId: string }> {
  const { id, version } = GASTRIC_BIOPSY_LABEL_SET;
  const dataset = await createDataset(server.db, { name: 'bench', description: '', labelSetId: id, labelSetVersion: version }, null, server.now().toISOString());
  const report = await importDicomFiles(server.db, dataset.id, [{ name: 'CMU-1-Small-Region.svs', path: pathologySample('CMU-1-Small-Region.svs') }], null, { blobs: server.blobs });
  const itemId = report.itemIds[0];
  if (!itemId) throw new Error(`the slide was not imported: ${JSON.stringify(report.outcomes)}`);
  const annotator = await server.signIn('reader', ['annotator']);
  await assignItems(server.db, dataset.id, annotator.user.id, [itemId], null, server.now().toISOString());
  const { tileVersion } = JSON.parse((await server.db.selectFrom('items').select('content').where('id', '=', itemId).executeTakeFirstOrThrow()).content) as SlideItem;
  return { urls: screen((x, y) => `${origin}${slideTilePath(itemId, tileVersion, 0, x, y)}`), headers: annotator.auth, itemId };
}

function screen(url: (x: number, y: number) => string): string[] {
  const urls: string[] = [];
  for (let y = 0; y < SCREEN.rows; y += 1) for (let x = 0; x < SCREEN.columns; x += 1) urls.push(url(x, y));
  return urls;
}

/** The same tiles as files behind a plain static server. */
async function staticBaseline(server: TestServer, itemId: string, dir: string): Promise<{ app: FastifyInstance; urls: string[] }> {
  const pack = await storedPack(server.db, server.blobs, itemId);
  mkdirSync(join(dir, '0'), { recursive: true });
  for (let y = 0; y < SCREEN.rows; y += 1) for (let x = 0; x < SCREEN.columns; x += 1) writeFileSync(join(dir, '0', `${x}_${y}.jpeg`), await pack.tile(0, x, y));
  const app = Fastify({ keepAliveTimeout: 75_000 });
  await app.register(fastifyStatic, { root: dir, prefix: '/tiles/' });
  const origin = await listen(app);
  return { app, urls: screen((x, y) => `${origin}/tiles/0/${x}_${y}.jpeg`) };
}

/** The HTTP half of the benchmark. */
async function tileLatency(): Promise<void> {
  const server = await startTestServer('sqlite');
  const dir = mkdtempSync(join(tmpdir(), 'mejirushi-bench-tiles-'));
  let baseline: FastifyInstance | null = null;
  try {
    const ours = await oursUrls(server, await listen(server.app));
    const stat = await staticBaseline(server, ours.itemId, dir);
    baseline = stat.app;
    const theirs = await screenfuls(stat.urls, {});
    const mine = await screenfuls(ours.urls, ours.headers);
    console.log(`tiles: ${ROUNDS} screenfuls of ${ours.urls.length} level-0 tiles over ${CONNECTIONS} kept-alive connections`);
    console.log(`  tile route  p50 ${mine.p50.toFixed(2)} ms  p95 ${mine.p95.toFixed(2)} ms`);
    console.log(`  static      p50 ${theirs.p50.toFixed(2)} ms  p95 ${theirs.p95.toFixed(2)} ms`);
    printBench('wsi-tiles', 'tile-p95-vs-static', mine.p95, theirs.p95);
    printBench('wsi-tiles', 'tile-p50-vs-static', mine.p50, theirs.p50);
    printBench('wsi-tiles', 'tile-p95-ms-vs-goal', mine.p95, P95_GOAL_MS);
  } finally {
    await baseline?.close();
    await server.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!hasPathologySampleData()) {
    console.error(`wsi-tiles: sample data not found at ${sampleDataDir()} (set MEJIRUSHI_SAMPLE_DATA)`);
    process.exitCode = 1;
    return;
  }
  await tileLatency();
  await browserFirstScreen();
}

/** Runs in every document before its scripts: when the slide viewer (app or bare) first says ready. */
const RECORD_READY = `
  new MutationObserver((_, observer) => {
    if (document.querySelector('[data-testid="slide-viewer"][data-ready="true"]')) {
      window.__benchSlideReady = performance.now();
      performance.mark('${ANCHOR_MARK}');
      observer.disconnect();
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready'] });
`;

declare global {
  interface Window {
    __benchSlideReady?: number;
    __benchOpenStart?: number;
    __benchOpen?: () => void;
  }
}

/**
 * Between the cold and the warm navigation: what the page still does after its first screen
 * (the app installs its offline copy then: see firstScreen.ts) is done, as it is when a user
 * comes back to a slide.
 */
type Settled = () => boolean;
const APP_SETTLED: Settled = () => document.documentElement.dataset.swReady === 'true';
const BARE_SETTLED: Settled = () => true;

/** What a page shows after its first screen of tiles, waited for before its milestones are read. */
interface PageKind {
  readonly settled: Settled;
  readonly shown: Settled;
}
const APP: PageKind = { settled: APP_SETTLED, shown: afterFirstScreenShown };
const BARE: PageKind = { settled: BARE_SETTLED, shown: () => true };

/** One navigation's first screen: its time, where it went, what the page asked for first. */
interface Navigation {
  readonly ms: number;
  readonly milestones: FirstScreenMilestones;
  readonly requests: RequestLog;
}

/**
 * The first full screen of tiles, in a fresh context (cold) and navigating again (warm). With
 * `stageMemory` (the app's remembered stage, as localStorage holds it), the context starts with
 * it, as a device that has shown a slide in a window of this size before. With `profiled`
 * (BENCH_PROFILE=1), both navigations are traced and where each spent its time printed, per
 * stretch between its milestones (see printWindows).
 */
async function firstScreen(browser: Browser, server: BenchServer, url: string, { settled, shown }: PageKind, stageMemory: string | null, profiled = false, title = url): Promise<{ cold: Navigation; warm: Navigation }> {
  const context = await newSeededContext(browser, server.url, server.login);
  try {
    if (stageMemory !== null) {
      await context.addInitScript(([key, value]) => {
        if (localStorage.getItem(key) === null) localStorage.setItem(key, value);
      }, [STAGE_MEMORY_KEY, stageMemory] as const);
    }
    await context.addInitScript({ content: RECORD_READY });
    await context.addInitScript({ content: RECORD_VIEWER_CREATED });
    await context.addInitScript({ content: RECORD_AFTER_FIRST_SCREEN });
    await context.addInitScript({ content: RECORD_BITMAPS });
    const page = context.pages()[0] ?? (await context.newPage());
    const once = async (phase: 'cold' | 'warm'): Promise<Navigation> => {
      const requests = logRequests(page);
      const timeline = TIMELINE && phase === 'cold' ? recordTimeline(page) : null;
      const stopTrace = profiled ? await startWindowTrace(browser, page) : null;
      await page.goto(url, { waitUntil: 'commit' });
      await page.waitForFunction(() => window.__benchSlideReady !== undefined, undefined, { timeout: 120_000 });
      await page.waitForFunction(shown, undefined, { timeout: 120_000 });
      const trace = await stopTrace?.();
      const log = requests();
      const milestones = await readMilestones(page, log.tileTimes);
      if (trace) printWindows(`app ${phase}`, trace, milestones);
      if (timeline) console.log([`timeline, ${title} ${phase}:`, ...formatTimeline(await timeline(milestones))].join('\n'));
      return { ms: milestones.shown, milestones, requests: log };
    };
    const cold = await once('cold');
    await page.waitForFunction(settled, undefined, { timeout: 120_000 });
    return { cold, warm: await once('warm') };
  } finally {
    await context.close();
  }
}

/**
 * Where a traced navigation spent its time: navigation → stage mounted, stage mounted → drawn
 * (the app's own work once its stage is in the page, with the tiles mostly in), drawn → panels
 * shown. `BENCH_TRACE_DIR=<dir>` also writes the trace for Perfetto.
 */
function printWindows(title: string, trace: WindowTrace, marks: FirstScreenMilestones): void {
  if (process.env.BENCH_TRACE_DIR) writeFileSync(join(process.env.BENCH_TRACE_DIR, `wsi-tiles-${title.replaceAll(' ', '-')}.json`), JSON.stringify({ traceEvents: trace.events }));
  const mounted = marks.stageMounted ?? marks.drawn;
  console.log(`profile, ${title}: ${formatMilestones([marks])}`);
  printAttribution(`${title}, stage mounted → drawn (${(marks.drawn - mounted).toFixed(0)} ms)`, attribute(trace, marks.drawn, { from: mounted, to: marks.drawn }));
  printAttribution(`${title}, navigation → stage mounted (${mounted.toFixed(0)} ms)`, attribute(trace, marks.drawn, { from: 0, to: mounted }), 12);
  if (marks.panelsShown !== null) printAttribution(`${title}, drawn → panels shown (${(marks.panelsShown - marks.drawn).toFixed(0)} ms)`, attribute(trace, marks.drawn, { from: marks.drawn, to: marks.panelsShown }), 12);
}

/** A page that can open the slide once loaded: both functions run in the page, given `arg`. */
interface LoadedPage {
  readonly arg: string;
  readonly loaded: (arg: string) => boolean;
  readonly open: (arg: string) => void;
}

/**
 * The app's dataset list, shown, with the slide viewer's chunk fetched and the offline copy of the
 * app installed (the service worker installs after a page's first screen: see firstScreen.ts), its
 * state before a click; `arg`: the item id.
 */
const APP_LIST: Omit<LoadedPage, 'arg'> = {
  loaded: () =>
    document.querySelector('[data-testid="item-list"][data-ready="true"]') !== null &&
    document.documentElement.dataset.swReady === 'true' &&
    performance.getEntriesByType('resource').some((entry) => /\/SlideViewer-[^/]*\.js$/.test(entry.name) && (entry as PerformanceResourceTiming).responseEnd > 0),
  open: (itemId) => {
    window.__benchOpenStart = performance.now();
    document.querySelector<HTMLElement>(`[data-testid="item-link-${itemId}"]`)?.click();
  },
};

/** The bare page with `defer=1`. */
const BARE_DEFERRED: Omit<LoadedPage, 'arg'> = {
  loaded: () => typeof window.__benchOpen === 'function',
  open: () => window.__benchOpen?.(),
};

/**
 * ms from asking for the slide to its first full screen of tiles in a page that is already loaded
 * (fresh context: no tile cached): in the app, a click on the slide in its dataset's list (the
 * list has fetched the viewer chunk meanwhile, as it does for its items' kinds); in the bare page,
 * `viewer.open(dzi)`.
 */
async function openInLoadedPage(browser: Browser, server: BenchServer, pageUrl: string, page: LoadedPage): Promise<number> {
  const context = await newSeededContext(browser, server.url, server.login);
  try {
    await context.addInitScript({ content: RECORD_READY });
    const tab = context.pages()[0] ?? (await context.newPage());
    await tab.goto(pageUrl);
    await tab.waitForFunction(page.loaded, page.arg, { timeout: 120_000 });
    await tab.evaluate(page.open, page.arg);
    await tab.waitForFunction(() => window.__benchSlideReady !== undefined, undefined, { timeout: 120_000 });
    return (await tab.evaluate(() => (window.__benchSlideReady as number) - (window.__benchOpenStart as number))) as number;
  } finally {
    await context.close();
  }
}

/**
 * The browser half: navigation → first full screen of tiles in the app's slide viewer (a real
 * server process, the SVS imported through the admin API) against bare OpenSeadragon opening a
 * DZI that `vips dzsave` made of the same slide (256 px JPEG tiles, as the importer's), served as
 * static files by the same server, at the app viewer's size. Runs alternate app and bare.
 */
async function browserFirstScreen(): Promise<void> {
  const site = await prepareSite();
  const dziDir = mkdtempSync(join(tmpdir(), 'mejirushi-bench-dzi-'));
  let server: BenchServer | null = null;
  const browser = await launchChromium();
  try {
    execFileSync('vips', ['dzsave', pathologySample(SVS), join(dziDir, 'slide'), '--tile-size', '256', '--overlap', '0', '--suffix', '.jpg[Q=90]']);
    // A link, like /bench-bare/: served as files, left out of the app's precache list.
    const linkName = 'bench-dzi';
    rmSync(join(site.staticDir, linkName), { force: true });
    symlinkSync(dziDir, join(site.staticDir, linkName), 'dir');
    server = await startBenchServer(site.staticDir);
    const { datasetId, itemId } = await importedSlide(server);
    const appUrl = `/items/${itemId}`;
    const { size, stageMemory } = await appViewerSize(browser, server, appUrl);
    const bareUrl = `${BARE_BASE}slide.html?${new URLSearchParams({ dzi: `/${linkName}/slide.dzi`, w: String(size.w), h: String(size.h) }).toString()}`;
    const app: { cold: Navigation; warm: Navigation; open: number }[] = [];
    const remembered: { cold: Navigation; warm: Navigation }[] = [];
    const bare: { cold: Navigation; warm: Navigation; open: number }[] = [];
    for (let run = 0; run < BROWSER_RUNS; run += 1) {
      const profiled = PROFILE && run === BROWSER_RUNS - 1;
      app.push({ ...(await firstScreen(browser, server, appUrl, APP, null, profiled, `run ${run + 1}, app`)), open: await openInLoadedPage(browser, server, `/datasets/${datasetId}`, { ...APP_LIST, arg: itemId }) });
      if (stageMemory !== null) remembered.push(await firstScreen(browser, server, appUrl, APP, stageMemory, false, `run ${run + 1}, app, stage remembered`));
      bare.push({ ...(await firstScreen(browser, server, bareUrl, BARE, null, false, `run ${run + 1}, bare`)), open: await openInLoadedPage(browser, server, `${bareUrl}&defer=1`, { ...BARE_DEFERRED, arg: '' }) });
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
    const appCold = median(app.map((r) => r.cold.ms));
    const bareCold = median(bare.map((r) => r.cold.ms));
    const appWarm = median(app.map((r) => r.warm.ms));
    const bareWarm = median(bare.map((r) => r.warm.ms));
    const appOpen = median(app.map((r) => r.open));
    const bareOpen = median(bare.map((r) => r.open));
    console.log(`first full screen of tiles (${size.w}×${size.h} px, medians of ${BROWSER_RUNS}): app cold ${appCold.toFixed(0)} ms, warm ${appWarm.toFixed(0)} ms, opened from its list ${appOpen.toFixed(0)} ms; bare OpenSeadragon on a DZI cold ${bareCold.toFixed(0)} ms, warm ${bareWarm.toFixed(0)} ms, opened in the loaded page ${bareOpen.toFixed(0)} ms`);
    const appRemembered = remembered.length > 0 ? median(remembered.map((r) => r.cold.ms)) : null;
    if (appRemembered !== null) console.log(`  app cold on a device that laid the stage out before (its size remembered): ${appRemembered.toFixed(0)} ms`);
    const tileCount = (runs: readonly Navigation[]) => `${median(runs.map((r) => r.requests.tiles))} (distinct ${median(runs.map((r) => r.requests.distinctTiles))}; last run by level ${runs[runs.length - 1]?.requests.levels})`;
    for (const phase of ['cold', 'warm'] as const) {
      console.log(`  ${phase} app  (medians): ${formatMilestones(app.map((r) => r[phase].milestones))}; tiles asked ${tileCount(app.map((r) => r[phase]))}`);
      if (remembered.length > 0) console.log(`  ${phase} app, stage remembered (medians): ${formatMilestones(remembered.map((r) => r[phase].milestones))}; tiles asked ${tileCount(remembered.map((r) => r[phase]))}`);
      console.log(`  ${phase} bare (medians): ${formatMilestones(bare.map((r) => r[phase].milestones))}; tiles asked ${tileCount(bare.map((r) => r[phase]))}`);
    }
    const lastCold = app[app.length - 1]?.cold.requests;
    if (lastCold) {
      console.log(`  app cold, last run: ${lastCold.beforeFirstTile.length} requests before the first tile: ${lastCold.beforeFirstTile.join(', ')}`);
      console.log(`  app cold, last run: scripts fetched: ${lastCold.scripts.join(', ')}`);
    }
    printBench('wsi-tiles', 'first-screen-cold-ms', appCold, bareCold);
    if (appRemembered !== null) printBench('wsi-tiles', 'first-screen-cold-stage-remembered-ms', appRemembered, bareCold);
    printBench('wsi-tiles', 'first-screen-warm-ms', appWarm, bareWarm);
    printBench('wsi-tiles', 'first-screen-open-ms', appOpen, bareOpen);
  } finally {
    await browser.close();
    await server?.stop();
    site.dispose();
    rmSync(dziDir, { recursive: true, force: true });
  }
}

/** The SVS uploaded by the admin into a gastric-biopsy dataset assigned to the admin. */
async function importedSlide(server: BenchServer): Promise<{ datasetId: string; itemId: string }> {
  const api = createApiClient({ baseUrl: server.url, getToken: () => server.login.token });
  const { id, version } = GASTRIC_BIOPSY_LABEL_SET;
  const dataset = await api.createDataset({ name: 'bench slides', labelSetId: id, labelSetVersion: version });
  const report = await api.uploadFile(dataset.id, SVS, new Blob([readFileSync(pathologySample(SVS))], { type: 'image/tiff' }));
  const itemId = report.itemIds[0];
  if (!itemId) throw new Error(`the slide was not imported: ${JSON.stringify(report.outcomes)}`);
  await api.assign(dataset.id, { readerIds: [server.login.user.id] });
  return { datasetId: dataset.id, itemId };
}

/**
 * The app's slide viewer size, which the bare page copies so both fill the same pixels, and the
 * stage the app remembered laying out (null where the app remembers none).
 */
async function appViewerSize(browser: Browser, server: BenchServer, appUrl: string): Promise<{ size: { w: number; h: number }; stageMemory: string | null }> {
  const context = await newSeededContext(browser, server.url, server.login);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(appUrl);
    const box = await page.locator('[data-testid="slide-viewer"][data-ready="true"]').boundingBox({ timeout: 120_000 });
    if (!box) throw new Error('cannot measure the app slide viewer');
    const stageMemory = await page.evaluate((key) => localStorage.getItem(key), STAGE_MEMORY_KEY);
    return { size: { w: Math.round(box.width), h: Math.round(box.height) }, stageMemory };
  } finally {
    await context.close();
  }
}

main().catch((error: unknown) => {
  console.error('wsi-tiles failed:', error);
  process.exitCode = 1;
});
