/**
 * Stills import benchmark (not part of `npm test`): `npx tsx bench/frames-import.ts`
 *
 * BENCH_STILLS JPEG stills (default 20,000; 320 × 240, ffmpeg `testsrc` written as an image
 * sequence, so every still differs) in one folder, imported by the import CLI (`server/cli/import.ts`,
 * a child process, fresh data folder) into one frame set: originals into the blob store, each
 * still decoded for its thumbnail, sprite sheets, the frame set's rows. Prints frames/s and the
 * importer's peak resident memory (its process tree's RSS, read from /proc every 20 ms).
 *
 * Baselines, same run, same disk:
 * - time: the same files put into a fresh blob store one after another (read, SHA-256, fsync,
 *   rename: what keeping the originals costs at least), in the same kind of child process
 *   (`support/putAll.ts`);
 * - memory: the same CLI importing a folder of one still of the set (Node, tsx, libvips,
 *   SQLite loaded: the importer's floor), so the ratio is what 20,000 stills add to it.
 */
import { execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../server/testing/processes';
import { printBench } from './support/benchLine';
import { processTreeRssBytes } from './support/rss';

const run = promisify(execFile);
const STILLS = Number(process.env.BENCH_STILLS ?? 20_000);
const SAMPLE_MS = 20;

interface ChildRun {
  readonly seconds: number;
  /** Largest RSS of the process tree seen while it ran. */
  readonly peakTreeRss: number;
  readonly stdout: string;
}

/** Runs `node --import tsx <args>` from the repository root, sampling its process tree's RSS. */
function runNode(args: readonly string[]): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('node', ['--import', 'tsx', ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    let peakTreeRss = 0;
    const sampler = setInterval(() => (peakTreeRss = Math.max(peakTreeRss, processTreeRssBytes(child.pid as number))), SAMPLE_MS);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sampler);
      if (code !== 0) return reject(new Error(`node ${args.join(' ')} exited with ${code}:\n${stdout.slice(-2000)}`));
      resolve({ seconds: (performance.now() - started) / 1000, peakTreeRss, stdout });
    });
  });
}

/** Imports `folder` with the CLI into a fresh data folder; checks every still was imported. */
async function importFolder(folder: string, count: number): Promise<ChildRun> {
  const data = mkdtempSync(join(tmpdir(), 'mejirushi-bench-import-data-'));
  try {
    const result = await runNode(['server/cli/import.ts', folder, '--dataset', 'stills bench', '--data', data, '--label-set', 'uc-endoscopy@2']);
    const summary = /(\d+) file\(s\): (\d+) imported, (\d+) duplicate\(s\), (\d+) refused/.exec(result.stdout);
    if (!summary || Number(summary[2]) !== count) throw new Error(`expected ${count} stills imported, the CLI said: ${summary?.[0] ?? result.stdout.slice(-500)}`);
    if (!/and 1 frame set\(s\)/.test(result.stdout)) throw new Error('the stills did not make one frame set');
    return result;
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}

async function copyIntoBlobStore(folder: string): Promise<ChildRun> {
  const data = mkdtempSync(join(tmpdir(), 'mejirushi-bench-copy-'));
  try {
    return await runNode(['bench/support/putAll.ts', folder, data]);
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}

const mb = (bytes: number) => bytes / 1024 / 1024;

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'mejirushi-bench-stills-'));
  try {
    const stills = join(work, 'stills');
    const one = join(work, 'one');
    mkdirSync(stills);
    mkdirSync(one);
    const started = Date.now();
    await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', `testsrc=size=320x240:rate=25,hue=h=n*47`, '-frames:v', String(STILLS), '-q:v', '5', join(stills, 'still-%06d.jpg')]);
    const files = readdirSync(stills);
    if (files.length !== STILLS) throw new Error(`ffmpeg wrote ${files.length} stills, not ${STILLS}`);
    const bytes = files.reduce((total, name) => total + statSync(join(stills, name)).size, 0);
    copyFileSync(join(stills, files[0] as string), join(one, files[0] as string));
    console.log(`wrote ${STILLS} stills (${mb(bytes).toFixed(1)} MB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const floor = await importFolder(one, 1);
    const copy = await copyIntoBlobStore(stills);
    const full = await importFolder(stills, STILLS);
    console.log(`import: ${STILLS} stills in ${full.seconds.toFixed(1)} s, ${(STILLS / full.seconds).toFixed(0)} frames/s; peak RSS ${mb(full.peakTreeRss).toFixed(0)} MB`);
    console.log(`blob-store copy of the same files: ${copy.seconds.toFixed(1)} s, ${(STILLS / copy.seconds).toFixed(0)} files/s`);
    console.log(`the CLI importing one still: ${floor.seconds.toFixed(1)} s, peak RSS ${mb(floor.peakTreeRss).toFixed(0)} MB`);
    printBench('frames-import', 'ms-per-still', (full.seconds * 1000) / STILLS, (copy.seconds * 1000) / STILLS);
    printBench('frames-import', 'peak-rss-mb', mb(full.peakTreeRss), mb(floor.peakTreeRss));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
