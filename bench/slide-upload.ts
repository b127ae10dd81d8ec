/**
 * Slide upload benchmark (not part of `npm test`): `npm run bench -- slide-upload`
 *
 * A real server process over HTTP. The Aperio sample is uploaded into a new dataset each round:
 * the time until the upload is answered (202, its import job) against the time until the job
 * has built the pyramid and ended (what the request used to hold before it answered). The job's
 * end is read by asking after it every POLL_MS, so that time is up to POLL_MS late.
 *
 * Prints `BENCH slide-upload answer-ms value=<v> baseline=<b> ratio=<v/b>` (ms, lower is better).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DatasetSummary, ImportJob } from '../src/core/api';
import { isFinished } from '../src/core/importJob';
import { hasPathologySampleData, pathologySample, sampleDataDir } from '../server/testing/sampleData';
import { printBench } from './support/benchLine';
import { startBenchServer, type BenchServer } from './support/server';
import { formatSpread, spread } from './support/stats';

const SVS = 'CMU-1-Small-Region.svs';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const POLL_MS = 20;

async function uploadRound(server: BenchServer, round: number, bytes: Buffer): Promise<{ answerMs: number; doneMs: number }> {
  const dataset = await server.api<DatasetSummary>('POST', '/api/datasets', { name: `slide upload ${round}`, labelSetId: 'gastric-biopsy', labelSetVersion: 1 });
  const started = performance.now();
  const response = await fetch(`${server.url}/api/datasets/${dataset.id}/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.login.token}`, 'content-type': 'image/tiff', 'x-file-name': SVS },
    body: new Uint8Array(bytes),
  });
  if (response.status !== 202) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
  let job = (await response.json()) as ImportJob;
  const answerMs = performance.now() - started;
  while (!isFinished(job)) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    job = await server.api<ImportJob>('GET', `/api/import-jobs/${job.id}`);
  }
  if (job.state !== 'done' || job.report.outcomes[0]?.status !== 'imported') throw new Error(`the slide was not imported: ${JSON.stringify(job)}`);
  return { answerMs, doneMs: performance.now() - started };
}

async function main(): Promise<void> {
  if (!hasPathologySampleData()) {
    console.error(`slide-upload: sample data not found at ${sampleDataDir()} (set MEJIRUSHI_SAMPLE_DATA)`);
    process.exitCode = 1;
    return;
  }
  const bytes = readFileSync(pathologySample(SVS));
  const staticDir = mkdtempSync(join(tmpdir(), 'mejirushi-bench-nostatic-'));
  const server = await startBenchServer(staticDir);
  try {
    // Warm-up: the first vips run and the first job of the process.
    await uploadRound(server, 0, bytes);
    const answers: number[] = [];
    const dones: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const { answerMs, doneMs } = await uploadRound(server, round, bytes);
      answers.push(answerMs);
      dones.push(doneMs);
    }
    const answer = spread(answers);
    const done = spread(dones);
    console.log(`${SVS} (${(bytes.length / 1e6).toFixed(1)} MB) upload answered: ${formatSpread(answer)}; job done: ${formatSpread(done)}`);
    printBench('slide-upload', 'answer-ms', answer.median, done.median);
  } finally {
    await server.stop();
    rmSync(staticDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
