/**
 * The benchmark's baseline: the same model on the same inputs and backend, with nothing around
 * `InferenceSession.run` — the inputs are prepared before the clock starts and the outputs are not
 * decoded. onnxruntime is configured exactly as the inference worker configures it.
 */
import * as ort from 'onnxruntime-web';
import type { ModelManifest } from '../../src/core/models/manifest';
import { prepareImage } from '../../src/core/models/pipelines/prepareImage';
import { configureOrt } from '../../workers/inference/ortSetup';

export interface BareRequest {
  readonly manifest: ModelManifest;
  readonly model: ArrayBuffer;
  readonly backend: 'wasm' | 'webgpu';
  readonly slices: readonly Float32Array[];
  readonly size: number;
}

export interface BareResult {
  /** All runs, ms (one untimed warm-up run first). */
  readonly totalMs: number;
  readonly runs: number;
}

interface WorkerScope {
  readonly name: string;
  readonly crossOriginIsolated: boolean;
  postMessage(message: BareResult | { error: string }): void;
  onmessage: ((event: MessageEvent<BareRequest>) => void) | null;
}

const scope = self as unknown as WorkerScope;

async function measure(request: BareRequest): Promise<BareResult> {
  const session = await ort.InferenceSession.create(new Uint8Array(request.model), { executionProviders: [request.backend], graphOptimizationLevel: 'all' });
  try {
    const feeds = request.slices.map((hu, i) => {
      const { feeds: tensors } = prepareImage(request.manifest, { kind: 'ctSlice', targetId: String(i), width: request.size, height: request.size, hu, spacing: [0.5, 0.5] });
      return Object.fromEntries(Object.entries(tensors).map(([name, t]) => [name, new ort.Tensor(t.dtype, t.data, [...t.dims])]));
    });
    await session.run(feeds[0] as Record<string, ort.Tensor>);
    const started = performance.now();
    for (const feed of feeds) {
      const out = await session.run(feed);
      // Read the result back, as the pipeline must (on WebGPU it may still be on the GPU).
      for (const value of Object.values(out)) if (value instanceof ort.Tensor) await value.getData();
    }
    return { totalMs: performance.now() - started, runs: feeds.length };
  } finally {
    await session.release();
  }
}

if (!scope.name.startsWith('em-pthread')) {
  configureOrt(scope.crossOriginIsolated);
  scope.onmessage = (event) => {
    measure(event.data).then(
      (result) => scope.postMessage(result),
      (error: unknown) => scope.postMessage({ error: String(error) }),
    );
  };
}
