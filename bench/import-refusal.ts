/**
 * Import refusal benchmark (not part of `npm test`): `npm run bench -- import-refusal`
 *
 * A real server process over HTTP. Uploads, one at a time, the deflate bomb (1 MB that inflates
 * to 1 GiB) and the files claiming 2,000,000 frames (native and JPEG) from
 * e2e/fixtures/odd-dicom/import, each refused; the time from request to refusal against the time
 * to import one ordinary 512 × 512 CT slice (demo phantom) in the same run. Then the p99 latency
 * of `GET /api/auth/me` while two clients keep uploading those files, against its p99 idle.
 *
 * Prints `BENCH import-refusal <measure> value=<v> baseline=<b> ratio=<v/b>` (ms, lower is better).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DatasetSummary, ImportReport } from '../src/core/api';
import { generateHeadCtPhantom } from '../server/demo/phantom';
import { oddDicom, type OddDicomFile } from '../server/testing/oddDicom';
import { printBench } from './support/benchLine';
import { startBenchServer, type BenchServer } from './support/server';
import { formatSpread, spread } from './support/stats';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const ME_REQUESTS = Number(process.env.BENCH_ME_REQUESTS ?? 400);
const REFUSED: readonly { file: OddDicomFile; measure: string }[] = [
  { file: 'deflate_bomb_1gib.dcm', measure: 'deflate-bomb-refused-ms' },
  { file: 'frames_2000000_native.dcm', measure: 'frames-2000000-native-refused-ms' },
  { file: 'frames_2000000_jpeg.dcm', measure: 'frames-2000000-jpeg-refused-ms' },
];

async function upload(server: BenchServer, datasetId: string, name: string, bytes: Uint8Array): Promise<{ ms: number; status: string }> {
  const started = performance.now();
  const response = await fetch(`${server.url}/api/datasets/${datasetId}/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.login.token}`, 'content-type': 'application/dicom', 'x-file-name': name },
    body: Buffer.from(bytes),
  });
  if (!response.ok) throw new Error(`upload of ${name} answered ${response.status}`);
  const outcome = ((await response.json()) as ImportReport).outcomes[0];
  return { ms: performance.now() - started, status: outcome?.status ?? 'none' };
}

async function meLatencies(server: BenchServer, count: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${server.login.token}` } });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`GET /api/auth/me answered ${response.status}`);
    samples.push(performance.now() - started);
  }
  return samples;
}

function p99(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] as number;
}

async function main(): Promise<void> {
  const staticDir = mkdtempSync(join(tmpdir(), 'mejirushi-bench-nostatic-'));
  const server = await startBenchServer(staticDir);
  try {
    const dataset = await server.api<DatasetSummary>('POST', '/api/datasets', { name: 'import refusal', labelSetId: 'sah-slice', labelSetVersion: 1 });
    // Warm-up: the server's import workers start, and each code path runs once.
    const slices = generateHeadCtPhantom({ sliceCount: ROUNDS + 1, seed: 11 }).files;
    await upload(server, dataset.id, 'warm-up.dcm', slices[0]!.bytes);
    for (const { file } of REFUSED) await upload(server, dataset.id, file, oddDicom(file));

    const ordinary: number[] = [];
    for (const slice of slices.slice(1)) {
      const { ms, status } = await upload(server, dataset.id, slice.name, slice.bytes);
      if (status !== 'imported') throw new Error(`${slice.name} was ${status}`);
      ordinary.push(ms);
    }
    const baseline = spread(ordinary);
    console.log(`ordinary CT slice imported: ${formatSpread(baseline)}`);
    for (const { file, measure } of REFUSED) {
      const bytes = oddDicom(file);
      const times: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const { ms, status } = await upload(server, dataset.id, file, bytes);
        if (status !== 'refused') throw new Error(`${file} was ${status}`);
        times.push(ms);
      }
      const refused = spread(times);
      console.log(`${file} refused: ${formatSpread(refused)}`);
      printBench('import-refusal', measure, refused.median, baseline.median);
    }

    const idle = await meLatencies(server, ME_REQUESTS);
    let uploading = true;
    const uploader = async () => {
      let uploads = 0;
      for (let i = 0; uploading; i++) {
        const { file } = REFUSED[i % REFUSED.length]!;
        await upload(server, dataset.id, file, oddDicom(file));
        uploads += 1;
      }
      return uploads;
    };
    const uploaders = [uploader(), uploader()];
    const during = await meLatencies(server, ME_REQUESTS);
    uploading = false;
    const uploads = (await Promise.all(uploaders)).reduce((a, b) => a + b, 0);
    console.log(`GET /api/auth/me p99: idle ${p99(idle).toFixed(1)} ms; during ${uploads} refused uploads ${p99(during).toFixed(1)} ms (n=${ME_REQUESTS} each)`);
    printBench('import-refusal', 'auth-me-p99-during-refusals-ms', p99(during), p99(idle));
  } finally {
    await server.stop();
    rmSync(staticDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
