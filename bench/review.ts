/**
 * Review benchmark (not part of `npm test`): `npx tsx bench/review.ts`
 *
 * A real server process (SQLite) whose database is seeded, through the app's own tables and query
 * layer, with one dataset of BENCH_REVIEW_ITEMS items (default 10,000) × 3 readers, every reader's
 * work handed in and every fourth item's readers differing (the stored flag the workflow keeps);
 * then, in Chromium, navigation → "page ready" (the page's first rows rendered and its
 * `data-ready="true"`) for each page of PAGES, against the plain item list of the same dataset.
 * Cold each run (a fresh context with the login stored), BENCH_REVIEW_RUNS runs per page
 * (default 5), pages alternating; medians. Goal: ratio ≤ 1.5.
 *
 * The admin of the fresh server is the viewer: the first admin holds every role (a WG lead may
 * review) and reads none of the seeded items, so every seeded row is theirs to review.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import type { User } from '../src/core/api';
import { SAH_SLICE_LABEL_SET } from '../src/core/labelSets/builtin';
import { SQLITE_FILE_NAME } from '../server/config';
import { openDatabase } from '../server/db/open';
import { createDataset } from '../server/services/datasets';
import { createUser } from '../server/services/users';
import { printBench } from './support/benchLine';
import { launchChromium, newSeededContext } from './support/browser';
import { startBenchServer, type BenchServer } from './support/server';
import { prepareSite } from './support/site';
import { formatSpread, spread } from './support/stats';
import { reportSummary, type SummaryRow } from './support/summary';

const ITEMS = Number(process.env.BENCH_REVIEW_ITEMS ?? 10_000);
const RUNS = Number(process.env.BENCH_REVIEW_RUNS ?? 5);
const READERS = 3;
const TIMEOUT_MS = 60_000;
const CHUNK = 500;

/** A page measured against the baseline: where it is and which element says its first rows are shown. */
interface BenchPage {
  readonly name: string;
  readonly path: (datasetId: string) => string;
  readonly ready: string;
  /** Rows of the first page, counted once ready to check the page showed the seeded data. */
  readonly rows: string;
}

const BASELINE: BenchPage = {
  name: 'item-list',
  path: (datasetId) => `/datasets/${datasetId}`,
  ready: '[data-testid="item-list"][data-ready="true"]',
  rows: '[data-testid^="item-row-"]',
};

/** The review pages, each printed as `BENCH review <name> …` against the item list. */
const PAGES: readonly BenchPage[] = [
  {
    name: 'queue-page',
    path: (datasetId) => `/review?datasetId=${datasetId}`,
    ready: '[data-testid="review-queue"][data-ready="true"]',
    rows: '[data-testid^="review-row-"]',
  },
  {
    name: 'dashboard-page',
    path: (datasetId) => `/datasets/${datasetId}/dashboard`,
    // Ready once its first charts are drawn; agreement and per-question figures load after.
    ready: '[data-testid="dashboard-ready"]',
    rows: '[data-testid^="dashboard-reader-"]',
  },
];

/** Seeds the dataset through a second connection to the server's SQLite file (WAL: the server keeps serving). */
async function seed(server: BenchServer): Promise<string> {
  const db = openDatabase({ kind: 'sqlite', file: join(server.dataDir, SQLITE_FILE_NAME) });
  try {
    const base = Date.parse('2026-01-01T00:00:00.000Z');
    const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();
    const readers: User[] = [];
    for (let r = 0; r < READERS; r += 1) {
      readers.push(await createUser(db, { username: `reader${r}`, displayName: `Reader ${r}`, password: `bench reader passphrase ${r}`, roles: ['annotator'], mustChangePassword: false }, null, at(0)));
    }
    const dataset = await createDataset(db, { name: 'review bench', description: '', labelSetId: SAH_SLICE_LABEL_SET.id, labelSetVersion: SAH_SLICE_LABEL_SET.version }, null, at(0));
    await db.transaction().execute(async (trx) => {
      for (let start = 0; start < ITEMS; start += CHUNK) {
        const items = Array.from({ length: Math.min(CHUNK, ITEMS - start) }, (_, k) => {
          const n = start + k;
          const key = String(n).padStart(6, '0');
          const content = { kind: 'series', modality: 'CT', studyInstanceUid: `2.25.${n}`, seriesInstanceUid: `2.25.${n}.1`, seriesDescription: 'bench', orientation: null, slices: [], rows: 512, columns: 512, pixelSpacing: null };
          return { id: randomUUID(), n, key, content };
        });
        await trx
          .insertInto('items')
          .values(items.map(({ id, key, content }) => ({ id, dataset_id: dataset.id, title: `Series ${key}`, kind: 'series', content: JSON.stringify(content), target_ids: '[]', target_count: 0, source_key: `2.25.${key}`, sort_key: key, created_at: at(0), updated_at: at(0) })))
          .execute();
        const work = items.flatMap(({ id, n }) => readers.map((reader, r) => ({ itemId: id, readerId: reader.id, submittedAt: at(n * READERS + r), disagrees: n % 4 === 0 ? 1 : 0 })));
        await trx
          .insertInto('assignments')
          .values(work.map((w) => ({ item_id: w.itemId, user_id: w.readerId, state: 'submitted', updated_at: w.submittedAt, due_date: null })))
          .execute();
        await trx
          .insertInto('review_queue')
          .values(work.map((w) => ({ item_id: w.itemId, annotator_id: w.readerId, dataset_id: dataset.id, state: 'submitted', submitted_at: w.submittedAt, disagrees: w.disagrees })))
          .execute();
      }
    });
    return dataset.id;
  } finally {
    await db.destroy();
  }
}

/** ms from navigation start until `page.ready` matched, and the rows then shown. */
async function pageReady(browser: Browser, server: BenchServer, page: BenchPage, datasetId: string): Promise<{ ms: number; rows: number }> {
  const context = await newSeededContext(browser, server.url, server.login);
  try {
    const tab = context.pages()[0] ?? (await context.newPage());
    await tab.goto(page.path(datasetId), { waitUntil: 'commit' });
    const ready = await tab.waitForFunction((selector) => (document.querySelector(selector) ? performance.now() : null), page.ready, { polling: 'raf', timeout: TIMEOUT_MS });
    const ms = (await ready.jsonValue()) as number;
    return { ms, rows: await tab.locator(page.rows).count() };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const site = await prepareSite();
  const server = await startBenchServer(site.staticDir);
  const browser = await launchChromium();
  try {
    const seeded = Date.now();
    const datasetId = await seed(server);
    console.log(`seeded ${ITEMS} items × ${READERS} readers, all handed in, in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);
    const all = [BASELINE, ...PAGES];
    const samples = new Map<string, number[]>(all.map((page) => [page.name, []]));
    // One unmeasured visit of each page: the server's first queries and the browser's first launch.
    for (const page of all) await pageReady(browser, server, page, datasetId);
    for (let run = 0; run < RUNS; run += 1) {
      for (const page of run % 2 === 0 ? all : [...all].reverse()) {
        const { ms, rows } = await pageReady(browser, server, page, datasetId);
        if (rows === 0) throw new Error(`${page.name} was ready with no rows`);
        samples.get(page.name)!.push(ms);
      }
    }
    const baseline = spread(samples.get(BASELINE.name)!);
    console.log(`${BASELINE.name} ${BASELINE.path(datasetId)}: ${formatSpread(baseline)}`);
    const rows: SummaryRow[] = [];
    for (const page of PAGES) {
      const figures = spread(samples.get(page.name)!);
      console.log(`${page.name} ${page.path(datasetId)}: ${formatSpread(figures)}`);
      printBench('review', page.name, figures.median, baseline.median);
      rows.push({ benchmark: 'review', measure: `${page.name} (ms, page ready)`, value: figures.median.toFixed(0), baseline: baseline.median.toFixed(0), ratio: (figures.median / baseline.median).toFixed(2) });
    }
    reportSummary(rows);
  } finally {
    await browser.close();
    await server.stop();
    site.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
