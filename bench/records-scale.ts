/**
 * Records at scale (not part of `npm test`): `npm run bench -- records-scale`
 *
 * One slide holds 100,000 polygons of 24 vertices (BENCH_RECORDS), written through the real
 * sync endpoint by the annotator. In Chromium, the app's own data layer pages them into
 * IndexedDB and the core editor builds its indexed, draw-ready store; then one polygon is moved
 * by a pixel, saved and synced, nine times over (BENCH_EDITS; figures are medians). Every figure
 * of one edit is set against the same edit on a slide of 100 polygons measured in the same run
 * (goal: every ratio ≤ 2, an edit's cost does not grow with the document):
 * - bytes on the wire (the PATCH request and its answer),
 * - server time (Fastify's own elapsed time for the PATCH),
 * - database growth (SQLite: database + WAL file sizes; PostgreSQL: WAL bytes; each from a checkpoint),
 * - main-thread time (command, store and indexes, listeners) and time until saved in IndexedDB.
 * Also the first open on a cold IndexedDB: until the outlines can be drawn (every record fetched,
 * the editor's store built) and until every record is stored (the base pages written behind the
 * open), each against fetching and JSON-parsing the same pages in the same page with nothing
 * stored; and IndexedDB bytes per record (against the records' JSON size on the wire).
 *
 * Runs on SQLite, and on PostgreSQL too when MEJIRUSHI_BENCH_PG_URL (or MEJIRUSHI_TEST_PG_URL) is
 * set: each run uses a fresh schema there, dropped afterwards.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { build } from 'vite';
import type { AnnotationRecord } from '../src/core/annotation';
import type { BatchResult, LoginResponse } from '../src/core/api';
import type { SlideItem } from '../src/core/item';
import { GASTRIC_BIOPSY_LABEL_SET } from '../src/core/labelSets/builtin';
import { chunkOps, type RecordOp } from '../src/core/records';
import { buildApp } from '../server/app';
import { blobStoreIn } from '../server/blobs/diskBlobStore';
import { prepareDatabase } from '../server/bootstrap';
import { SQLITE_FILE_NAME } from '../server/config';
import { dialectOf } from '../server/db/dialect';
import type { Database } from '../server/db/schema';
import { REPO_ROOT } from '../server/testing/processes';
import { openTestDatabase, pgTestUrl, type TestDatabase } from '../server/testing/testDatabase';
import { assignItems, createDataset } from '../server/services/datasets';
import { createUser } from '../server/services/users';
import { sortKeyFor } from '../server/services/items';
import type { EditFigures, FetchFigures, OpenFigures, StoredFigures } from './records-scale/main';
import { launchChromium } from './support/browser';
import { spread } from './support/stats';
import { printBench } from './support/benchLine';
import { PROFILE, startProfile } from './support/profile';

const LARGE = Number(process.env.BENCH_RECORDS ?? 100_000);
const SMALL = 100;
/** Edits per document; every edit figure is their median. */
const EDITS = Number(process.env.BENCH_EDITS ?? 9);
const VERTICES = 24;
const SLIDE = { width: 120_000, height: 90_000 } as const;
const PASSWORD = 'records scale passphrase 4417';
const AT = '2026-11-30T00:00:00.000Z';

/** Deterministic pseudo-random numbers, so every run draws the same slide. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32;
}

function polygons(count: number, annotatorId: string, seed: number): AnnotationRecord[] {
  const random = lcg(seed);
  return Array.from({ length: count }, (_, i) => {
    const cx = 100 + random() * (SLIDE.width - 200);
    const cy = 100 + random() * (SLIDE.height - 200);
    const r = 20 + random() * 60;
    const points = Array.from({ length: VERTICES }, (_, k) => {
      const a = (2 * Math.PI * k) / VERTICES;
      return [Math.round((cx + r * Math.cos(a)) * 10) / 10, Math.round((cy + r * Math.sin(a)) * 10) / 10] as const;
    });
    return {
      type: 'shape',
      id: `gland-${i}`,
      questionId: 'lesion',
      targetId: '',
      classCode: 'lesion.other',
      geometry: { type: 'polygon', points },
      provenance: { origin: { kind: 'human' }, createdAt: AT, updatedAt: AT, authors: [annotatorId] },
    } satisfies AnnotationRecord;
  });
}

interface Fixture {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly login: LoginResponse;
  readonly database: TestDatabase;
  /** PATCH requests seen by the server: request and answer bytes, server ms. */
  readonly patches: { requestBytes: number; responseBytes: number; serverMs: number }[];
}

async function startFixture(database: TestDatabase, staticDir: string): Promise<Fixture> {
  await prepareDatabase(database.db);
  const app = await buildApp({ db: database.db, blobs: blobStoreIn(database.dataDir), staticDir });
  const patches: Fixture['patches'] = [];
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  // Beside Fastify's own listener: from the request's arrival to the last byte of the answer.
  app.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'PATCH') return;
    const start = performance.now();
    response.on('finish', () => {
      patches.push({
        requestBytes: Number(request.headers['content-length'] ?? 0),
        responseBytes: Number(response.getHeader('content-length') ?? 0),
        serverMs: performance.now() - start,
      });
    });
  });
  await createUser(database.db, { username: 'pathologist', displayName: 'Pathologist', password: PASSWORD, roles: ['annotator'], mustChangePassword: false }, null, AT);
  const response = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'pathologist', password: PASSWORD }) });
  if (!response.ok) throw new Error(`login answered ${response.status}`);
  return { app, url, login: (await response.json()) as LoginResponse, database, patches };
}

/** A slide item of the gastric-biopsy task, assigned to the annotator. */
async function addSlide(db: Kysely<Database>, annotatorId: string, name: string): Promise<string> {
  const dataset = await createDataset(db, { name, description: '', labelSetId: GASTRIC_BIOPSY_LABEL_SET.id, labelSetVersion: GASTRIC_BIOPSY_LABEL_SET.version }, null, AT);
  const id = randomUUID();
  const content: SlideItem = { kind: 'slide', levels: [{ ...SLIDE, downsample: 1 }], micronsPerPixel: [0.25, 0.25], tileSize: 256, tileFormat: 'jpeg', tileVersion: 'bench', objectivePower: 40, scanner: null };
  await db
    .insertInto('items')
    .values({
      id,
      dataset_id: dataset.id,
      title: name,
      kind: 'slide',
      content: JSON.stringify(content),
      target_ids: JSON.stringify([id]),
      target_count: 1,
      source_key: null,
      sort_key: sortKeyFor(name),
      created_at: AT,
      updated_at: AT,
    })
    .execute();
  await assignItems(db, dataset.id, annotatorId, null, null, AT);
  return id;
}

/** Writes the polygons through the sync endpoint, as the annotator's client would. */
async function seed(fixture: Fixture, itemId: string, records: readonly AnnotationRecord[]): Promise<void> {
  const ops: RecordOp[] = records.map((record) => ({ kind: 'put', id: record.id, baseVersion: 0, record: { ...record, targetId: itemId } }));
  let n = 0;
  for (const batch of chunkOps(ops)) {
    n += 1;
    const response = await fetch(`${fixture.url}/api/items/${itemId}/annotations/me`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${fixture.login.token}`, 'content-type': 'application/json', 'idempotency-key': `seed-${itemId}-${n}` },
      body: JSON.stringify({ ops: batch }),
    });
    if (!response.ok) throw new Error(`seeding answered ${response.status}: ${await response.text()}`);
    (await response.json()) as BatchResult;
  }
}

/** Bytes the database wrote for a change: SQLite file + WAL after a checkpoint, or PostgreSQL WAL. */
async function storageMark(database: TestDatabase): Promise<number> {
  if (dialectOf(database.db) === 'postgres') {
    const row = await sql<{ lsn: string }>`select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text as lsn`.execute(database.db);
    return Number(row.rows[0]?.lsn ?? 0);
  }
  const file = join(database.dataDir, SQLITE_FILE_NAME);
  const size = (path: string) => (existsSync(path) ? statSync(path).size : 0);
  return size(file) + size(`${file}-wal`);
}

/**
 * Starts each edit from a checkpoint on both dialects: SQLite's WAL is emptied; PostgreSQL then
 * logs a full image of every page the edit touches, so the two documents are compared page for
 * page instead of by which pages happened to be logged since the last checkpoint.
 */
async function checkpoint(database: TestDatabase): Promise<void> {
  if (dialectOf(database.db) === 'sqlite') await sql`pragma wal_checkpoint(truncate)`.execute(database.db);
  else await sql`checkpoint`.execute(database.db);
}

/** Medians over the edits of one document. */
interface EditRun {
  readonly open: OpenFigures & StoredFigures;
  readonly edit: EditFigures;
  readonly wireBytes: number;
  readonly serverMs: number;
  readonly dbGrowth: number;
  readonly fetched: FetchFigures;
}

const median = (values: readonly number[]): number => spread(values).median;

/** `profiling`: profile the open and the fetching alone, and sample the heap (BENCH_PROFILE=1, the large document). */
async function measure(fixture: Fixture, staticOrigin: string, itemId: string, editIds: readonly string[], profiling = false): Promise<EditRun> {
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext({ baseURL: staticOrigin })).newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') console.error(`page console: ${message.text()}`);
    });
    await page.goto(`/index.html#${encodeURIComponent(JSON.stringify(fixture.login))}`);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    const stopOpen = profiling ? await startProfile(page, 'first open (until the editor is built)') : null;
    const heap = profiling ? await sampleHeap(page) : null;
    const open = await page.evaluate((id) => window.__recordsScale!.open(id), itemId);
    await stopOpen?.();
    const stored = await page.evaluate(() => window.__recordsScale!.stored());
    if (heap) console.log(`peak JS heap during the open and its storing: ${((await heap()) / 2 ** 20).toFixed(0)} MiB (CDP Runtime.getHeapUsage every 100 ms)`);
    const edits: EditFigures[] = [];
    const wire: number[] = [];
    const server: number[] = [];
    const growth: number[] = [];
    for (const editId of editIds) {
      await checkpoint(fixture.database);
      const before = await storageMark(fixture.database);
      const seen = fixture.patches.length;
      edits.push(await page.evaluate((id) => window.__recordsScale!.editOne(id), editId));
      growth.push((await storageMark(fixture.database)) - before);
      const patches = fixture.patches.slice(seen);
      if (patches.length !== 1) throw new Error(`expected one PATCH for the edit, saw ${patches.length}`);
      wire.push(patches[0]!.requestBytes + patches[0]!.responseBytes);
      server.push(patches[0]!.serverMs);
    }
    await page.evaluate(() => window.__recordsScale!.close());
    const stopFetch = profiling ? await startProfile(page, 'fetch + parse alone') : null;
    const fetched = await page.evaluate((id) => window.__recordsScale!.fetchOnly(id), itemId);
    await stopFetch?.();
    const edit: EditFigures = {
      mainThreadMs: median(edits.map((e) => e.mainThreadMs)),
      savedLocallyMs: median(edits.map((e) => e.savedLocallyMs)),
      syncedMs: median(edits.map((e) => e.syncedMs)),
    };
    return { open: { ...open, ...stored }, edit, wireBytes: median(wire), serverMs: median(server), dbGrowth: median(growth), fetched };
  } finally {
    await browser.close();
  }
}

/**
 * Samples the page's JS heap until the returned function is called; it answers the peak seen. The
 * inspector answers between tasks, as a timer would: a peak inside one long task is missed.
 */
async function sampleHeap(page: Page): Promise<() => Promise<number>> {
  const session = await page.context().newCDPSession(page);
  let peak = 0;
  let sampling = true;
  const loop = (async () => {
    while (sampling) {
      const { usedSize } = (await session.send('Runtime.getHeapUsage')) as { usedSize: number };
      peak = Math.max(peak, usedSize);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return async () => {
    sampling = false;
    await loop;
    await session.detach();
    return peak;
  };
}

async function buildHarness(dir: string): Promise<string> {
  const staticDir = join(dir, 'static');
  await build({
    configFile: false,
    root: join(REPO_ROOT, 'bench', 'records-scale'),
    logLevel: 'error',
    // Unminified when profiling, so a profile names the source's functions.
    build: { outDir: staticDir, emptyOutDir: true, target: 'es2022', ...(PROFILE ? { minify: false } : {}) },
  });
  return staticDir;
}

async function runOn(label: string, database: TestDatabase, staticDir: string): Promise<void> {
  const fixture = await startFixture(database, staticDir);
  try {
    const annotatorId = fixture.login.user.id;
    const large = await addSlide(database.db, annotatorId, `large-${label}`);
    const small = await addSlide(database.db, annotatorId, `small-${label}`);
    console.log(`${label}: writing ${LARGE} polygons through the sync endpoint…`);
    const seedStart = performance.now();
    await seed(fixture, large, polygons(LARGE, annotatorId, 1));
    console.log(`${label}: seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s (${Math.round(LARGE / ((performance.now() - seedStart) / 1000))} records/s)`);
    await seed(fixture, small, polygons(SMALL, annotatorId, 2));

    const pick = (count: number) => Array.from({ length: EDITS }, (_, i) => `gland-${Math.floor(((i + 0.5) * count) / EDITS)}`);
    const big = await measure(fixture, fixture.url, large, pick(LARGE), PROFILE);
    const few = await measure(fixture, fixture.url, small, pick(SMALL));
    console.log(
      `${label}: ${big.open.records} records answered in ${(big.open.loadMs / 1000).toFixed(1)} s, all stored in ${(big.open.storedMs / 1000).toFixed(1)} s (fetch + parse alone ${(big.fetched.ms / 1000).toFixed(1)} s); editor store ${big.open.editorMs.toFixed(0)} ms; IndexedDB ${(big.open.indexedDbBytes / 1e6).toFixed(1)} MB`,
    );
    console.log(`${label}: edit on ${LARGE} vs ${SMALL} records: main ${big.edit.mainThreadMs.toFixed(2)} vs ${few.edit.mainThreadMs.toFixed(2)} ms, saved locally ${big.edit.savedLocallyMs.toFixed(1)} vs ${few.edit.savedLocallyMs.toFixed(1)} ms, synced ${big.edit.syncedMs.toFixed(1)} vs ${few.edit.syncedMs.toFixed(1)} ms`);

    printBench('records-scale', `${label}.edit-wire-bytes`, big.wireBytes, few.wireBytes);
    printBench('records-scale', `${label}.edit-server-ms`, big.serverMs, few.serverMs);
    printBench('records-scale', `${label}.edit-db-growth-bytes`, big.dbGrowth, few.dbGrowth);
    printBench('records-scale', `${label}.edit-main-thread-ms`, big.edit.mainThreadMs, few.edit.mainThreadMs);
    printBench('records-scale', `${label}.edit-saved-locally-ms`, big.edit.savedLocallyMs, few.edit.savedLocallyMs);
    printBench('records-scale', `${label}.edit-synced-ms`, big.edit.syncedMs, few.edit.syncedMs);
    // The first open until the outlines can be drawn (every record fetched and the editor's store
    // built), and until every record is stored in IndexedDB, each against fetching and parsing the
    // same pages in the same page with nothing stored.
    printBench('records-scale', `${label}.first-open-ms`, big.open.loadMs + big.open.editorMs, big.fetched.ms);
    printBench('records-scale', `${label}.all-stored-ms`, big.open.storedMs, big.fetched.ms);
    printBench('records-scale', `${label}.indexeddb-bytes-per-record`, big.open.indexedDbBytes / big.open.records, big.fetched.bytes / big.fetched.records);
  } finally {
    await fixture.app.close();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mejirushi-records-scale-'));
  try {
    const staticDir = await buildHarness(dir);
    const sqlite = await openTestDatabase('sqlite');
    try {
      await runOn('sqlite', sqlite, staticDir);
    } finally {
      await sqlite.dispose();
    }
    const pgUrl = process.env.MEJIRUSHI_BENCH_PG_URL?.trim() || pgTestUrl();
    if (!pgUrl) {
      console.log('records-scale: PostgreSQL run skipped (set MEJIRUSHI_BENCH_PG_URL or MEJIRUSHI_TEST_PG_URL)');
      return;
    }
    process.env.MEJIRUSHI_TEST_PG_URL = pgUrl;
    const postgres = await openTestDatabase('postgres');
    try {
      await runOn('postgres', postgres, staticDir);
    } finally {
      await postgres.dispose();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
