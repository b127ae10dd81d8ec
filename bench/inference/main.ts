/**
 * The browser side of `bench/inference.ts`: the app's inference client (its real worker) against a
 * bare onnxruntime session in a worker of its own, on the same model, slices and backend, in one
 * page. Driven through `window.__inferenceBench`.
 */
import type { ModelManifest } from '../../src/core/models/manifest';
import type { ModelInput } from '../../src/core/models/modelInput';
import { createInferenceClient, type WorkerInferenceClient } from '../../src/inference/workerClient';
import type { BareRequest, BareResult } from './bare.worker';

export interface InferenceBenchSpec {
  readonly manifest: ModelManifest;
  readonly modelBase64: string;
  readonly slices: number;
  readonly size: number;
  readonly backend: 'wasm' | 'webgpu';
  /** Client and bare runs alternate this many times (a busy machine shifts both alike); medians are kept. */
  readonly rounds: number;
}

export interface InferenceFigures {
  readonly backend: string;
  readonly threads: number;
  readonly fallbackReason?: string;
  /** New worker, model not loaded: run start → first proposals, ms. */
  readonly coldFirstMs: number;
  /** Model loaded: run start → first proposals, ms. */
  readonly warmFirstMs: number;
  /** Every slice through the client (read, prepare, run, decode, messages), ms: median of the rounds. */
  readonly pipelineMs: number;
  /** The bare session's runs of the same slices, ms: median of the rounds. */
  readonly bareMs: number;
  /** Main-thread tasks over 50 ms while the slices were processed: the most in one round. */
  readonly longTasks: number;
  readonly longestTaskMs: number;
}

declare global {
  interface Window {
    __inferenceBench?: { measure(spec: InferenceBenchSpec): Promise<InferenceFigures>; webGpuAdapterOffered(): Promise<boolean> };
  }
}

/** Deterministic head-CT-like slices: HU spread over air, brain and bone so the window matters. */
function syntheticSlices(count: number, size: number): Float32Array[] {
  let state = 7;
  const random = () => (state = (state * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32;
  return Array.from({ length: count }, () => {
    const hu = new Float32Array(size * size);
    for (let i = 0; i < hu.length; i += 1) hu[i] = -1000 + random() * 2000;
    return hu;
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** ms from starting a one-slice run until its proposals arrive. */
async function firstResult(client: WorkerInferenceClient, manifest: ModelManifest, input: () => Promise<ModelInput>): Promise<number> {
  const started = performance.now();
  let at = 0;
  await client.run({ manifest, inputs: [input], priority: 'interactive', onProposals: () => (at ||= performance.now()) }).finished;
  return at - started;
}

function bare(request: BareRequest): Promise<BareResult> {
  const worker = new Worker(new URL('./bare.worker.ts', import.meta.url), { type: 'module', name: 'bare' });
  return new Promise<BareResult>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<BareResult | { error: string }>) => {
      worker.terminate();
      if ('error' in event.data) reject(new Error(event.data.error));
      else resolve(event.data);
    };
    worker.onerror = (event) => reject(new Error(event.message));
    worker.postMessage(request);
  });
}

async function measure(spec: InferenceBenchSpec): Promise<InferenceFigures> {
  const bytes = Uint8Array.from(atob(spec.modelBase64), (c) => c.charCodeAt(0));
  const slices = syntheticSlices(spec.slices, spec.size);
  const input = (i: number) => async (): Promise<ModelInput> => ({ kind: 'ctSlice', targetId: `slice-${i}`, width: spec.size, height: spec.size, hu: (slices[i] as Float32Array).slice(), spacing: [0.5, 0.5] });
  const client = createInferenceClient({ loadModelFile: async () => bytes.slice().buffer, backend: spec.backend });
  try {
    const coldFirstMs = await firstResult(client, spec.manifest, input(0));
    const load = await client.preload(spec.manifest);
    const warmFirstMs = await firstResult(client, spec.manifest, input(1 % spec.slices));

    const pipeline: number[] = [];
    const baseline: number[] = [];
    const longTasks: number[] = [];
    let longestTaskMs = 0;
    for (let round = 0; round < spec.rounds; round += 1) {
      const tasks: number[] = [];
      const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
      observer.observe({ type: 'longtask' });
      const started = performance.now();
      await client.run({ manifest: spec.manifest, inputs: slices.map((_, i) => input(i)), priority: 'batch' }).finished;
      pipeline.push(performance.now() - started);
      tasks.push(...observer.takeRecords().map((e) => e.duration));
      observer.disconnect();
      longTasks.push(tasks.filter((d) => d > 50).length);
      longestTaskMs = Math.max(longestTaskMs, ...tasks);
      baseline.push((await bare({ manifest: spec.manifest, model: bytes.slice().buffer, backend: spec.backend, slices, size: spec.size })).totalMs);
    }
    await client.unload(spec.manifest);
    return {
      backend: load.backend,
      threads: load.threads,
      ...(load.fallbackReason ? { fallbackReason: load.fallbackReason } : {}),
      coldFirstMs,
      warmFirstMs,
      pipelineMs: median(pipeline),
      bareMs: median(baseline),
      longTasks: Math.max(...longTasks),
      longestTaskMs,
    };
  } finally {
    client.dispose();
  }
}

window.__inferenceBench = {
  measure,
  async webGpuAdapterOffered() {
    const gpu = (navigator as { gpu?: { requestAdapter(): Promise<object | null> } }).gpu;
    return Boolean(gpu && (await gpu.requestAdapter().catch(() => null)));
  },
};
document.documentElement.dataset.ready = 'true';
