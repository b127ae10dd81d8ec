/**
 * In-browser inference (not part of `npm test`): `npm run bench -- inference`
 *
 * A small CNN of realistic cost (BENCH_INFERENCE_LAYERS 3×3 convolutions of 8 channels on
 * 1×1×512×512, built by scripts/onnx/tinyModels.ts) over 28 synthetic CT slices, in Chromium, in
 * a page served by the dataset server (its COOP/COEP and CSP, so WASM threads are on). In one page:
 * - the app's inference client (its worker: read, CT window, run, decode, messages) against a bare
 *   `InferenceSession.run` of the same model, slices and backend in a worker of its own (goal ≤ 1.2×);
 * - main-thread tasks over 50 ms while the 28 slices are processed (goal 0; the ratio is the count);
 * client and bare runs alternate BENCH_INFERENCE_ROUNDS times (default 3), figures are medians;
 * - the first result after a cold start (new worker, model not loaded) against a warm one;
 * - WebGPU against WASM per slice, when Chromium offers an adapter (`--enable-unsafe-webgpu`:
 *   software here, so not a GPU figure), at BENCH_WEBGPU_SIZE px (default 128) over
 *   BENCH_WEBGPU_SLICES slices (default 2), since software WebGPU is hundreds of times slower.
 */
import { Buffer } from 'node:buffer';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { build } from 'vite';
import { convStack } from '../scripts/onnx/tinyModels';
import type { ModelManifest } from '../src/core/models/manifest';
import { testManifest } from '../src/core/testing/modelManifest';
import { buildApp } from '../server/app';
import { blobStoreIn } from '../server/blobs/diskBlobStore';
import { prepareDatabase } from '../server/bootstrap';
import { REPO_ROOT } from '../server/testing/processes';
import { openTestDatabase } from '../server/testing/testDatabase';
import { CHROMIUM_LAUNCH_OPTIONS } from '../e2e/fixtures/chromium';
import type { InferenceBenchSpec, InferenceFigures } from './inference/main';
import { printBench } from './support/benchLine';

const SLICES = 28;
const SIZE = 512;
const LAYERS = Number(process.env.BENCH_INFERENCE_LAYERS ?? 3);
const WEBGPU_SIZE = Number(process.env.BENCH_WEBGPU_SIZE ?? 128);
const WEBGPU_SLICES = Number(process.env.BENCH_WEBGPU_SLICES ?? 2);
/** Client and bare runs alternate this many times; figures are medians (long tasks: the worst round). */
const ROUNDS = Number(process.env.BENCH_INFERENCE_ROUNDS ?? 3);

function manifestFor(model: Uint8Array): ModelManifest {
  return testManifest({
    id: 'bench-conv-stack',
    name: 'Benchmark CNN',
    outputs: [{ name: 'logit', dtype: 'float32', shape: [1, 1] }],
    decode: { activation: 'sigmoid', threshold: 0.5 },
    outputsToLabels: [{ questionId: 'sah', classes: [{ index: 0, classCode: 'sah.present' }], otherwiseClassCode: 'sah.absent' }],
    files: { kind: 'single', model: { sha256: 'b'.repeat(64), bytes: model.byteLength } },
  });
}

async function buildHarness(dir: string): Promise<string> {
  const staticDir = join(dir, 'static');
  await build({
    configFile: false,
    root: join(REPO_ROOT, 'bench', 'inference'),
    logLevel: 'error',
    worker: { format: 'es' },
    build: { outDir: staticDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4000 },
  });
  return staticDir;
}

function measure(page: Page, spec: InferenceBenchSpec): Promise<InferenceFigures> {
  return page.evaluate((s) => window.__inferenceBench!.measure(s), spec);
}

function describe(label: string, f: InferenceFigures, slices: number, size: number): void {
  console.log(
    `${label}: ${f.backend}${f.backend === 'wasm' ? ` (${f.threads} threads)` : ''}${f.fallbackReason ? ` [${f.fallbackReason}]` : ''}, ${slices} slices of ${size}² px: ` +
      `client ${f.pipelineMs.toFixed(0)} ms vs bare run ${f.bareMs.toFixed(0)} ms; first result cold ${f.coldFirstMs.toFixed(0)} ms, warm ${f.warmFirstMs.toFixed(0)} ms; ` +
      `long tasks ${f.longTasks} (longest ${f.longestTaskMs.toFixed(0)} ms)`,
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mejirushi-bench-inference-'));
  const database = await openTestDatabase('sqlite');
  try {
    const staticDir = await buildHarness(dir);
    await prepareDatabase(database.db);
    const app = await buildApp({ db: database.db, blobs: blobStoreIn(database.dataDir), staticDir });
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });
    const browser = await chromium.launch({ ...CHROMIUM_LAUNCH_OPTIONS, args: [...(CHROMIUM_LAUNCH_OPTIONS.args ?? []), '--enable-unsafe-webgpu'] });
    try {
      const page = await (await browser.newContext()).newPage();
      page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
      await page.goto(`${origin}/index.html`);
      await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
      const model = convStack(LAYERS, 8);
      const manifest = manifestFor(model);
      const modelBase64 = Buffer.from(model).toString('base64');
      console.log(`model: ${LAYERS} conv layers of 8 channels, ${(model.byteLength / 1024).toFixed(1)} KiB`);

      const wasm = await measure(page, { manifest, modelBase64, slices: SLICES, size: SIZE, backend: 'wasm', rounds: ROUNDS });
      describe('wasm', wasm, SLICES, SIZE);
      printBench('inference', 'wasm.pipeline-vs-bare-run-ms', wasm.pipelineMs, wasm.bareMs);
      printBench('inference', 'wasm.main-thread-long-tasks-per-28-slices', wasm.longTasks, 0);
      printBench('inference', 'wasm.first-result-cold-vs-warm-ms', wasm.coldFirstMs, wasm.warmFirstMs);
      printBench('inference', 'wasm.first-result-warm-vs-bare-slice-ms', wasm.warmFirstMs, wasm.bareMs / SLICES);

      if (!(await page.evaluate(() => window.__inferenceBench!.webGpuAdapterOffered()))) {
        console.log('webgpu: this Chromium offers no WebGPU adapter; WASM figures only');
        return;
      }
      const small = { manifest, modelBase64, slices: WEBGPU_SLICES, size: WEBGPU_SIZE, rounds: 1 };
      const gpu = await measure(page, { ...small, backend: 'webgpu' });
      describe('webgpu', gpu, WEBGPU_SLICES, WEBGPU_SIZE);
      const cpu = await measure(page, { ...small, backend: 'wasm' });
      describe('wasm (same size)', cpu, WEBGPU_SLICES, WEBGPU_SIZE);
      printBench('inference', 'webgpu.pipeline-vs-bare-run-ms', gpu.pipelineMs, gpu.bareMs);
      printBench('inference', `webgpu-vs-wasm.ms-per-slice-${WEBGPU_SIZE}px`, gpu.pipelineMs / WEBGPU_SLICES, cpu.pipelineMs / WEBGPU_SLICES);
      printBench('inference', 'webgpu.first-result-cold-vs-warm-ms', gpu.coldFirstMs, gpu.warmFirstMs);
    } finally {
      await browser.close();
      await app.close();
    }
  } finally {
    await database.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
