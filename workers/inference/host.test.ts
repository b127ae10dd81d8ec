import { describe, expect, it } from 'vitest';
import regionGrowerJson from '../../models/region-grower/manifest.json';
import { meanClassifier, unknownOperator } from '../../scripts/onnx/tinyModels';
import { geometryBounds } from '../../src/core/bounds';
import { geometryArea } from '../../src/core/geometry/measure';
import type { ModelManifest } from '../../src/core/models/manifest';
import type { ModelInput, ModelPrompt } from '../../src/core/models/modelInput';
import { testManifest } from '../../src/core/testing/modelManifest';
import { createInferenceHost } from './host';
import type { InferenceRequest, InferenceResponse } from './messages';
import type { RuntimeEnvironment } from './sessions';
import { decodeRawImage, rawImageFile } from './testing/rawImageFile';

const NO_WEBGPU: RuntimeEnvironment = { webGpuUnavailable: async () => 'This browser offers no WebGPU adapter.', wasmThreads: 1 };

/** A host and every response it posts; `next` waits for the first response `matches` accepts. */
function hostOf(environment: RuntimeEnvironment = NO_WEBGPU, onPost: (response: InferenceResponse, host: { handle(r: InferenceRequest): void }) => void = () => undefined) {
  const responses: InferenceResponse[] = [];
  const waiters: { matches: (r: InferenceResponse) => boolean; resolve: (r: InferenceResponse) => void }[] = [];
  const host = createInferenceHost((response) => {
    responses.push(response);
    onPost(response, host);
    for (const waiter of waiters.splice(0).filter((w) => !w.matches(response) || (w.resolve(response), false))) waiters.push(waiter);
  }, environment, decodeRawImage);
  const next = (matches: (r: InferenceResponse) => boolean) =>
    new Promise<InferenceResponse>((resolve) => {
      const seen = responses.find(matches);
      if (seen) resolve(seen);
      else waiters.push({ matches, resolve });
    });
  return { host, responses, next };
}

let shaCount = 0;
function model(bytes: Uint8Array, overrides: Partial<ModelManifest> = {}): { manifest: ModelManifest; files: Record<string, ArrayBuffer>; sha256: string } {
  const sha256 = (shaCount += 1).toString(16).padStart(64, '0');
  const manifest = testManifest({ files: { kind: 'single', model: { sha256, bytes: bytes.byteLength } }, ...overrides });
  return { manifest, files: { [sha256]: new Uint8Array(bytes).buffer }, sha256 };
}

const slice = (targetId: string, hu: number, size = 8): ModelInput => ({ kind: 'ctSlice', targetId, width: size, height: size, hu: new Float32Array(size * size).fill(hu), spacing: [1, 1] });
const slices = (count: number) => Array.from({ length: count }, (_, i) => slice(`s${i}`, i % 2 === 0 ? 80 : 0));

async function loaded(h: ReturnType<typeof hostOf>, m: ReturnType<typeof model>, backend: 'auto' | 'wasm' | 'webgpu' = 'auto') {
  h.host.handle({ type: 'load', manifest: m.manifest, files: m.files, backend });
  return h.next((r) => (r.type === 'loaded' || r.type === 'error') && r.modelSha256 === m.sha256);
}

/** The region grower as it ships: a built-in model, no ONNX file. */
const REGION_GROWER = regionGrowerJson as ModelManifest;
const GROWER_KEY = 'builtin:region-grower@1.0.0';

/** A 64 × 64 px CT slice at 0 HU with `hu(x, y)` where it gives a value (pixel centres). */
function ctSlice(targetId: string, hu: (x: number, y: number) => number | undefined): ModelInput {
  const size = 64;
  const values = Float32Array.from({ length: size * size }, (_, i) => hu((i % size) + 0.5, Math.floor(i / size) + 0.5) ?? 0);
  return { kind: 'ctSlice', targetId, width: size, height: size, hu: values, spacing: [0.5, 0.5] };
}

/** The one outline a finished prompt job proposed. */
function onlyOutline(responses: readonly InferenceResponse[], jobId: string) {
  const drafts = responses.flatMap((r) => (r.type === 'progress' && r.jobId === jobId ? r.proposals : []));
  const [draft] = drafts;
  if (drafts.length !== 1 || draft?.type !== 'shape') throw new Error(`expected one outline, got ${JSON.stringify(drafts)}`);
  return draft;
}

const progressOf = (responses: readonly InferenceResponse[]) => responses.flatMap((r) => (r.type === 'progress' ? [`${r.jobId}:${r.targetId}`] : []));

describe('inference host (real onnxruntime-web sessions)', () => {
  it('loads on WASM, saying why not WebGPU, and streams one progress with proposals and timings per input', async () => {
    const h = hostOf();
    const m = model(meanClassifier(4));
    expect(await loaded(h, m)).toEqual({ type: 'loaded', modelSha256: m.sha256, backend: 'wasm', threads: 1, simd: true, fallbackReason: 'This browser offers no WebGPU adapter.' });
    h.host.handle({ type: 'run', jobId: 'j', modelSha256: m.sha256, priority: 'batch', inputs: slices(3) });
    expect(await h.next((r) => r.type === 'finished' || r.type === 'error')).toEqual({ type: 'finished', jobId: 'j', done: 3, total: 3 });
    const progress = h.responses.filter((r) => r.type === 'progress');
    expect(progress.map((p) => [p.done, p.total, p.targetId, p.proposals.map((d) => d.classCode).join()])).toEqual([
      [1, 3, 's0', 'sah.present'],
      [2, 3, 's1', 'sah.absent'],
      [3, 3, 's2', 'sah.present'],
    ]);
    for (const p of progress) for (const ms of Object.values(p.timings)) expect(ms).toBeGreaterThanOrEqual(0);
  });

  it('uses the run threshold over the manifest one', async () => {
    const h = hostOf();
    const m = model(meanClassifier(4));
    await loaded(h, m);
    // 60 HU → p(present) = sigmoid(2): proposed at 0.5, not at 0.95.
    h.host.handle({ type: 'run', jobId: 'strict', modelSha256: m.sha256, priority: 'batch', inputs: [slice('s', 60)], threshold: 0.95 });
    await h.next((r) => r.type === 'finished');
    const progress = h.responses.find((r) => r.type === 'progress');
    expect(progress?.type === 'progress' && progress.proposals[0]?.classCode).toBe('sah.absent');
  });

  it('runs a click-prompted interactive job before the rest of a batch, and cancels between inputs', async () => {
    const m = model(meanClassifier(4));
    const click: ModelPrompt = { kind: 'point', point: [4, 4], positive: true };
    const h = hostOf(NO_WEBGPU, (response, host) => {
      if (response.type !== 'progress' || response.jobId !== 'series') return;
      if (response.done === 1) host.handle({ type: 'run', jobId: 'click', modelSha256: GROWER_KEY, priority: 'interactive', inputs: [slice('clicked', 80)], prompts: [click] });
      if (response.done === 3) host.handle({ type: 'cancel', jobId: 'series' });
    });
    await loaded(h, m);
    h.host.handle({ type: 'load', manifest: REGION_GROWER, files: {}, backend: 'auto' });
    await h.next((r) => r.type === 'loaded' && r.modelSha256 === GROWER_KEY);
    h.host.handle({ type: 'run', jobId: 'series', modelSha256: m.sha256, priority: 'batch', inputs: slices(6) });
    const end = await h.next((r) => r.type === 'error' && r.jobId === 'series');
    expect(end).toEqual({ type: 'error', jobId: 'series', modelSha256: m.sha256, code: 'cancelled', sentence: 'Stopped after 3 of 6.' });
    expect(progressOf(h.responses)).toEqual(['series:s0', 'click:clicked', 'series:s1', 'series:s2']);
  });

  it('names the tensor and both shapes when an image does not fit the model', async () => {
    const h = hostOf();
    // The graph is fixed at 8×8, its manifest (wrongly) leaves height and width free.
    const m = model(meanClassifier(4, { width: 8, height: 8 }));
    await loaded(h, m);
    h.host.handle({ type: 'run', jobId: 'big', modelSha256: m.sha256, priority: 'batch', inputs: [slice('s', 0, 16)] });
    expect(await h.next((r) => r.type === 'error')).toEqual({
      type: 'error',
      jobId: 'big',
      modelSha256: m.sha256,
      code: 'input_mismatch',
      sentence: 'The model\'s input “x” takes 1×1×8×8 but was given 1×1×16×16; check the resize step of its manifest.',
    });
  });

  it('refuses a model whose operator the runtime lacks, naming it, and bytes that are no ONNX model', async () => {
    const h = hostOf();
    const unknown = model(unknownOperator(), { name: 'Odd model' });
    expect(await loaded(h, unknown, 'wasm')).toMatchObject({ type: 'error', code: 'operator_unsupported', sentence: '“Odd model” uses the operator NoSuchOperator (opset 17), which the in-browser runtime cannot run.' });
    const garbage = model(new Uint8Array([1, 2, 3, 4, 5]), { name: 'Broken file' });
    expect(await loaded(h, garbage, 'wasm')).toMatchObject({ type: 'error', code: 'model_invalid', sentence: 'The file of “Broken file” is not a readable ONNX model.' });
  });

  it('falls back to WASM with the reason when a WebGPU session cannot be made, and refuses WebGPU when asked for it alone', async () => {
    // Node's onnxruntime-web has no WebGPU backend: the adapter "exists" but the session fails there.
    const h = hostOf({ webGpuUnavailable: async () => null, wasmThreads: 2 });
    const m = model(meanClassifier(4));
    const result = await loaded(h, m);
    expect(result).toMatchObject({ type: 'loaded', backend: 'wasm', threads: 2 });
    expect(result.type === 'loaded' && result.fallbackReason).toMatch(/^WebGPU could not run this model \(.+\); running on the processor instead\.$/);
    const bare = hostOf();
    expect(await loaded(bare, model(meanClassifier(4)), 'webgpu')).toMatchObject({ type: 'error', code: 'backend_unavailable', sentence: 'This browser offers no WebGPU adapter.' });
  });

  it('releases a model on unload, after which a run says it is not loaded', async () => {
    const h = hostOf();
    const m = model(meanClassifier(4));
    await loaded(h, m);
    h.host.handle({ type: 'unload', modelSha256: m.sha256 });
    expect(await h.next((r) => r.type === 'unloaded')).toEqual({ type: 'unloaded', modelSha256: m.sha256 });
    h.host.handle({ type: 'run', jobId: 'late', modelSha256: m.sha256, priority: 'batch', inputs: [slice('s', 0)] });
    expect(await h.next((r) => r.type === 'error')).toMatchObject({ jobId: 'late', code: 'not_loaded' });
  });
});

describe('inference host running the built-in region grower', () => {
  async function grower() {
    const h = hostOf();
    h.host.handle({ type: 'load', manifest: REGION_GROWER, files: {}, backend: 'auto' });
    return { h, load: await h.next((r) => (r.type === 'loaded' || r.type === 'error') && r.modelSha256 === GROWER_KEY) };
  }

  /** Runs one prompt job and waits for its end. */
  async function prompted(h: ReturnType<typeof hostOf>, jobId: string, input: ModelInput, prompts?: readonly ModelPrompt[]) {
    h.host.handle({ type: 'run', jobId, modelSha256: GROWER_KEY, priority: 'interactive', inputs: [input], target: { questionId: 'bleed', classCode: 'bleed.subarachnoid' }, ...(prompts ? { prompts } : {}) });
    return h.next((r) => (r.type === 'finished' || r.type === 'error') && r.jobId === jobId);
  }

  it('loads without model files or runtime, saying so, under its builtin key', async () => {
    const { load } = await grower();
    expect(load).toEqual({ type: 'loaded', modelSha256: GROWER_KEY, backend: 'builtin', threads: 1, simd: false });
  });

  it('outlines a clicked disc as the chosen question and class, its area near the disc’s', async () => {
    const { h } = await grower();
    const disc = ctSlice('slice-7', (x, y) => (Math.hypot(x - 32, y - 32) <= 12 ? 60 : undefined));
    expect(await prompted(h, 'click', disc, [{ kind: 'point', point: [30.5, 33.5], positive: true }])).toMatchObject({ type: 'finished' });
    const outline = onlyOutline(h.responses, 'click');
    expect(outline).toMatchObject({ type: 'shape', targetId: 'slice-7', questionId: 'bleed', classCode: 'bleed.subarachnoid', score: 1 });
    const expected = Math.PI * 12 ** 2;
    expect(Math.abs(geometryArea(outline.geometry) - expected) / expected).toBeLessThan(0.05);
  });

  it('keeps the outline inside a box prompt and off the tissue of a negative click', async () => {
    const { h } = await grower();
    // A 60 HU band (rows 16–31) on a 45 HU band (rows 32–47), both across the slice: 45 HU is within
    // the grower's tolerance of 60, so only the negative click on it keeps it out.
    const bands = ctSlice('slice-2', (_x, y) => (y >= 16 && y < 32 ? 60 : y >= 32 && y < 48 ? 45 : undefined));
    const box: ModelPrompt = { kind: 'box', topLeft: [8, 8], bottomRight: [40, 56] };
    const positive: ModelPrompt = { kind: 'point', point: [20.5, 24.5], positive: true };
    await prompted(h, 'both-bands', bands, [positive, box]);
    await prompted(h, 'with-negative', bands, [positive, { kind: 'point', point: [20.5, 40.5], positive: false }, box]);
    const both = geometryBounds(onlyOutline(h.responses, 'both-bands').geometry);
    expect([both.minX, both.maxX, both.minY, both.maxY]).toEqual([8, 41, 16, 48]);
    const refined = onlyOutline(h.responses, 'with-negative').geometry;
    const bounds = geometryBounds(refined);
    expect([bounds.minX, bounds.maxX, bounds.minY, bounds.maxY]).toEqual([8, 41, 16, 32]);
    // 33 × 16 px less the four corners the edge smoothing rounds off.
    expect(geometryArea(refined)).toBeGreaterThan(0.97 * 33 * 16);
    expect(geometryArea(refined)).toBeLessThanOrEqual(33 * 16);
  });

  it('decodes a frame sent as its file and outlines in the frame’s recorded px', async () => {
    const { h } = await grower();
    // A 32 × 32 px served image of a frame recorded 64 px wide: a red disc (radius 6 px) on black.
    const size = 32;
    const rgba = new Uint8ClampedArray(size * size * 4);
    for (let i = 0; i < size * size; i += 1) {
      const inDisc = Math.hypot((i % size) + 0.5 - 16, Math.floor(i / size) + 0.5 - 16) <= 6;
      rgba.set(inDisc ? [200, 30, 30, 255] : [0, 0, 0, 255], i * 4);
    }
    const frame = { kind: 'encodedImage', targetId: 'frame-3', image: rawImageFile(size, size, rgba), recordedWidth: 64 } as const;
    h.host.handle({ type: 'run', jobId: 'frame', modelSha256: GROWER_KEY, priority: 'interactive', inputs: [frame], target: { questionId: 'bleed', classCode: 'bleed.subarachnoid' }, prompts: [{ kind: 'point', point: [32, 32], positive: true }] });
    expect(await h.next((r) => (r.type === 'finished' || r.type === 'error') && r.jobId === 'frame')).toMatchObject({ type: 'finished' });
    const outline = onlyOutline(h.responses, 'frame');
    expect(outline.targetId).toBe('frame-3');
    const expected = Math.PI * 12 ** 2;
    expect(Math.abs(geometryArea(outline.geometry) - expected) / expected).toBeLessThan(0.1);
  });

  it('fails the job, saying why, when a frame’s file cannot be decoded', async () => {
    const { h } = await grower();
    const broken = { kind: 'encodedImage', targetId: 'f', image: new Blob(['<html>'], { type: 'text/html' }), recordedWidth: 64 } as const;
    h.host.handle({ type: 'run', jobId: 'broken', modelSha256: GROWER_KEY, priority: 'interactive', inputs: [broken], prompts: [{ kind: 'point', point: [1, 1], positive: true }] });
    expect(await h.next((r) => r.type === 'error' && r.jobId === 'broken')).toMatchObject({ code: 'failed', sentence: 'The image could not be decoded: not a test image (text/html).' });
  });

  it('refuses a job without prompts, as an ONNX promptable model does', async () => {
    const { h } = await grower();
    expect(await prompted(h, 'bare', ctSlice('s', () => 60))).toEqual({
      type: 'error',
      jobId: 'bare',
      modelSha256: GROWER_KEY,
      code: 'input_mismatch',
      sentence: '“Click to outline (region grower)” outlines what you point at: click on the image to prompt it.',
    });
  });

  it('answers unload with unloaded, after which a run says it is not loaded', async () => {
    const { h } = await grower();
    h.host.handle({ type: 'unload', modelSha256: GROWER_KEY });
    expect(await h.next((r) => r.type === 'unloaded')).toEqual({ type: 'unloaded', modelSha256: GROWER_KEY });
    expect(await prompted(h, 'late', ctSlice('s', () => 60), [{ kind: 'point', point: [1, 1], positive: true }])).toMatchObject({ code: 'not_loaded' });
  });
});
