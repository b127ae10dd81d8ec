/**
 * What end-to-end tests run through the real inference worker from the app's page
 * (`window.__mejirushi.runInference`): a model whose bytes the test built, over uniform CT slices,
 * optionally cancelled after some slices. Loaded lazily, so the app's own bundle does not carry it.
 */
import type { ModelManifest } from '../core/models/manifest';
import type { Backend } from '../../workers/inference/messages';
import type { RunSummary } from './client';
import { webGpuOffer, type GpuLike, type WebGpuOffer } from './webGpuAdapter';
import { createInferenceClient, type ModelLoad } from './workerClient';

export interface InferenceProbe {
  readonly manifest: ModelManifest;
  /** The ONNX bytes, base64 (the manifest's single file). */
  readonly modelBase64: string;
  /** Uniform slices: id, side in px, value in HU. */
  readonly slices: readonly { readonly targetId: string; readonly size: number; readonly hu: number }[];
  readonly backend: Backend | 'auto';
  /** Cancels the run once this many slices are done. */
  readonly cancelAfter?: number;
}

export interface InferenceProbeResult {
  readonly load: ModelLoad;
  readonly summary: RunSummary;
  readonly proposals: readonly { readonly targetId: string; readonly classCode: string; readonly score: number }[];
  readonly crossOriginIsolated: boolean;
}

/** What WebGPU adapter this browser gives the page (what decides which WebGPU paths can be checked). */
export function webGpuAdapterOffered(): Promise<WebGpuOffer> {
  return webGpuOffer((navigator as { readonly gpu?: GpuLike }).gpu);
}

export async function runInferenceProbe(probe: InferenceProbe): Promise<InferenceProbeResult> {
  const bytes = Uint8Array.from(atob(probe.modelBase64), (c) => c.charCodeAt(0));
  const client = createInferenceClient({ loadModelFile: async () => bytes.slice().buffer, backend: probe.backend });
  try {
    const load = await client.preload(probe.manifest);
    const proposals: { targetId: string; classCode: string; score: number }[] = [];
    const handle = client.run({
      manifest: probe.manifest,
      priority: 'batch',
      inputs: probe.slices.map(({ targetId, size, hu }) => async () => ({ kind: 'ctSlice' as const, targetId, width: size, height: size, hu: new Float32Array(size * size).fill(hu), spacing: [0.5, 0.5] as const })),
      onProposals: (targetId, drafts) => proposals.push(...drafts.map((d) => ({ targetId, classCode: d.classCode, score: d.score }))),
      onProgress: ({ done }) => {
        if (probe.cancelAfter !== undefined && done >= probe.cancelAfter) handle.cancel();
      },
    });
    const summary = await handle.finished;
    await client.unload(probe.manifest);
    return { load, summary, proposals, crossOriginIsolated: window.crossOriginIsolated };
  } finally {
    client.dispose();
  }
}
