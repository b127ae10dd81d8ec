/**
 * Label-and-advance benchmark (not part of `npm test`): `npx tsx bench/label-advance.ts`
 *
 * Over the real 28-slice head CT (`<sample data>/radiology/ct-head-series-ge`, uploaded through
 * the API into a real server process), in the production app in Chromium:
 * - label pass: one label key per slice (`1`/`2`/`3`: label the slice and advance), each step
 *   waited until the next slice is rendered;
 * - baseline pass: plain next-slice (ArrowDown) over the same slices, same waits.
 * A warm-up pass first, so every image is decoded and cached and both passes measure the app,
 * not the network. Passes alternate for BENCH_ROUNDS rounds (default 3); every label round
 * changes every label, so each key press is a real change (IndexedDB write, outbox, sync).
 *
 * Each pass ends only once the page has settled (every change in IndexedDB and on the server, see
 * `settled()`): a label pass's deferred writes and sends would otherwise run in the next plain
 * pass and be billed to the baseline. `pass_main_ms` is the renderer's main-thread task time (CDP
 * `Performance.getMetrics` TaskDuration) from a pass's first key until it settled: the whole cost
 * of the pass, deferred work included. Its API requests are counted too, by kind (sends, feed
 * reads, ops reads), its IndexedDB transactions and requests (label-advance-idb.ts) and its React
 * commits (label-advance-commits.ts): counts load does not move. How many gathered sends a label
 * pass makes is printed too: a write starts in a quiet spell between keys, so a slower driver
 * (load) makes more of them, each with its own transactions, requests and commits.
 *
 * A step is timed in the page: the keydown event's timeStamp (when the input arrived, so time the
 * key waits behind earlier work counts) → the viewer root showing `data-ready="true"` on the
 * next slice. The 28th key labels the last slice without
 * advancing; it is part of the work (and checked) but not of the per-step comparison. At the end
 * all 28 labels must be in IndexedDB and on the server, else the run fails.
 *
 * BENCH_ROUNDS (default 3); BENCH_LABEL_RENDER=cpu|gpu forces a render mode (default: the app's).
 * BENCH_PROFILE=1 (off by default; unminified build): the last round's passes profiled, each kind
 * on its own (top self times per function and per traced event).
 */
import { join } from 'node:path';
import { loadavg } from 'node:os';
import type { CDPSession, Page } from '@playwright/test';
import type { AnnotationRecord } from '../src/core/annotation';
import type { RecordPage } from '../src/core/api';
import { SAH_SLICE_LABEL_SET } from '../src/core/labelSets/builtin';
import { parseRenderMode } from '../src/viewer/cornerstone/renderMode';
import { hasSampleData, sampleDataDir } from '../server/testing/sampleData';
import { launchChromium, newSeededContext, READING_ROOM, readyViewer } from './support/browser';
import { importFolder, startBenchServer, type BenchServer } from './support/server';
import { prepareSite } from './support/site';
import { printBench } from './support/benchLine';
import { startProfile } from './support/profile';
import { recordSteps, resetSteps, stepTimes } from './support/steps';
import { storedRecords } from './support/storedRecords';
import { formatSpread, ms, ratio, spread, sum } from './support/stats';
import { reportSummary } from './support/summary';
import { COUNT_IDB, takeIdbCounts } from './label-advance-idb';
import { COUNT_REACT_COMMITS, takeReactCommits } from './label-advance-commits';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** cpu | gpu; unset: the app's own choice (CPU under a software rasteriser). */
const RENDER = process.env.BENCH_LABEL_RENDER ? parseRenderMode(process.env.BENCH_LABEL_RENDER) : null;
if (process.env.BENCH_LABEL_RENDER && !RENDER) throw new Error('BENCH_LABEL_RENDER must be cpu or gpu');
const SERIES = join('radiology', 'ct-head-series-ge');
const SLICES = 28;
const TIMEOUT_MS = 30_000;
const CLASSES = (SAH_SLICE_LABEL_SET.questions[0]?.classes ?? []).map((c) => ({ key: c.key as string, code: c.code }));

/** The viewer's root once it shows a slice; its `data-slice-index` names which. */
const RECORD_STEPS = recordSteps('[data-testid="series-viewer"][data-ready="true"]', 'data-slice-index');

async function press(page: Page, key: string, nextIndex: number): Promise<void> {
  await page.keyboard.press(key);
  await page.waitForSelector(readyViewer(nextIndex), { state: 'attached', timeout: TIMEOUT_MS });
}

async function toFirstSlice(page: Page): Promise<void> {
  await press(page, 'Home', 0);
  await resetSteps(page);
}

interface Pass {
  readonly steps: number[];
  /** Wall clock of the whole pass in Node, driver round trips included. */
  readonly wallMs: number;
  /** Main-thread task time from the first key until the page settled (ms). */
  readonly mainMs: number;
  /** API requests from the first key until the page settled, by kind (see `requestKind`). */
  readonly requests: ReadonlyMap<string, number>;
  /** IndexedDB transactions (by mode) and requests (by method) from the first key until the page settled. */
  readonly idb: ReadonlyMap<string, number>;
  /** React commits from the first key until the page settled. */
  readonly reactCommits: number;
}

/** An API request's kind: its method and path, ids left out. */
function requestKind(method: string, url: string): string | null {
  const { pathname } = new URL(url);
  if (!pathname.startsWith('/api/') || pathname === '/api/changes/stream') return null;
  return `${method} ${pathname.replace(/\/items\/[^/]+/, '/items/:id').replace(/\/frames\/.*$/, '/frames/…')}`;
}

/** Counts the page's API requests by kind while `work` runs. */
async function countRequests<T>(page: Page, work: () => Promise<T>): Promise<[T, Map<string, number>]> {
  const counts = new Map<string, number>();
  const count = (request: { method(): string; url(): string }) => {
    const kind = requestKind(request.method(), request.url());
    if (kind) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  };
  page.on('request', count);
  try {
    return [await work(), counts];
  } finally {
    page.off('request', count);
  }
}

/** Per kind, the mean count of a pass. */
function meanCounts(passes: readonly Pass[], counts: (pass: Pass) => ReadonlyMap<string, number>): Map<string, number> {
  const total = new Map<string, number>();
  for (const pass of passes) for (const [kind, n] of counts(pass)) total.set(kind, (total.get(kind) ?? 0) + n / passes.length);
  return total;
}

const formatCounts = (counts: ReadonlyMap<string, number>): string => {
  const each = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([kind, n]) => `${kind} ×${n.toFixed(1)}`);
  return each.length > 0 ? each.join(', ') : 'none';
};

/** Of IndexedDB counts, the transactions' total and the requests' total. */
function idbTotals(counts: ReadonlyMap<string, number>): { transactions: number; requests: number } {
  let transactions = 0;
  let requests = 0;
  for (const [kind, n] of counts) {
    if (kind.startsWith('transaction ')) transactions += n;
    else requests += n;
  }
  return { transactions, requests };
}

/** The renderer's main-thread task time so far (ms). */
async function taskMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const task = metrics.find((metric) => metric.name === 'TaskDuration');
  if (!task) throw new Error('no TaskDuration metric');
  return task.value * 1000;
}

async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await window.__mejirushi?.settled();
  });
}

/** Runs `keys` from the first slice; the pass's figures once the page has settled. */
async function timedPass(page: Page, cdp: CDPSession, keys: () => Promise<void>): Promise<Pass> {
  await toFirstSlice(page);
  await settle(page);
  await takeIdbCounts(page);
  await takeReactCommits(page);
  const taskBefore = await taskMs(cdp);
  const start = performance.now();
  const [wallMs, requests] = await countRequests(page, async () => {
    await keys();
    const wall = performance.now() - start;
    await settle(page);
    return wall;
  });
  const mainMs = (await taskMs(cdp)) - taskBefore;
  const idb = await takeIdbCounts(page);
  const reactCommits = await takeReactCommits(page);
  return { steps: await stepTimes(page, SLICES - 1), wallMs, mainMs, requests, idb, reactCommits };
}

function navigationPass(page: Page, cdp: CDPSession): Promise<Pass> {
  return timedPass(page, cdp, async () => {
    for (let i = 0; i < SLICES - 1; i += 1) await press(page, 'ArrowDown', i + 1);
  });
}

function classOf(round: number, slice: number) {
  return CLASSES[(slice + round) % CLASSES.length] as (typeof CLASSES)[number];
}

function labelPass(page: Page, cdp: CDPSession, round: number, targetIds: readonly string[]): Promise<Pass> {
  return timedPass(page, cdp, async () => {
    for (let i = 0; i < SLICES - 1; i += 1) await press(page, classOf(round, i).key, i + 1);
    // The last slice: labelled in place (nothing to advance to); wait until the store has it.
    const last = classOf(round, SLICES - 1);
    await page.keyboard.press(last.key);
    await page.waitForFunction(
      ([targetId, code]) => window.__mejirushi?.openLabels()[targetId as string] === code,
      [targetIds[SLICES - 1], last.code],
      { timeout: TIMEOUT_MS },
    );
  });
}

/** Slice index → class code, as the records hold them. */
function labelsOf(records: readonly (AnnotationRecord | null)[], targetIds: readonly string[]): Map<number, string> {
  const labels = new Map<number, string>();
  for (const record of records) {
    if (record?.type !== 'label') continue;
    const index = targetIds.indexOf(record.targetId);
    if (index >= 0 && record.classCodes.length === 1) labels.set(index, record.classCodes[0] as string);
  }
  return labels;
}

function checkLabels(where: string, labels: Map<number, string>, round: number): void {
  const wrong = Array.from({ length: SLICES }, (_, i) => i).filter((i) => labels.get(i) !== classOf(round, i).code);
  if (labels.size !== SLICES || wrong.length > 0) {
    throw new Error(`${where} holds ${labels.size} labels; slices not as labelled: ${wrong.map((i) => i + 1).join(', ')}`);
  }
}

async function verifyStored(page: Page, server: BenchServer, itemId: string, targetIds: readonly string[]): Promise<void> {
  await settle(page);
  const pending = await page.evaluate(async () => (await window.__mejirushi?.pendingCount()) ?? -1);
  if (pending !== 0) throw new Error(`${pending} records still unsent`);
  checkLabels('IndexedDB', labelsOf(await storedRecords(page, itemId, server.login.user.id), targetIds), ROUNDS - 1);
  const page1 = await server.api<RecordPage>('GET', `/api/items/${itemId}/annotations/me/records?limit=1000`);
  checkLabels('the server', labelsOf(page1.records.map((stored) => stored.record), targetIds), ROUNDS - 1);
}

async function main(): Promise<void> {
  if (!hasSampleData()) throw new Error(`no sample data in ${sampleDataDir()} (set MEJIRUSHI_SAMPLE_DATA)`);
  const loadBefore = loadavg()[0] as number;
  const site = await prepareSite();
  let server: BenchServer | undefined;
  const browser = await launchChromium();
  try {
    server = await startBenchServer(site.staticDir);
    const detail = await importFolder(server, join(sampleDataDir(), SERIES), 'bench-ct-head');
    if (detail.item.content.kind !== 'series') throw new Error('the imported item is not a series');
    const targetIds = detail.item.content.slices.map((slice) => slice.targetId);
    if (targetIds.length !== SLICES) throw new Error(`expected ${SLICES} slices, the server has ${targetIds.length}`);

    const context = await newSeededContext(browser, server.url, server.login);
    await context.addInitScript({ content: RECORD_STEPS });
    await context.addInitScript({ content: COUNT_IDB });
    await context.addInitScript({ content: COUNT_REACT_COMMITS });
    const page = context.pages()[0] as Page;
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`/items/${detail.item.id}${RENDER ? `?render=${RENDER}` : ''}`);
    await page.waitForSelector(readyViewer(0), { state: 'attached', timeout: TIMEOUT_MS });
    const renderMode = await page.getAttribute('[data-testid="series-viewer"]', 'data-render-mode');
    // The reading room as a reader has it: the corner overlays and the mask layer with its tools.
    await page.waitForSelector(READING_ROOM, { state: 'attached', timeout: TIMEOUT_MS });

    // Warm-up: every slice decoded and cached once.
    for (let i = 0; i < SLICES - 1; i += 1) await press(page, 'ArrowDown', i + 1);

    const navigation: Pass[] = [];
    const labelling: Pass[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      // The last round profiled, when asked (BENCH_PROFILE=1): each kind of pass on its own.
      const last = round === ROUNDS - 1;
      let stopProfile = last ? await startProfile(page, 'next-slice pass') : null;
      navigation.push(await navigationPass(page, cdp));
      await stopProfile?.();
      stopProfile = last ? await startProfile(page, 'label pass') : null;
      labelling.push(await labelPass(page, cdp, round, targetIds));
      await stopProfile?.();
    }
    await verifyStored(page, server, detail.item.id, targetIds);
    await context.close();

    const navSteps = spread(navigation.flatMap((p) => p.steps));
    const labelSteps = spread(labelling.flatMap((p) => p.steps));
    const navTotal = spread(navigation.map((p) => sum(p.steps)));
    const labelTotal = spread(labelling.map((p) => sum(p.steps)));
    const navWall = spread(navigation.map((p) => p.wallMs));
    const labelWall = spread(labelling.map((p) => p.wallMs));
    const navMain = spread(navigation.map((p) => p.mainMs));
    const labelMain = spread(labelling.map((p) => p.mainMs));
    console.log(
      `label and advance over the ${SLICES}-slice real head CT (${SERIES}), ${ROUNDS} rounds after a warm-up pass, ` +
        `render mode ${renderMode}, Chromium ${browser.version()}:`,
    );
    console.log(`  per step, key → next slice rendered (${SLICES - 1} steps × ${ROUNDS}):`);
    console.log(`    label + advance: ${formatSpread(labelSteps)}`);
    console.log(`    next slice     : ${formatSpread(navSteps)}`);
    console.log(`    ratio label/next (medians): ${ratio(labelSteps.median, navSteps.median)}`);
    printBench('label-advance', `step_${renderMode ?? 'default'}_ms`, labelSteps.median, navSteps.median);
    console.log(`  per pass, sum of the ${SLICES - 1} advancing steps (median of ${ROUNDS}):`);
    console.log(`    label + advance: ${ms(labelTotal.median)}, next slice: ${ms(navTotal.median)}, ratio ${ratio(labelTotal.median, navTotal.median)}`);
    printBench('label-advance', 'pass_sum_ms', labelTotal.median, navTotal.median);
    console.log(`  per pass, wall clock in the driver (label pass includes the 28th key; median of ${ROUNDS}):`);
    console.log(`    label + advance: ${ms(labelWall.median)}, next slice: ${ms(navWall.median)}, ratio ${ratio(labelWall.median, navWall.median)}`);
    printBench('label-advance', 'pass_wall_ms', labelWall.median, navWall.median);
    console.log(`  per pass, main-thread task time from the first key until settled (saved and sent; median of ${ROUNDS}):`);
    console.log(`    label + advance: ${ms(labelMain.median)}, next slice: ${ms(navMain.median)}, ratio ${ratio(labelMain.median, navMain.median)}`);
    printBench('label-advance', 'pass_main_ms', labelMain.median, navMain.median);
    console.log(`  API requests per pass from the first key until settled (mean of ${ROUNDS}; not timed, so load does not move them):`);
    console.log(`    label + advance: ${formatCounts(meanCounts(labelling, (p) => p.requests))}`);
    console.log(`    next slice     : ${formatCounts(meanCounts(navigation, (p) => p.requests))}`);
    const labelIdb = meanCounts(labelling, (p) => p.idb);
    const navIdb = meanCounts(navigation, (p) => p.idb);
    console.log(`  IndexedDB transactions and requests per pass from the first key until settled (mean of ${ROUNDS}; counts):`);
    console.log(`    label + advance: ${formatCounts(labelIdb)}`);
    console.log(`    next slice     : ${formatCounts(navIdb)}`);
    const [labelTotals, navTotals] = [idbTotals(labelIdb), idbTotals(navIdb)];
    printBench('label-advance', 'idb_transactions', labelTotals.transactions, navTotals.transactions);
    printBench('label-advance', 'idb_requests', labelTotals.requests, navTotals.requests);
    const labelCommits = sum(labelling.map((p) => p.reactCommits)) / labelling.length;
    const navCommits = sum(navigation.map((p) => p.reactCommits)) / navigation.length;
    const sends = labelling.map((p) => p.requests.get('PATCH /api/items/:id/annotations/me') ?? 0);
    console.log(`  React commits per pass from the first key until settled (mean of ${ROUNDS}; counts): label + advance ${labelCommits.toFixed(1)}, next slice ${navCommits.toFixed(1)}`);
    printBench('label-advance', 'react_commits', labelCommits, navCommits);
    // A quiet spell (QUIET_MS) between keys starts a write: the driver's pace, which load slows, sets how many.
    console.log(`  gathered sends per label pass: ${sends.join(', ')} (each costs its own transactions, requests and commits)`);
    console.log(`  all ${SLICES} labels of the last round found in IndexedDB and on the server (outbox empty)`);
    console.log(`load average (1 min) before ${loadBefore.toFixed(2)}, after ${(loadavg()[0] as number).toFixed(2)}`);
    reportSummary([
      {
        benchmark: 'label and advance',
        measure: `per step (median), ${renderMode} render`,
        value: ms(labelSteps.median),
        baseline: `${ms(navSteps.median)} next slice`,
        ratio: ratio(labelSteps.median, navSteps.median),
      },
      {
        benchmark: 'label and advance',
        measure: `${SLICES - 1} steps (sum, median pass)`,
        value: ms(labelTotal.median),
        baseline: `${ms(navTotal.median)} next slice`,
        ratio: ratio(labelTotal.median, navTotal.median),
      },
    ]);
  } finally {
    await browser.close();
    await server?.stop();
    site.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
