/**
 * De-identification throughput (not part of `npm test`): `npm run bench -- deid`
 *
 * In Node, the de-identification worker's own logic (workers/deid/host.ts: the code the admin's
 * browser runs in its worker, over src/core/deid, the library the CLI importer uses too) over
 * BENCH_DEID_FILES DICOM files (default 200): the shared sample series (radiology/ct-head-series-ge,
 * from the sample-data setting) and, to reach the count, generated ones written to a temp folder,
 * alternately a 512 × 512 head-CT phantom slice and a small slice laden with every kind of
 * identifying attribute (names, IDs, dates, a private tag, nested sequences). Each file is read
 * from disk as the worker reads a picked file (a Blob), one at a time.
 *
 * Baseline, same run, same files, same reading: each file parsed and written again by the same
 * library (dcmjs, `readPart10` + `write`) with nothing changed; the ratio is what
 * de-identification itself costs over a parse and a rewrite. Passes alternate for BENCH_ROUNDS
 * rounds (default 3), after one unmeasured pass of each; medians.
 *
 * Prints files/s and MB/s of each, then `BENCH deid <measure> value=<v> baseline=<b> ratio=<v/b>`
 * (lower is better): `ms-per-file`, `ms-per-mb`, and `peak-rss-mb` (this process's peak resident
 * memory during a pass, from /proc/self/status VmHWM, reset before each pass after a full GC).
 *
 * Then one large file, where the streamed path (workers/deid/streamedDeid.ts: the header read and
 * de-identified, the Pixel Data passed on as a slice of the picked file) matters: a multi-frame
 * file of BENCH_DEID_LARGE_MB (default 300) generated on disk (support/largeDicom.ts), through
 * `deidentifyFile` as the worker calls it. Baseline, same run, same file: the whole-file path (the
 * file read whole, parsed, de-identified and written by the same library), what a file that cannot
 * be cut before its pixels costs. `large-ms` (median) and `large-rss-rise-mb` (the largest rise of
 * VmHWM over the pass's starting VmRSS: memory a previous pass left resident is not counted) over
 * BENCH_ROUNDS alternating passes after one unmeasured pass of each.
 */
import { openAsBlob, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { deidentifyPart10, readPart10 } from '../src/core/deid/deidentify';
import { importDeidKey } from '../src/core/deid/keyedHash';
import type { DeidOptions } from '../src/core/deid/policy';
import { phiCtSlice } from '../src/core/deid/testing/phiDicom';
import { generateHeadCtPhantom } from '../server/demo/phantom';
import { hasSampleData, sampleDataDir } from '../server/testing/sampleData';
import { createDeidHost } from '../workers/deid/host';
import { DEID_LIMITS, deidentifyFile, wholeFile } from '../workers/deid/streamedDeid';
import type { DeidResponse, PickedFile } from '../workers/deid/messages';
import { printBench } from './support/benchLine';
import { writeLargeMultiFrame } from './support/largeDicom';
import { spread } from './support/stats';

const FILES = Number(process.env.BENCH_DEID_FILES ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const LARGE_MB = Number(process.env.BENCH_DEID_LARGE_MB ?? 300);
const SERIES = join('radiology', 'ct-head-series-ge');
/** A dataset's usual choice: dates shifted by the keyed per-patient offset, descriptors cleaned. */
const OPTIONS: DeidOptions = { temporal: 'modifiedDates', retainPatientCharacteristics: false, retainDeviceIdentity: false, cleanDescriptors: true, cleanStructuredContent: false, retainSafePrivate: false };
const KEY = new Uint8Array(32).fill(7).buffer;

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

/** The sample series, then generated files written beside it in `folder` until there are `count`. */
async function benchFiles(folder: string, count: number): Promise<string[]> {
  if (!hasSampleData()) throw new Error(`no sample data in ${sampleDataDir()} (set MEJIRUSHI_SAMPLE_DATA)`);
  const series = join(sampleDataDir(), SERIES);
  const samples = (await readdir(series)).filter((name) => name.endsWith('.dcm')).sort().map((name) => join(series, name)).slice(0, count);
  const generated = count - samples.length;
  const phantoms = Math.ceil(generated / 2);
  const slices = phantoms >= 6 ? generateHeadCtPhantom({ sliceCount: Math.min(phantoms, 400), seed: 11 }).files : [];
  const paths = [...samples];
  for (let i = 0; i < generated; i += 1) {
    const phantom = i % 2 === 0 ? slices[(i / 2) % Math.max(1, slices.length)] : undefined;
    const path = join(folder, `${String(i).padStart(5, '0')}.dcm`);
    await writeFile(path, phantom ? phantom.bytes : phiCtSlice(i));
    paths.push(path);
  }
  return paths;
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
    if (response.type === 'progress') outcomes.set(response.result.kind, (outcomes.get(response.result.kind) ?? 0) + 1);
    if (response.type === 'error') failure = response.sentence;
  });
  const files: PickedFile[] = [];
  for (const [index, path] of paths.entries()) files.push({ index, name: path, file: await openAsBlob(path) });
  host.handle({ type: 'deidentify', jobId: 'bench', options: OPTIONS, key: KEY, files });
  await host.idle();
  if (failure) throw new Error(failure);
  if (outcomes.get('deidentified') !== paths.length) throw new Error(`not every file was de-identified: ${JSON.stringify(Object.fromEntries(outcomes))}`);
}

/** The large file through the worker's own function; it must take the streamed path (only its header in memory). */
async function deidentifyStreamed(path: string, key: CryptoKey): Promise<void> {
  const result = await deidentifyFile(await openAsBlob(path), OPTIONS, key, DEID_LIMITS);
  if (result.inMemory > 2 ** 20) throw new Error(`the large file was not streamed: ${result.inMemory} bytes of it in memory`);
  if (result.body.size < result.inMemory) throw new Error('the streamed result lost its pixels');
}

/** The baseline: the same file read whole, parsed, de-identified and written (the path of a file that cannot be cut). */
async function deidentifyWhole(path: string, key: CryptoKey): Promise<void> {
  const file = readPart10(await wholeFile(await openAsBlob(path), { ...DEID_LIMITS, wholeFileBytes: Number.POSITIVE_INFINITY }));
  await deidentifyPart10(file, OPTIONS, key);
  if (new Uint8Array(file.write()).byteLength === 0) throw new Error(`${path} was written empty`);
}

async function largeFile(folder: string): Promise<void> {
  const path = join(folder, 'large-multiframe.dcm');
  const { bytes, frames } = await writeLargeMultiFrame(path, LARGE_MB);
  const key = await importDeidKey(new Uint8Array(KEY));
  console.log(`large file: ${frames} frames of 512 × 512 × 16 bit, ${(bytes / 1e6).toFixed(1)} MB`);
  await deidentifyStreamed(path, key);
  await deidentifyWhole(path, key);
  const streamed: Pass[] = [];
  const whole: Pass[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    streamed.push(await measured(() => deidentifyStreamed(path, key)));
    whole.push(await measured(() => deidentifyWhole(path, key)));
  }
  const summary = (passes: readonly Pass[]) => ({ ms: spread(passes.map((pass) => pass.ms)).median, rise: Math.max(...passes.map((pass) => pass.riseBytes)) / 1e6 });
  const a = summary(streamed);
  const b = summary(whole);
  console.log(`large, streamed:   median ${a.ms.toFixed(0)} ms, RSS rise ${a.rise.toFixed(0)} MB`);
  console.log(`large, whole file: median ${b.ms.toFixed(0)} ms, RSS rise ${b.rise.toFixed(0)} MB`);
  printBench('deid', 'large-ms', a.ms, b.ms);
  printBench('deid', 'large-rss-rise-mb', a.rise, b.rise);
}

async function main(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'mejirushi-bench-deid-'));
  try {
    const paths = await benchFiles(folder, FILES);
    const bytes = (await Promise.all(paths.map(async (path) => (await stat(path)).size))).reduce((a, b) => a + b, 0);
    const megabytes = bytes / 1_000_000;
    console.log(`${paths.length} files, ${megabytes.toFixed(1)} MB; options ${JSON.stringify(OPTIONS)}; ${ROUNDS} rounds`);
    await rewriteAll(paths);
    await deidentifyAll(paths);
    const plain: Pass[] = [];
    const deid: Pass[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      plain.push(await measured(() => rewriteAll(paths)));
      deid.push(await measured(() => deidentifyAll(paths)));
    }
    const report = (name: string, passes: readonly Pass[]) => {
      const ms = spread(passes.map((pass) => pass.ms)).median;
      const peak = Math.max(...passes.map((pass) => pass.peakRssBytes)) / 1_000_000;
      console.log(`${name}: ${((paths.length * 1000) / ms).toFixed(1)} files/s, ${((megabytes * 1000) / ms).toFixed(1)} MB/s (median pass ${ms.toFixed(0)} ms), peak RSS ${peak.toFixed(0)} MB`);
      return { ms, peak };
    };
    const a = report('de-identify (worker host)', deid);
    const b = report('parse + rewrite (dcmjs)  ', plain);
    printBench('deid', 'ms-per-file', a.ms / paths.length, b.ms / paths.length);
    printBench('deid', 'ms-per-mb', a.ms / megabytes, b.ms / megabytes);
    printBench('deid', 'peak-rss-mb', a.peak, b.peak);
    if (LARGE_MB > 0) await largeFile(folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

await main();
