/**
 * A large file through the browser's de-identification worker (not part of `npm test`):
 * `npm run bench -- deid-browser`
 *
 * A multi-frame DICOM of BENCH_DEID_BROWSER_MB (default 300) is generated on disk
 * (support/largeDicom.ts), picked in Debian Chromium (headless, the e2e launch options) on a page
 * (deid-browser/) that drives the upload screen's client and the real worker of workers/deid as
 * an upload into a `required` dataset does: the check pass, the file prepared, its body read
 * through once as the upload sends it. Built with the app's worker settings, served by vite preview.
 *
 * Memory: the resident memory of Chromium's processes (browser, renderer with its worker, GPU…),
 * sampled every 50 ms from /proc; the figure is its peak over the run less its level before the
 * file was picked. Chromium 156 headless gives no worker heap through `Performance.getMetrics`
 * (page only) and `measureUserAgentSpecificMemory` waits for a GC (up to 20 s): RSS is what the
 * machine pays either way.
 *
 * BENCH lines, ratio = value / baseline (lower is better):
 *   `browser-peak-mb`: the peak's rise against the file's size in MB (1 = the file held once);
 *   `browser-ms`: the check, prepare and read-through against the same page reading the picked
 *   file through once (a disk read of it, what any upload costs).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printBench } from './support/benchLine';
import { openDeidPage } from './support/deidPage';
import { writeLargeMultiFrame } from './support/largeDicom';
import { processTreeRssBytes } from './support/rss';

const MEGABYTES = Number(process.env.BENCH_DEID_BROWSER_MB ?? 300);
const SAMPLE_MS = 50;

interface PageResult {
  readonly baselineMs: number;
  readonly baselineBytes: number;
  readonly checkMs: number;
  readonly deidMs: number;
  readonly sentBytes: number;
  readonly inMemory: number;
  readonly check: string | null;
}

/** Chromium's processes' resident memory: this process's tree less this process itself. */
const chromiumRss = (): number => processTreeRssBytes(process.pid) - process.memoryUsage().rss;

async function main(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'mejirushi-bench-deid-browser-'));
  try {
    const path = join(folder, 'large-multiframe.dcm');
    const { bytes, frames } = await writeLargeMultiFrame(path, MEGABYTES);
    console.log(`file: ${frames} frames of 512 × 512 × 16 bit, ${(bytes / 1e6).toFixed(1)} MB`);
    const { page, close } = await openDeidPage(join(folder, 'site'));
    try {
      const before = chromiumRss();
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, chromiumRss())), SAMPLE_MS);
      await page.setInputFiles('#picked', path);
      const outcome = await page.waitForFunction(() => document.documentElement.dataset.result ?? (document.documentElement.dataset.error ? `error:${document.documentElement.dataset.error}` : false), null, { timeout: 600_000 });
      clearInterval(sampler);
      peak = Math.max(peak, chromiumRss());
      const text = (await outcome.jsonValue()) as string;
      if (text.startsWith('error:')) throw new Error(`the page failed: ${text.slice(6)}`);
      const result = JSON.parse(text) as PageResult;
      if (result.check !== 'deidentified') throw new Error(`the file was not de-identified: ${result.check}`);
      if (result.baselineBytes !== bytes) throw new Error(`the page read ${result.baselineBytes} of ${bytes} bytes`);
      const riseMb = (peak - before) / 1e6;
      console.log(`Chromium RSS before ${(before / 1e6).toFixed(0)} MB, peak ${(peak / 1e6).toFixed(0)} MB (rise ${riseMb.toFixed(0)} MB); ${(result.inMemory / 1e3).toFixed(1)} kB of the result in memory, ${(result.sentBytes / 1e6).toFixed(1)} MB sent`);
      console.log(`check ${result.checkMs.toFixed(0)} ms, check + prepare + read-through ${result.deidMs.toFixed(0)} ms; file read through once ${result.baselineMs.toFixed(0)} ms`);
      printBench('deid-browser', 'browser-peak-mb', riseMb, bytes / 1e6);
      printBench('deid-browser', 'browser-ms', result.deidMs, result.baselineMs);
    } finally {
      await close();
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

await main();
