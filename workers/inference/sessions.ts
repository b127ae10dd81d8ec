/**
 * The loaded models, one entry per `modelKey` (the sha256 of its file, the encoder's for an encoder
 * + decoder pair; `builtin:<id>@<version>` for a built-in model). An ONNX model holds onnxruntime
 * sessions on the backend chosen at load: WebGPU when the browser gives an adapter and the model's
 * session creates there, else WASM. A built-in model holds only its manifest: its code is the app's.
 */
import * as ort from 'onnxruntime-web';
import type { ModelManifest } from '../../src/core/models/manifest';
import { modelKey } from '../../src/core/models/modelKey';
import { InferenceFailure, loadFailure } from './failure';
import type { Backend } from './messages';

/** What the worker's surroundings offer; the worker reads them from the browser, tests set them. */
export interface RuntimeEnvironment {
  /** Null when WebGPU can be used, else why not (no `navigator.gpu`, no adapter). */
  webGpuUnavailable(allowSoftware: boolean): Promise<string | null>;
  /** WASM threads onnxruntime was configured with (1 unless the page is cross-origin isolated). */
  readonly wasmThreads: number;
}

export interface OnnxModel {
  readonly kind: 'onnx';
  readonly key: string;
  readonly manifest: ModelManifest;
  readonly backend: Backend;
  /** The single model's session, or the encoder's. */
  readonly session: ort.InferenceSession;
  readonly decoder?: ort.InferenceSession;
  readonly fallbackReason?: string;
}

export interface BuiltinModel {
  readonly kind: 'builtin';
  readonly key: string;
  readonly manifest: ModelManifest;
}

export type LoadedModel = OnnxModel | BuiltinModel;

async function create(bytes: ArrayBuffer, backend: Backend): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(new Uint8Array(bytes), {
    executionProviders: [backend],
    graphOptimizationLevel: 'all',
  });
}

async function createAll(manifest: ModelManifest, files: Readonly<Record<string, ArrayBuffer>>, backend: Backend): Promise<Pick<OnnxModel, 'session' | 'decoder'>> {
  const bytesOf = (sha256: string): ArrayBuffer => {
    const bytes = files[sha256];
    if (!bytes) throw new InferenceFailure({ code: 'model_invalid', sentence: `The file ${sha256.slice(0, 12)}… of “${manifest.name}” was not given to the runtime.` });
    return bytes;
  };
  if (manifest.files.kind === 'single') return { session: await create(bytesOf(manifest.files.model.sha256), backend) };
  if (manifest.files.kind === 'encoderDecoder') {
    const session = await create(bytesOf(manifest.files.encoder.sha256), backend);
    try {
      return { session, decoder: await create(bytesOf(manifest.files.decoder.sha256), backend) };
    } catch (error) {
      await session.release();
      throw error;
    }
  }
  // `load` keeps built-in models away from here.
  throw new InferenceFailure({ code: 'model_invalid', sentence: `“${manifest.name}” is built into the app and runs without the model runtime.` });
}

export class SessionCache {
  private readonly models = new Map<string, Promise<LoadedModel>>();

  constructor(private readonly environment: RuntimeEnvironment) {}

  get wasmThreads(): number {
    return this.environment.wasmThreads;
  }

  /** The model's sessions, created once; a second load of the same key reuses them. */
  load(manifest: ModelManifest, files: Readonly<Record<string, ArrayBuffer>>, backend: Backend | 'auto'): Promise<LoadedModel> {
    const key = modelKey(manifest);
    const cached = this.models.get(key);
    if (cached) return cached;
    const loading: Promise<LoadedModel> = manifest.files.kind === 'builtin' ? Promise.resolve({ kind: 'builtin', key, manifest }) : this.open(key, manifest, files, backend);
    this.models.set(key, loading);
    // A failed load is forgotten, so the next attempt (another backend, fixed bytes) starts afresh.
    loading.catch(() => this.models.delete(key));
    return loading;
  }

  /** The loaded (or loading) model, or undefined. */
  get(key: string): Promise<LoadedModel> | undefined {
    return this.models.get(key);
  }

  /** Releases the model's sessions and their memory (WASM heap or GPU buffers); a built-in model holds none. */
  async unload(key: string): Promise<void> {
    const loading = this.models.get(key);
    this.models.delete(key);
    const model = await loading?.catch(() => null);
    if (model?.kind !== 'onnx') return;
    await model.session.release();
    await model.decoder?.release();
  }

  private async open(key: string, manifest: ModelManifest, files: Readonly<Record<string, ArrayBuffer>>, requested: Backend | 'auto'): Promise<OnnxModel> {
    let fallbackReason: string | undefined;
    if (requested !== 'wasm') {
      const unavailable = await this.environment.webGpuUnavailable(requested === 'webgpu');
      if (unavailable && requested === 'webgpu') throw new InferenceFailure({ code: 'backend_unavailable', sentence: unavailable });
      if (!unavailable) {
        try {
          return { kind: 'onnx', key, manifest, backend: 'webgpu', ...(await createAll(manifest, files, 'webgpu')) };
        } catch (error) {
          if (error instanceof InferenceFailure) throw error;
          const failure = loadFailure(error, manifest.name);
          if (requested === 'webgpu') throw new InferenceFailure(failure);
          fallbackReason = `WebGPU could not run this model (${failure.sentence}); running on the processor instead.`;
        }
      } else {
        fallbackReason = unavailable;
      }
    }
    try {
      return { kind: 'onnx', key, manifest, backend: 'wasm', ...(await createAll(manifest, files, 'wasm')), ...(fallbackReason ? { fallbackReason } : {}) };
    } catch (error) {
      throw error instanceof InferenceFailure ? error : new InferenceFailure(loadFailure(error, manifest.name));
    }
  }
}
