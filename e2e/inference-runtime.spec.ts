/**
 * The inference runtime in the built app, in Chromium: a model the test generates runs in the
 * real inference worker (onnxruntime-web served as the app's own assets) from the page of a signed-in
 * annotator. WASM always; WebGPU too when the browser offers an adapter, chosen by 'auto' on hardware only (this spec passes
 * `--enable-unsafe-webgpu`, which gives Chromium a software adapter where there is no GPU).
 */
import { Buffer } from 'node:buffer';
import { convStack, meanClassifier } from '../scripts/onnx/tinyModels';
import type { ModelManifest } from '../src/core/models/manifest';
import { testManifest } from '../src/core/testing/modelManifest';
import type { InferenceProbe } from '../src/inference/testProbe';
import { CHROMIUM_LAUNCH_OPTIONS } from './fixtures/chromium';
import { expect, signIn, test } from './fixtures/mejirushi';

test.use({ launchOptions: { ...CHROMIUM_LAUNCH_OPTIONS, args: [...(CHROMIUM_LAUNCH_OPTIONS.args ?? []), '--enable-unsafe-webgpu'] } });

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const manifestFor = (bytes: Uint8Array, overrides: Partial<ModelManifest> = {}): ModelManifest =>
  testManifest({ files: { kind: 'single', model: { sha256: bytes.byteLength.toString(16).padStart(64, 'e'), bytes: bytes.byteLength } }, ...overrides });

// Window 40/80 and k = 4: 80 HU → p(present) = sigmoid(4); 0 HU → p(absent) = sigmoid(4); 60 HU → sigmoid(2).
const SLICES = [
  { targetId: 'bright', size: 32, hu: 80 },
  { targetId: 'dark', size: 32, hu: 0 },
  { targetId: 'faint', size: 32, hu: 60 },
];
const EXPECTED = [
  ['bright', 'sah.present', 1 / (1 + Math.exp(-4))],
  ['dark', 'sah.absent', 1 / (1 + Math.exp(-4))],
  ['faint', 'sah.present', 1 / (1 + Math.exp(-2))],
] as const;

test('runs a generated model in the inference worker on WASM, on WebGPU where offered, and cancels a run', async ({ page, mejirushi }) => {
  // onnxruntime and its WebAssembly come from the app's own server, never from a CDN.
  const foreign: string[] = [];
  page.on('request', (request) => {
    if (!/^(blob|data):/.test(request.url()) && !request.url().startsWith(mejirushi.url)) foreign.push(request.url());
  });
  await signIn(page, mejirushi.annotator);
  const classifier = meanClassifier(4);
  const probe = (backend: InferenceProbe['backend']): InferenceProbe => ({ manifest: manifestFor(classifier), modelBase64: base64(classifier), slices: SLICES, backend });

  const wasm = await page.evaluate((p) => window.__mejirushi!.runInference(p), probe('wasm'));
  expect(wasm.crossOriginIsolated).toBe(true);
  expect(wasm.load.backend).toBe('wasm');
  // Cross-origin isolated, so onnxruntime runs a WASM thread per core (up to 4).
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  expect(wasm.load.threads).toBe(Math.min(4, cores));
  expect(wasm.summary).toEqual({ done: 3, total: 3, cancelled: false, backend: 'wasm' });
  expect(wasm.proposals.map((p) => [p.targetId, p.classCode])).toEqual(EXPECTED.map(([t, c]) => [t, c]));
  wasm.proposals.forEach((p, i) => expect(p.score).toBeCloseTo(EXPECTED[i]![2], 4));

  const adapter = await page.evaluate(() => window.__mejirushi!.webGpuAdapterOffered());
  const auto = await page.evaluate((p) => window.__mejirushi!.runInference(p), probe('auto'));
  console.log(`inference-runtime: WASM ran with ${wasm.load.threads} thread(s); WebGPU adapter: ${adapter}; 'auto' chose ${auto.load.backend}${auto.load.fallbackReason ? ` (${auto.load.fallbackReason})` : ''}`);
  // A software adapter is many times slower than WASM: 'auto' takes WebGPU on hardware only.
  expect(auto.load.backend).toBe(adapter === 'hardware' ? 'webgpu' : 'wasm');
  expect(auto.proposals.map((p) => [p.targetId, p.classCode])).toEqual(EXPECTED.map(([t, c]) => [t, c]));
  auto.proposals.forEach((p, i) => expect(p.score).toBeCloseTo(EXPECTED[i]![2], 3));
  if (adapter !== 'none') {
    const webgpu = await page.evaluate((p) => window.__mejirushi!.runInference(p), probe('webgpu'));
    expect(webgpu.summary).toEqual({ done: 3, total: 3, cancelled: false, backend: 'webgpu' });
  }

  // Cancelled after two of forty costlier slices: the run ends early and says it was cancelled.
  const heavy = convStack(4, 8);
  const cancelled = await page.evaluate((p) => window.__mejirushi!.runInference(p), {
    manifest: manifestFor(heavy, {
      outputs: [{ name: 'logit', dtype: 'float32', shape: [1, 1] }],
      decode: { activation: 'sigmoid', threshold: 0.5 },
      outputsToLabels: [{ questionId: 'sah', classes: [{ index: 0, classCode: 'sah.present' }], otherwiseClassCode: 'sah.absent' }],
    }),
    modelBase64: base64(heavy),
    slices: Array.from({ length: 40 }, (_, i) => ({ targetId: `s${i}`, size: 256, hu: 40 })),
    backend: 'wasm',
    cancelAfter: 2,
  } satisfies InferenceProbe);
  expect(cancelled.summary.cancelled).toBe(true);
  expect(cancelled.summary.done).toBeGreaterThanOrEqual(2);
  expect(cancelled.summary.done).toBeLessThan(40);
  expect(cancelled.proposals).toHaveLength(cancelled.summary.done);
  expect(foreign).toEqual([]);
});
