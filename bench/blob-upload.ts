/**
 * Blob upload benchmark (not part of `npm test`): `npm run bench -- blob-upload`
 *
 * A file of BENCH_BLOB_MB MiB (default 2048) of random bytes is generated on disk (streamed), then
 * uploaded over real HTTP (127.0.0.1, streamed from disk with a Content-Length) to
 * `POST /api/blobs` of a real server process (`server/main.ts`, fresh data folder in the same
 * temp folder, so the same disk). While it uploads, the resident memory of the server's process
 * tree is sampled every 20 ms.
 *
 * Budgets: RSS growth (peak during the upload − before it) ≤ 100 MB; upload throughput ≥ 0.5× a
 * copy of the same file on the same disk, i.e. upload time ≤ 2× copy time. The baseline copy is a
 * stream copy (read + write through userspace) ending with fsync, as the store's put does;
 * `fs.copyFile` is printed beside it for reference. Exits 1 when a budget is missed.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { copyFile, open } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { StoredBlob } from '../server/blobs/blobStore';
import { printBench } from './support/benchLine';
import { processTreeRssBytes } from './support/rss';
import { startBenchServer, type BenchServer } from './support/server';
import { reportSummary } from './support/summary';

const MIB = 1024 * 1024;
const SIZE_MB = Number(process.env.BENCH_BLOB_MB ?? 2048);
const RSS_BUDGET_MB = 100;
const THROUGHPUT_FLOOR = 0.5;

/** Writes `mib` MiB of random bytes, one MiB at a time; returns the content's SHA-256. */
async function generate(path: string, mib: number): Promise<string> {
  const hash = createHash('sha256');
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let i = 0; i < mib; i += 1) {
      const chunk = randomBytes(MIB);
      hash.update(chunk);
      yield chunk;
    }
  }
  await pipeline(Readable.from(chunks()), createWriteStream(path));
  return hash.digest('hex');
}

async function fsync(path: string): Promise<void> {
  const handle = await open(path, 'r');
  await handle.sync();
  await handle.close();
}

async function seconds(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
}

/** Streams the file to POST /api/blobs; resolves with the server's answer. */
function upload(server: BenchServer, path: string): Promise<StoredBlob> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}/api/blobs`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${server.login.token}`,
        'content-type': 'application/octet-stream',
        'content-length': String(statSync(path).size),
      },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => (res.statusCode === 201 ? resolve(JSON.parse(body) as StoredBlob) : reject(new Error(`upload answered ${res.statusCode}: ${body}`))));
    });
    req.on('error', reject);
    // 1 MiB reads: the client shares the 2 cores with the server, so it should spend little CPU.
    createReadStream(path, { highWaterMark: MIB }).pipe(req);
  });
}

async function main(): Promise<void> {
  if (!Number.isInteger(SIZE_MB) || SIZE_MB < 1) throw new Error(`BENCH_BLOB_MB must be a whole number of MiB, got "${process.env.BENCH_BLOB_MB}"`);
  const work = mkdtempSync(join(tmpdir(), 'mejirushi-bench-blob-'));
  let server: BenchServer | undefined;
  try {
    const source = join(work, 'source.bin');
    console.log(`generating ${SIZE_MB} MiB of random bytes in ${work}…`);
    const sha256 = await generate(source, SIZE_MB);

    const streamCopy = await seconds(async () => {
      await pipeline(createReadStream(source), createWriteStream(join(work, 'copy.bin')));
      await fsync(join(work, 'copy.bin'));
    });
    rmSync(join(work, 'copy.bin'));
    const plainCopy = await seconds(() => copyFile(source, join(work, 'copy.bin')));
    rmSync(join(work, 'copy.bin'));

    server = await startBenchServer(join(work, 'no-dist'));
    const pid = server.pid;
    const before = processTreeRssBytes(pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, processTreeRssBytes(pid))), 20);
    let stored: StoredBlob | undefined;
    const uploadSeconds = await seconds(async () => {
      stored = await upload(server as BenchServer, source);
    }).finally(() => clearInterval(sampler));
    peak = Math.max(peak, processTreeRssBytes(pid));
    if (stored?.sha256 !== sha256 || stored.size !== SIZE_MB * MIB) throw new Error(`the server stored ${JSON.stringify(stored)}, expected ${sha256}`);

    const growthMb = (peak - before) / 1e6;
    const mbps = (s: number) => `${((SIZE_MB * MIB) / 1e6 / s).toFixed(0)} MB/s`;
    console.log(`blob upload of ${SIZE_MB} MiB over HTTP into the blob store (SHA-256 checked):`);
    console.log(`  upload         : ${uploadSeconds.toFixed(2)} s (${mbps(uploadSeconds)})`);
    console.log(`  stream copy    : ${streamCopy.toFixed(2)} s (${mbps(streamCopy)}), fsync'd — the baseline`);
    console.log(`  fs.copyFile    : ${plainCopy.toFixed(2)} s (${mbps(plainCopy)}), not fsync'd — for reference`);
    console.log(`  throughput upload/copy: ${(streamCopy / uploadSeconds).toFixed(2)}× (budget ≥ ${THROUGHPUT_FLOOR}×)`);
    console.log(`  server RSS: ${(before / 1e6).toFixed(0)} MB before, peak ${(peak / 1e6).toFixed(0)} MB, growth ${growthMb.toFixed(1)} MB (budget ≤ ${RSS_BUDGET_MB} MB)`);
    printBench('blob-upload', 'upload_s', uploadSeconds, streamCopy);
    printBench('blob-upload', 'rss_growth_mb', growthMb, RSS_BUDGET_MB);
    reportSummary([
      { benchmark: 'blob upload', measure: `${SIZE_MB} MiB over HTTP, seconds`, value: `${uploadSeconds.toFixed(2)} s`, baseline: `${streamCopy.toFixed(2)} s disk copy`, ratio: `${(uploadSeconds / streamCopy).toFixed(2)}×` },
      { benchmark: 'blob upload', measure: 'server RSS growth', value: `${growthMb.toFixed(1)} MB`, baseline: `${RSS_BUDGET_MB} MB budget`, ratio: `${(growthMb / RSS_BUDGET_MB).toFixed(2)}×` },
    ]);
    const missed = [
      ...(uploadSeconds > streamCopy / THROUGHPUT_FLOOR ? [`throughput below ${THROUGHPUT_FLOOR}× the disk copy`] : []),
      ...(growthMb > RSS_BUDGET_MB ? [`RSS growth over ${RSS_BUDGET_MB} MB`] : []),
    ];
    if (missed.length > 0) {
      console.log(`budget missed: ${missed.join('; ')}`);
      process.exitCode = 1;
    }
  } finally {
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
