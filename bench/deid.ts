/**
 * De-identification throughput (not part of `npm test`): `npm run bench -- deid`
 *
 * Over BENCH_DEID_FILES DICOM files (default 200): the shared sample series
 * (radiology/ct-head-series-ge, from the sample-data setting) and generated files to reach the
 * count (support/deidFiles.ts). Every figure: one unmeasured pass of each side, then BENCH_ROUNDS
 * (default 5) alternating passes; medians. BENCH lines `BENCH deid <measure> value=<v>
 * baseline=<b> ratio=<v/b>`, lower is better.
 *
 * In the browser (the figure of issue 11): the files picked at once on a file input
 * (setInputFiles) of the deid page (deid-browser/, support/deidPage.ts) in headless Debian
 * Chromium, and sent as the upload screen sends them into a `required` dataset
 * (deid-browser/manyFiles.ts): the upload screen's client with the real worker of workers/deid.
 * `ms-per-file` is the staged pass, the screen's order since the staged upload: a staged upload
 * (src/ui/admin/stagedDeidUpload.ts over deid-browser/stagedSink.ts) opened first, each file sent
 * into it as soon as its check passes, two at a time, while the check goes on, then the commit.
 * Printed as information: the check-then-send pass (the whole check pass first, then each file
 * sent), what the screen did before and what this bench measured until then. BENCH_DEID_SEND
 * (deid-browser/sendOver.ts): `read` (default), each body read through in the page; `http`, each
 * body POSTed to a sink on the page's server (support/uploadSink.ts) as the screen sends it, the
 * report ahead of the file in one request; `httpApart`, the file and its report in two requests,
 * as the screen sent them before. The baseline's files are sent the same way.
 * Baseline, same page, same files, same run: each picked file's bytes read through once,
 * unchanged, on the same lanes: what any upload costs, de-identified or not. `ms-per-file`,
 * `ms-per-mb`; files/s and MB/s of both printed. The staged upload sends many files a request
 * (src/ui/admin/stagedBatch.ts); printed as information, the same files unchanged through that
 * staged upload with no check (`read through in batches`), so what batching gives and what the
 * check costs on top of it are both in view.
 *
 * In Node (the worker's logic without the browser): workers/deid/host.ts's check pass over the
 * same files (each written, as the upload keeps it), each read from disk as a Blob as the worker
 * reads a picked file. Baseline: each
 * file read the same way, parsed and written again by the same library (dcmjs, `readPart10` +
 * `write`) with nothing changed, so the ratio is what de-identification adds to a parse and a
 * rewrite. `node-ms-per-file`, `node-ms-per-mb`, `node-peak-rss-mb` (this process's peak resident
 * memory during a pass, from /proc/self/status VmHWM, reset before each pass after a full GC).
 *
 * Then, in Node, one large file, where the streamed path (workers/deid/streamedDeid.ts: the header
 * read and de-identified, the Pixel Data passed on as a slice of the picked file) matters: a
 * multi-frame file of BENCH_DEID_LARGE_MB (default 300; 0 skips it) generated on disk
 * (support/largeDicom.ts), through `deidentifyFile` as the worker calls it. Baseline, same run,
 * same file: the whole-file path (the file read whole, parsed, de-identified and written by the
 * same library), what a file that cannot be cut before its pixels costs. `large-ms` (median) and
 * `large-rss-rise-mb` (the largest rise of VmHWM over the pass's starting VmRSS: memory a previous
 * pass left resident is not counted).
 */
import { openAsBlob, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { deidentifyPart10, readPart10 } from '../src/core/deid/deidentify';
import { type DeidKey, importDeidKey } from '../src/core/deid/keyedHash';
import { KEPT_FILES_BYTES } from '../src/ui/admin/deidentifyUpload';
import { createDeidHost } from '../workers/deid/host';
import { DEID_LIMITS, deidentifyFile, wholeFile } from '../workers/deid/streamedDeid';
import type { DeidResponse, PickedFile } from '../workers/deid/messages';
import type { Page } from '@playwright/test';
import { CHECK_DONE, type ManyFilesKind, type ManyFilesPass } from './deid-browser/manyFiles';
import type { SendMode } from './deid-browser/sendOver';
import { printBench } from './support/benchLine';
import { deidBenchFiles, type DeidBenchFiles } from './support/deidFiles';
import { openDeidPage } from './support/deidPage';
import { DEID_BENCH_KEY, DEID_BENCH_OPTIONS } from './support/deidTerms';
import { writeLargeMultiFrame } from './support/largeDicom';
import { PROFILE, startProfile, TRACE_CATEGORIES, traceCounts, type TraceEvent } from './support/profile';
import { profileWorkers } from './support/workerProfile';
import { spread } from './support/stats';

const FILES = Number(process.env.BENCH_DEID_FILES ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const LARGE_MB = Number(process.env.BENCH_DEID_LARGE_MB ?? 300);
const SEND = sendMode(process.env.BENCH_DEID_SEND ?? 'read');
const KEY = DEID_BENCH_KEY.slice().buffer;

function sendMode(value: string): SendMode {
  if (value === 'read' || value === 'http' || value === 'httpApart') return value;
  throw new Error(`BENCH_DEID_SEND must be read, http or httpApart, not "${value}"`);
}

interface Pass {
  readonly ms: number;
  readonly peakRssBytes: number;
  /** The peak less the resident memory the pass started from (what a pass before it left resident is not its own). */
  readonly riseBytes: number;
}

// A full GC before each pass, so one pass's garbage is not counted in the next one's peak.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** This process's peak resident memory since the last reset (Linux 4.0+: `5` to clear_refs resets VmHWM). */
function resetPeakRss(): void {
  collect();
  writeFileSync('/proc/self/clear_refs', '5');
}
function statusKb(field: 'VmHWM' | 'VmRSS'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
  if (!match) throw new Error(`no ${field} in /proc/self/status (Linux only)`);
  return Number(match[1]) * 1024;
}

async function measured(work: () => Promise<void>): Promise<Pass> {
  resetPeakRss();
  const startRss = statusKb('VmRSS');
  const started = performance.now();
  await work();
  const peak = statusKb('VmHWM');
  return { ms: performance.now() - started, peakRssBytes: peak, riseBytes: peak - startRss };
}

/** One unmeasured pass of each side, then `ROUNDS` rounds of one pass each, in turn: each side's passes. */
async function inTurn<T>(sides: readonly (() => Promise<T>)[]): Promise<T[][]> {
  for (const side of sides) await side();
  const passes = sides.map((): T[] => []);
  for (let round = 0; round < ROUNDS; round += 1) for (const [i, side] of sides.entries()) passes[i]!.push(await side());
  return passes;
}

async function alternate<T>(ours: () => Promise<T>, baseline: () => Promise<T>): Promise<{ ours: T[]; baseline: T[] }> {
  const [a, b] = await inTurn([ours, baseline]);
  return { ours: a!, baseline: b! };
}

const throughput = (name: string, files: DeidBenchFiles, ms: number) =>
  `${name}: ${((files.paths.length * 1000) / ms).toFixed(1)} files/s, ${((files.bytes / 1e6) * 1000 / ms).toFixed(1)} MB/s (median pass ${ms.toFixed(0)} ms)`;

/** The files picked on the deid page and sent as the upload screen sends them, against reading them through. */
async function inTheBrowser(files: DeidBenchFiles, folder: string): Promise<void> {
  const { page, close } = await openDeidPage(join(folder, 'site'));
  try {
    await page.setInputFiles('#many', [...files.paths]);
    const pass = (kind: ManyFilesKind) => async () => {
      const result = await page.evaluate(([name, mode]) => window.__deidBench![name](mode), [kind, SEND] as const);
      if (result.sent !== files.paths.length) throw new Error(`${kind}: ${result.sent} of ${files.paths.length} files sent`);
      if ((kind === 'readThrough' || kind === 'readThroughBatched') && result.sentBytes !== files.bytes) throw new Error(`readThrough: ${result.sentBytes} of ${files.bytes} bytes sent`);
      return result;
    };
    if (PROFILE) {
      await profileWorkers(page, 'one staged de-identify pass');
      const stop = await startProfile(page, 'one staged de-identify pass');
      const { ms, checkMs } = await pass('staged')();
      await stop();
      console.log(`profiled staged pass ${ms.toFixed(0)} ms, of which the check pass ${checkMs.toFixed(0)} ms (files sent meanwhile)`);
      await traceTasks(page, files, pass('staged'), pass('deidentify'), pass('readThrough'));
      return;
    }
    const [staged, sequential, baseline, batched] = await inTurn<ManyFilesPass>([pass('staged'), pass('deidentify'), pass('readThrough'), pass('readThroughBatched')]);
    const median = (list: readonly ManyFilesPass[], of: (pass: ManyFilesPass) => number = (p) => p.ms) => spread(list.map(of)).median;
    const [a, s, b, r] = [median(staged!), median(sequential!), median(baseline!), median(batched!)];
    console.log(`${throughput('browser, staged (sent while checked)', files, a)}; check pass median ${median(staged!, (p) => p.checkMs).toFixed(0)} ms`);
    console.log(`${throughput('browser, check then send         ', files, s)}; check pass median ${median(sequential!, (p) => p.checkMs).toFixed(0)} ms; ratio ${(s / b).toFixed(3)} (info)`);
    console.log(throughput('browser, read through as sent     ', files, b));
    console.log(`${throughput('browser, read through in batches   ', files, r)}; staged against it ${(a / r).toFixed(3)} (info: the staged upload with no check)`);
    printBench('deid', 'ms-per-file', a / files.paths.length, b / files.paths.length);
    printBench('deid', 'ms-per-mb', a / (files.bytes / 1e6), b / (files.bytes / 1e6));
  } finally {
    await close();
  }
}

/** Threads whose tasks are counted: the browser's IO thread (every Blob made and read is a string of tasks there) and the worker's. */
const COUNTED = ['Chrome_IOThread: RunTask', 'DedicatedWorker thread: RunTask', 'CrRendererMain: RunTask'];

/**
 * Tasks per thread in one traced pass of each side: the staged pass whole (its files go while the
 * check runs), the sequential one split at the check's end (CHECK_DONE), the read-through: counts
 * that load does not move, unlike the times. No CPU profile runs meanwhile.
 */
async function traceTasks(page: Page, files: DeidBenchFiles, staged: () => Promise<ManyFilesPass>, sequential: () => Promise<ManyFilesPass>, readThrough: () => Promise<ManyFilesPass>): Promise<void> {
  const browser = page.context().browser()!;
  const traced = async (pass: () => Promise<ManyFilesPass>) => {
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    await pass();
    return (JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  };
  const whole = traceCounts(await traced(staged));
  const events = await traced(sequential);
  const mark = events.find((event) => event.name === 'TimeStamp' && (event.args as { data?: { message?: string } } | undefined)?.data?.message === CHECK_DONE);
  if (!mark) throw new Error(`no "${CHECK_DONE}" mark in the trace`);
  const check = traceCounts(events.filter((event) => event.ph !== 'X' || event.ts < mark.ts));
  const send = traceCounts(events.filter((event) => event.ph !== 'X' || event.ts >= mark.ts));
  const through = traceCounts(await traced(readThrough));
  const perFile = (count: number | undefined) => `${count ?? 0} (${((count ?? 0) / files.paths.length).toFixed(1)} a file)`;
  for (const key of COUNTED) {
    console.log(`tasks, ${key}: staged ${perFile(whole.get(key))}; check then send: check pass ${perFile(check.get(key))}, send phase ${perFile(send.get(key))}; read-through ${perFile(through.get(key))}`);
  }
}

/** The baseline: each file read as a Blob, parsed and written again by dcmjs, nothing changed. */
async function rewriteAll(paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    const file = readPart10(new Uint8Array(await (await openAsBlob(path)).arrayBuffer()));
    if (new Uint8Array(file.write()).byteLength === 0) throw new Error(`${path} was written empty`);
  }
}

/** The worker's job over the files, as the upload screen sends it; every file must come out de-identified. */
async function deidentifyAll(paths: readonly string[]): Promise<void> {
  const outcomes = new Map<string, number>();
  let failure: string | null = null;
  const host = createDeidHost((response: DeidResponse) => {
    for (const { result } of response.type === 'progress' ? response.checked : []) outcomes.set(result.kind, (outcomes.get(result.kind) ?? 0) + 1);
    if (response.type === 'error') failure = response.sentence;
  });
  const files: PickedFile[] = [];
  for (const [index, path] of paths.entries()) {
    const file = await openAsBlob(path);
    files.push({ index, file, size: file.size });
  }
  host.handle({ type: 'deidentify', jobId: 'bench', options: DEID_BENCH_OPTIONS, key: KEY, files, keepBytes: KEPT_FILES_BYTES });
  await host.idle();
  if (failure) throw new Error(failure);
  if (outcomes.get('deidentified') !== paths.length) throw new Error(`not every file was de-identified: ${JSON.stringify(Object.fromEntries(outcomes))}`);
}

/** The worker's logic in Node against a dcmjs parse and rewrite. */
async function inNode(files: DeidBenchFiles): Promise<void> {
  const passes = await alternate(() => measured(() => deidentifyAll(files.paths)), () => measured(() => rewriteAll(files.paths)));
  const summary = (name: string, list: readonly Pass[]) => {
    const ms = spread(list.map((pass) => pass.ms)).median;
    const peak = Math.max(...list.map((pass) => pass.peakRssBytes)) / 1e6;
    console.log(`${throughput(name, files, ms)}, peak RSS ${peak.toFixed(0)} MB`);
    return { ms, peak };
  };
  const a = summary('node, de-identify (worker host)', passes.ours);
  const b = summary('node, parse + rewrite (dcmjs)  ', passes.baseline);
  printBench('deid', 'node-ms-per-file', a.ms / files.paths.length, b.ms / files.paths.length);
  printBench('deid', 'node-ms-per-mb', a.ms / (files.bytes / 1e6), b.ms / (files.bytes / 1e6));
  printBench('deid', 'node-peak-rss-mb', a.peak, b.peak);
}

/** The large file through the worker's own function; it must take the streamed path (only its header in memory). */
async function deidentifyStreamed(path: string, key: DeidKey): Promise<void> {
  const { body, inMemory } = (await deidentifyFile(await openAsBlob(path), DEID_BENCH_OPTIONS, key, DEID_LIMITS)).written();
  if (inMemory > 2 ** 20) throw new Error(`the large file was not streamed: ${inMemory} bytes of it in memory`);
  if (body.size < inMemory) throw new Error('the streamed result lost its pixels');
}

/** The baseline: the same file read whole, parsed, de-identified and written (the path of a file that cannot be cut). */
async function deidentifyWhole(path: string, key: DeidKey): Promise<void> {
  const file = readPart10(await wholeFile(await openAsBlob(path), { ...DEID_LIMITS, wholeFileBytes: Number.POSITIVE_INFINITY }));
  await deidentifyPart10(file, DEID_BENCH_OPTIONS, key);
  if (new Uint8Array(file.write()).byteLength === 0) throw new Error(`${path} was written empty`);
}

async function largeFile(folder: string): Promise<void> {
  const path = join(folder, 'large-multiframe.dcm');
  const { bytes, frames } = await writeLargeMultiFrame(path, LARGE_MB);
  const key = importDeidKey(DEID_BENCH_KEY);
  console.log(`large file: ${frames} frames of 512 × 512 × 16 bit, ${(bytes / 1e6).toFixed(1)} MB`);
  const passes = await alternate(() => measured(() => deidentifyStreamed(path, key)), () => measured(() => deidentifyWhole(path, key)));
  const summary = (list: readonly Pass[]) => ({ ms: spread(list.map((pass) => pass.ms)).median, rise: Math.max(...list.map((pass) => pass.riseBytes)) / 1e6 });
  const a = summary(passes.ours);
  const b = summary(passes.baseline);
  console.log(`large, streamed:   median ${a.ms.toFixed(0)} ms, RSS rise ${a.rise.toFixed(0)} MB`);
  console.log(`large, whole file: median ${b.ms.toFixed(0)} ms, RSS rise ${b.rise.toFixed(0)} MB`);
  printBench('deid', 'large-ms', a.ms, b.ms);
  printBench('deid', 'large-rss-rise-mb', a.rise, b.rise);
}

async function main(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'mejirushi-bench-deid-'));
  try {
    const files = await deidBenchFiles(folder, FILES);
    console.log(`${files.paths.length} files, ${(files.bytes / 1e6).toFixed(1)} MB; options ${JSON.stringify(DEID_BENCH_OPTIONS)}; ${ROUNDS} rounds`);
    await inTheBrowser(files, folder);
    await inNode(files);
    if (LARGE_MB > 0) await largeFile(folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

await main();
