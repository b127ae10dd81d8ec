/**
 * What WebGPU this browser offers: none, a software adapter (SwiftShader, llvmpipe: a machine or
 * VM without a usable GPU), or real hardware. A software adapter runs models many times slower
 * than WASM on the same processor (60× on the `inference` bench here), so the automatic choice
 * uses WebGPU only on hardware; asked for explicitly, a software adapter still serves.
 */
export type WebGpuOffer = 'none' | 'software' | 'hardware';

/** A WebGPU adapter as far as it is read here (WebGPU's types are not in the project's lib). */
export interface AdapterLike {
  readonly info?: { readonly isFallbackAdapter?: boolean; readonly vendor?: string; readonly architecture?: string; readonly description?: string };
  /** Older Chromium put the flag on the adapter itself. */
  readonly isFallbackAdapter?: boolean;
}

export interface GpuLike {
  requestAdapter(): Promise<AdapterLike | null>;
}

const SOFTWARE = /swiftshader|llvmpipe|lavapipe|software/i;

export function adapterKind(adapter: AdapterLike): Exclude<WebGpuOffer, 'none'> {
  const { info } = adapter;
  if (adapter.isFallbackAdapter || info?.isFallbackAdapter) return 'software';
  const named = [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ');
  return SOFTWARE.test(named) ? 'software' : 'hardware';
}

export async function webGpuOffer(gpu: GpuLike | undefined): Promise<WebGpuOffer> {
  const adapter = gpu ? await gpu.requestAdapter().catch(() => null) : null;
  return adapter ? adapterKind(adapter) : 'none';
}
