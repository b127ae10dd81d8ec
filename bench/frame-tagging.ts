/**
 * Frame-tagging benchmark (not part of `npm test`): `npx tsx bench/frame-tagging.ts`
 *
 * Two ffmpeg test videos (uc-endoscopy datasets, uploaded through the API into a real server
 * process, assigned to the admin), in the production app in Chromium:
 *
 * - `key-next`: over the first BENCH_KEY_FRAMES frames of a short clip, one Mayo key per frame
 *   (answer the frame and advance) against a plain next-frame key (ArrowRight) over the same
 *   frames, after a warm-up pass, passes alternating for BENCH_ROUNDS rounds; every label round
 *   changes every answer. A step is timed in the page: the keydown's timeStamp → the large view
 *   showing the next frame (`[data-testid="frame-large"][data-loaded="true"][data-frame=n]`).
 *   Afterwards every answer of the last round must be in IndexedDB and on the server.
 * - `sync-bytes-5000`: on a clip of BENCH_TAG_FRAMES frames, Home, Shift+End (every frame
 *   selected) and one Mayo key: the bytes of the PATCH bodies to the annotations route this sends
 *   against the bytes of one range record per contiguous run (here one run), serialised as JSON
 *   like the body; also the records the server holds and the undo steps that take it back.
 *
 * BENCH_ROUNDS (default 3), BENCH_KEY_FRAMES (default 30), BENCH_TAG_FRAMES (default 5000).
 * BENCH_PROFILE=1 (off by default; unminified build): the last round's passes profiled, each kind
 * on its own (top self times per function and per traced event).
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { AnnotationRecord } from '../src/core/annotation';
import type { DatasetSummary, ImportReport, ItemDetail, ItemPage, RecordPage, UploadAnswer } from '../src/core/api';
import { isFinished, isImportJob } from '../src/core/importJob';
import { makeTestVideo } from '../server/testing/frameFixtures';
import { launchChromium, newSeededContext } from './support/browser';
import { printBench } from './support/benchLine';
import { startProfile } from './support/profile';
import { recordSteps, resetSteps, stepTimes } from './support/steps';
import { storedRecords } from './support/storedRecords';
import { startBenchServer, type BenchServer } from './support/server';
import { prepareSite } from './support/site';
import { formatSpread, ms, ratio, spread } from './support/stats';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const KEY_FRAMES = Number(process.env.BENCH_KEY_FRAMES ?? 30);
const TAG_FRAMES = Number(process.env.BENCH_TAG_FRAMES ?? 5000);
const TIMEOUT_MS = 60_000;
const MAYO_KEYS = ['0', '1', '2', '3'] as const;

/** The large view once it shows a frame; its `data-frame` names which. */
const RECORD_STEPS = recordSteps('[data-testid="frame-large"][data-loaded="true"]', 'data-frame');

const shownFrame = (frame: number) => `[data-testid="frame-large"][data-loaded="true"][data-frame="${frame}"]`;

/** A uc-endoscopy dataset holding one uploaded test video of `frames` frames, assigned to the admin. */
async function videoItem(server: BenchServer, dir: string, name: string, frames: number): Promise<ItemDetail> {
  const path = join(dir, `${name}.mp4`);
  await makeTestVideo(path, { format: 'mp4', width: 64, height: 48, fps: 25, seconds: frames / 25 });
  const dataset = await server.api<DatasetSummary>('POST', '/api/datasets', { name, labelSetId: 'uc-endoscopy', labelSetVersion: 2 });
  const response = await fetch(`${server.url}/api/datasets/${dataset.id}/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.login.token}`, 'content-type': 'video/mp4', 'x-file-name': `${name}.mp4` },
    body: readFileSync(path),
  });
  if (!response.ok) throw new Error(`upload of ${name} answered ${response.status}: ${await response.text()}`);
  let answer = (await response.json()) as UploadAnswer;
  while (isImportJob(answer) && !isFinished(answer)) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    answer = await server.api<UploadAnswer>('GET', `/api/import-jobs/${answer.id}`);
  }
  const report: ImportReport = isImportJob(answer) && isFinished(answer) ? answer.report : (answer as ImportReport);
  if (report.outcomes[0]?.status !== 'imported') throw new Error(`${name} was not imported: ${JSON.stringify(report.outcomes[0])}`);
  await server.api('POST', `/api/datasets/${dataset.id}/assignments`, { readerIds: [server.login.user.id] });
  const page = await server.api<ItemPage>('GET', `/api/datasets/${dataset.id}/items`);
  const detail = await server.api<ItemDetail>('GET', `/api/items/${page.items[0]?.id ?? ''}`);
  if (detail.item.content.kind !== 'frameSet' || detail.item.content.frames.length < frames) throw new Error(`${name} should be a frame set of ${frames} frames`);
  return detail;
}

async function press(page: Page, key: string, nextFrame: number): Promise<void> {
  await page.keyboard.press(key);
  await page.waitForSelector(shownFrame(nextFrame), { state: 'attached', timeout: TIMEOUT_MS });
}

async function toFirstFrame(page: Page): Promise<void> {
  await press(page, 'Home', 0);
  await resetSteps(page);
}

const keyOf = (round: number, frame: number) => MAYO_KEYS[(frame + round) % MAYO_KEYS.length] as string;

async function pass(page: Page, keyAt: (frame: number) => string): Promise<number[]> {
  await toFirstFrame(page);
  for (let frame = 0; frame < KEY_FRAMES; frame += 1) await press(page, keyAt(frame), frame + 1);
  return stepTimes(page, KEY_FRAMES);
}

/** Frame index → Mayo class code, as the records hold them (single-frame labels). */
function answersOf(records: readonly (AnnotationRecord | null)[], targetIds: readonly string[]): Map<number, string> {
  const answers = new Map<number, string>();
  for (const record of records) {
    if (record?.type !== 'label' || record.questionId !== 'mayo' || record.provenance.decision === 'rejected') continue;
    answers.set(targetIds.indexOf(record.targetId), record.classCodes[0] as string);
  }
  return answers;
}

function checkAnswers(where: string, answers: Map<number, string>, round: number): void {
  const wrong = Array.from({ length: KEY_FRAMES }, (_, i) => i).filter((i) => answers.get(i) !== `mayo.${keyOf(round, i)}`);
  if (wrong.length > 0) throw new Error(`${where}: frames not as tagged: ${wrong.map((i) => i + 1).join(', ')}`);
}

async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await window.__mejirushi?.settled();
  });
  const pending = await page.evaluate(async () => (await window.__mejirushi?.pendingCount()) ?? -1);
  if (pending !== 0) throw new Error(`${pending} records still unsent`);
}

async function serverRecords(server: BenchServer, itemId: string): Promise<AnnotationRecord[]> {
  const records: AnnotationRecord[] = [];
  let after: string | null = null;
  do {
    const query: string = after === null ? '' : `&after=${encodeURIComponent(after)}`;
    const page: RecordPage = await server.api<RecordPage>('GET', `/api/items/${itemId}/annotations/me/records?limit=1000${query}`);
    for (const stored of page.records) if (stored.record) records.push(stored.record);
    after = page.nextCursor;
  } while (after !== null);
  return records;
}

async function verifyStored(page: Page, server: BenchServer, itemId: string, targetIds: readonly string[]): Promise<void> {
  await settle(page);
  checkAnswers('IndexedDB', answersOf(await storedRecords(page, itemId, server.login.user.id), targetIds), ROUNDS - 1);
  checkAnswers('the server', answersOf(await serverRecords(server, itemId), targetIds), ROUNDS - 1);
}

async function openFrames(page: Page, itemId: string): Promise<void> {
  await page.goto(`/items/${itemId}`);
  await page.waitForSelector(shownFrame(0), { state: 'attached', timeout: TIMEOUT_MS });
}

async function keyNext(page: Page, server: BenchServer, detail: ItemDetail, targetIds: readonly string[]): Promise<void> {
  await openFrames(page, detail.item.id);
  // Warm-up: every frame fetched and decoded once.
  for (let frame = 0; frame < KEY_FRAMES; frame += 1) await press(page, 'ArrowRight', frame + 1);
  const next: number[] = [];
  const tag: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    // The last round profiled, when asked (BENCH_PROFILE=1): each kind of pass on its own.
    const last = round === ROUNDS - 1;
    let stopProfile = last ? await startProfile(page, 'ArrowRight passes') : null;
    next.push(...(await pass(page, () => 'ArrowRight')));
    await stopProfile?.();
    stopProfile = last ? await startProfile(page, 'Mayo key passes') : null;
    tag.push(...(await pass(page, (frame) => keyOf(round, frame))));
    await stopProfile?.();
  }
  await verifyStored(page, server, detail.item.id, targetIds);
  const tagSpread = spread(tag);
  const nextSpread = spread(next);
  console.log(`key → next frame shown over ${KEY_FRAMES} frames × ${ROUNDS} rounds after a warm-up pass:`);
  console.log(`  Mayo key (answer + advance): ${formatSpread(tagSpread)}`);
  console.log(`  ArrowRight (next frame)    : ${formatSpread(nextSpread)}`);
  console.log(`  ratio (medians): ${ratio(tagSpread.median, nextSpread.median)}; all answers of the last round in IndexedDB and on the server`);
  printBench('frame-tagging', 'key-next', tagSpread.median, nextSpread.median);
}

async function syncBytes(page: Page, server: BenchServer, detail: ItemDetail, targetIds: readonly string[]): Promise<void> {
  await openFrames(page, detail.item.id);
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await page.waitForSelector('[data-testid="frame-selection"]', { timeout: TIMEOUT_MS });
  const bodies: number[] = [];
  const patchPath = `/api/items/${detail.item.id}/annotations/me`;
  const listen = (request: import('@playwright/test').Request) => {
    if (request.method() === 'PATCH' && new URL(request.url()).pathname === patchPath) bodies.push(request.postDataBuffer()?.byteLength ?? 0);
  };
  page.on('request', listen);
  const started = performance.now();
  await page.keyboard.press('2');
  await page.waitForFunction((count) => window.__mejirushi?.store.getState().openItem?.labelled === count, TAG_FRAMES, { timeout: TIMEOUT_MS });
  await settle(page);
  const syncedMs = performance.now() - started;
  page.off('request', listen);

  const records = (await serverRecords(server, detail.item.id)).filter((r) => r.type === 'label');
  const runs = records.filter((r) => r.type === 'label' && r.endTargetId !== undefined);
  if (runs.length !== 1 || runs[0]?.targetId !== targetIds[0] || runs[0]?.endTargetId !== targetIds[TAG_FRAMES - 1]) {
    throw new Error(`the server should hold one range over all ${TAG_FRAMES} frames, holds ${records.length} label records`);
  }
  // One range record per contiguous run (one run here), serialised as the body serialises records.
  const budget = runs.reduce((total, run) => total + Buffer.byteLength(JSON.stringify(run)), 0);
  const sent = bodies.reduce((a, b) => a + b, 0);

  // How many undo steps take the tag back: one, if the whole run is one user action.
  let undoSteps = 0;
  while ((await page.evaluate(() => window.__mejirushi?.store.getState().openItem?.labelled)) !== 0 && undoSteps < 10) {
    await page.keyboard.press('Control+z');
    undoSteps += 1;
    await page.evaluate(async () => {
      await window.__mejirushi?.settled();
    });
  }
  console.log(`one key over ${TAG_FRAMES} selected frames: ${bodies.length} PATCH request(s), ${sent} bytes of body, synced in ${ms(syncedMs)}`);
  console.log(`  the server holds ${records.length} label record(s); ${undoSteps} undo step(s) take the tag back; budget: ${runs.length} range record(s) of ${budget} bytes`);
  printBench('frame-tagging', 'sync-bytes-5000', sent, budget);
  printBench('frame-tagging', 'records-5000', records.length, runs.length);
  printBench('frame-tagging', 'undo-steps-5000', undoSteps, 1);
}

async function main(): Promise<void> {
  const loadBefore = loadavg()[0] as number;
  const dir = mkdtempSync(join(tmpdir(), 'mejirushi-bench-frames-'));
  const site = await prepareSite();
  let server: BenchServer | undefined;
  const browser = await launchChromium();
  try {
    server = await startBenchServer(site.staticDir);
    const clip = await videoItem(server, dir, 'bench-frames-clip', KEY_FRAMES + 1);
    const long = await videoItem(server, dir, 'bench-frames-long', TAG_FRAMES);
    const targetsOf = (detail: ItemDetail) => (detail.item.content.kind === 'frameSet' ? detail.item.content.frames.map((f) => f.targetId) : []);

    const context = await newSeededContext(browser, server.url, server.login);
    await context.addInitScript({ content: RECORD_STEPS });
    const page = context.pages()[0] as Page;
    console.log(`frame tagging, Chromium ${browser.version()}:`);
    await keyNext(page, server, clip, targetsOf(clip));
    await syncBytes(page, server, long, targetsOf(long));
    await context.close();
    console.log(`load average (1 min) before ${loadBefore.toFixed(2)}, after ${(loadavg()[0] as number).toFixed(2)}`);
  } finally {
    await browser.close();
    await server?.stop();
    site.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
