/**
 * `npm run bench`: every benchmark in sequence (each its own process), then one summary table;
 * `npm run bench -- <name> [<name>…]` runs only those (e.g. `blob-upload`). The browser
 * benchmarks share one build of the app and the benchmark pages. Exits non-zero when any
 * benchmark failed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../server/testing/processes';
import { buildSite, SITE_ENV } from './support/site';
import { SUMMARY_ENV, type SummaryRow } from './support/summary';

const TSX = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
interface Benchmark {
  readonly name: string;
  /** Needs the built app and benchmark pages. */
  readonly site: boolean;
  /** Writes its own summary rows (else they are read from its BENCH lines). */
  readonly summary: boolean;
}

const BENCHMARKS: readonly Benchmark[] = [
  { name: 'first-image', site: true, summary: true },
  { name: 'label-advance', site: true, summary: true },
  { name: 'sync-ingest', site: false, summary: false },
  { name: 'blob-upload', site: false, summary: true },
  { name: 'records-scale', site: false, summary: false },
  { name: 'import-refusal', site: false, summary: false },
  { name: 'event-loop', site: false, summary: false },
  { name: 'live-update', site: false, summary: false },
  { name: 'wsi-overlay', site: false, summary: false },
  { name: 'tool-hits', site: false, summary: false },
  { name: 'wsi-tiles', site: true, summary: false },
  { name: 'geojson-import', site: false, summary: false },
  { name: 'slide-upload', site: false, summary: false },
  { name: 'region-grower', site: false, summary: false },
  { name: 'ct-mask', site: false, summary: false },
  { name: 'segmentation', site: true, summary: false },
  { name: 'inference', site: false, summary: false },
  { name: 'slide-proposals', site: false, summary: false },
  { name: 'review', site: true, summary: true },
  { name: 'frame-tagging', site: true, summary: false },
  { name: 'frame-grid', site: true, summary: false },
  { name: 'frames-import', site: false, summary: false },
  { name: 'deid', site: false, summary: false },
  { name: 'deid-browser', site: false, summary: false },
];

const scriptOf = (benchmark: Benchmark): string => `bench/${benchmark.name}.ts`;

/** The benchmarks named on the command line, all of them when none is; null when a name is unknown. */
function selected(names: readonly string[]): readonly Benchmark[] | null {
  const unknown = names.filter((name) => !BENCHMARKS.some((b) => b.name === name));
  if (unknown.length > 0) {
    console.error(`unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
    return null;
  }
  return names.length === 0 ? BENCHMARKS : BENCHMARKS.filter((b) => names.includes(b.name));
}

/** Runs one benchmark, echoing its output; resolves with its exit code and stdout. */
function runBenchmark(script: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [script], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      process.stdout.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

/**
 * Rows for the summary from the `BENCH <name> <measure> value= baseline= ratio=` lines of a
 * benchmark that does not write summary rows of its own.
 */
function benchLineRows(stdout: string): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const match of stdout.matchAll(/^BENCH (\S+) (\S+) value=(\S+) baseline=(\S+) ratio=(\S+)$/gm)) {
    const [, benchmark = '', measure = '', value = '', baseline = '', ratio = ''] = match;
    rows.push({ benchmark, measure, value, baseline, ratio: `${ratio}×` });
  }
  return rows;
}

function table(rows: readonly SummaryRow[]): string {
  const header: SummaryRow = { benchmark: 'benchmark', measure: 'measure', value: 'value', baseline: 'baseline', ratio: 'ratio' };
  const columns = Object.keys(header) as (keyof SummaryRow)[];
  const widths = columns.map((column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
  const line = (row: SummaryRow) => columns.map((column, i) => row[column].padEnd(widths[i] as number)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const benchmarks = selected(process.argv.slice(2));
  if (!benchmarks) {
    process.exitCode = 2;
    return;
  }
  const work = mkdtempSync(join(tmpdir(), 'mejirushi-bench-all-'));
  try {
    const summaryFile = join(work, 'summary.jsonl');
    const started = new Date();
    const loadBefore = loadavg()[0] as number;
    const env: Record<string, string> = { [SUMMARY_ENV]: summaryFile };
    if (benchmarks.some((b) => b.site)) {
      console.log('building the app and the benchmark pages…');
      env[SITE_ENV] = await buildSite(work);
    }
    const failed: string[] = [];
    const rows: SummaryRow[] = [];
    for (const benchmark of benchmarks) {
      const script = scriptOf(benchmark);
      console.log(`\n== ${script}`);
      const { code, stdout } = await runBenchmark(script, env);
      if (code !== 0) failed.push(script);
      if (!benchmark.summary) rows.push(...benchLineRows(stdout));
    }
    let written = '';
    try {
      written = readFileSync(summaryFile, 'utf8');
    } catch {
      // No benchmark that reports its own rows finished.
    }
    const reportedRows = written.split('\n').filter(Boolean).map((line) => JSON.parse(line) as SummaryRow);
    console.log(
      `\n== summary (${started.toISOString()}, ${availableParallelism()} cores, ` +
        `load average ${loadBefore.toFixed(2)} before, ${(loadavg()[0] as number).toFixed(2)} after)`,
    );
    console.log(table([...reportedRows, ...rows]));
    if (failed.length > 0) {
      console.log(`\nfailed: ${failed.join(', ')}`);
      process.exitCode = 1;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
