/**
 * onnxruntime-web's settings, made once per worker before the first session: its WebAssembly is
 * the app's own built asset (nothing from a CDN), and WASM threads are used only when the page is
 * cross-origin isolated (SharedArrayBuffer needs it; the server sends COOP/COEP).
 */
import * as ort from 'onnxruntime-web';
import { webGpuOffer, type GpuLike } from '../../src/inference/webGpuAdapter';
// The WASM build with WebGPU (JSEP) that the default onnxruntime-web entry loads.
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.jsep.wasm?url';

/** One thread per core up to 4 (more gain little on models this size), one without isolation. */
export function configureOrt(crossOriginIsolated: boolean): number {
  ort.env.wasm.wasmPaths = { wasm: wasmUrl };
  ort.env.wasm.numThreads = crossOriginIsolated ? Math.min(4, Math.max(1, navigator.hardwareConcurrency || 1)) : 1;
  return ort.env.wasm.numThreads;
}

/**
 * Null when WebGPU can be tried, else why not. A software adapter is tried only when WebGPU was
 * asked for by name (see webGpuAdapter.ts).
 */
export async function webGpuUnavailable(allowSoftware: boolean): Promise<string | null> {
  const gpu = (navigator as { readonly gpu?: GpuLike }).gpu;
  if (!gpu) return 'This browser does not offer WebGPU.';
  const offer = await webGpuOffer(gpu);
  if (offer === 'none') return 'This browser offers WebGPU but no graphics adapter for it.';
  if (offer === 'software' && !allowSoftware) return 'The graphics adapter is software only: the processor (WASM) runs models faster.';
  return null;
}
