/**
 * `InferenceClient` over the inference worker (workers/inference): models are loaded once per
 * `modelKey` (their bytes from `loadModelFile`, transferred to the worker; a built-in model has
 * none), and a run's inputs are read
 * lazily, a few ahead of the one running, each sent as its own one-input job so the worker's queue
 * can put a click-prompt before the next slice and a cancel drops what is still queued.
 */
import type { ModelManifest } from '../core/models/manifest';
import { modelFileShas, modelKey } from '../core/models/modelKey';
import type { InputToRun } from '../../workers/inference/encodedImage';
import type { Backend, InferenceRequest, InferenceResponse, LoadedBackend } from '../../workers/inference/messages';
import { InferenceError, type InferenceClient, type RunHandle, type RunRequest, type RunSummary } from './client';

/** The worker, or anything that answers like it (tests run the worker's logic in-process). */
export interface InferenceChannel {
  send(request: InferenceRequest, transfer: Transferable[]): void;
  /** Set once by the client: every response of the worker. */
  onResponse: ((response: InferenceResponse) => void) | null;
  /** Set once by the client: the worker could not start or died. */
  onCrash: ((reason: string) => void) | null;
  terminate(): void;
}

export interface InferenceClientOptions {
  /**
   * The ONNX bytes of a model file by its sha256 (from the client's model cache or the server). The
   * buffer is transferred to the worker: give one nobody else holds.
   */
  loadModelFile(sha256: string): Promise<ArrayBuffer>;
  /** 'auto' (default): WebGPU when the browser offers it and the model runs there, else WASM. */
  readonly backend?: Backend | 'auto';
  /** Inputs read and queued ahead of the one running (default 2), so the worker never waits for pixels. */
  readonly readAhead?: number;
}

/** How a model was loaded: what the worker said when its session was made. */
export interface ModelLoad {
  readonly backend: LoadedBackend;
  readonly threads: number;
  readonly simd: boolean;
  readonly fallbackReason?: string;
}

export interface WorkerInferenceClient extends InferenceClient {
  /** Loads a model ahead of its first run (the first session costs seconds); idempotent. */
  preload(manifest: ModelManifest): Promise<ModelLoad>;
}

/** Starts the inference worker; onnxruntime lives only there, never on the page. */
export function createInferenceClient(options: InferenceClientOptions): WorkerInferenceClient {
  const worker = new Worker(new URL('../../workers/inference/inference.worker.ts', import.meta.url), { type: 'module', name: 'inference' });
  const channel: InferenceChannel = {
    send: (request, transfer) => worker.postMessage(request, transfer),
    onResponse: null,
    onCrash: null,
    terminate: () => worker.terminate(),
  };
  worker.onmessage = (event: MessageEvent<InferenceResponse>) => channel.onResponse?.(event.data);
  worker.onerror = (event) => channel.onCrash?.(event.message || 'the model runtime could not start');
  return createInferenceClientOver(channel, options);
}

/**
 * What to transfer with an input: its pixels, in a buffer of their own so none of anyone else's is
 * taken; nothing for an image file (a Blob is posted as a handle, its bytes neither copied nor read here).
 */
function transferable(input: InputToRun): { input: InputToRun; transfer: ArrayBuffer[] } {
  if (input.kind === 'encodedImage') return { input, transfer: [] };
  const pixels = input.kind === 'ctSlice' ? input.hu : input.rgba;
  const own = pixels.buffer instanceof ArrayBuffer && pixels.byteOffset === 0 && pixels.byteLength === pixels.buffer.byteLength;
  if (own) return { input, transfer: [pixels.buffer as ArrayBuffer] };
  const copy = input.kind === 'ctSlice' ? { ...input, hu: input.hu.slice() } : { ...input, rgba: input.rgba.slice() };
  return { input: copy, transfer: [(copy.kind === 'ctSlice' ? copy.hu : copy.rgba).buffer as ArrayBuffer] };
}

interface Waiter<T> {
  resolve(value: T): void;
  reject(error: InferenceError): void;
}

/** What one one-input job ends as. */
type JobEnd = 'finished' | 'cancelled';

export function createInferenceClientOver(channel: InferenceChannel, options: InferenceClientOptions): WorkerInferenceClient {
  const backend = options.backend ?? 'auto';
  const readAhead = Math.max(1, options.readAhead ?? 2);
  const loads = new Map<string, Promise<ModelLoad>>();
  const loadWaiters = new Map<string, Waiter<ModelLoad>>();
  const unloadWaiters = new Map<string, Waiter<void>>();
  const jobs = new Map<string, Waiter<JobEnd> & { onProgress(response: Extract<InferenceResponse, { type: 'progress' }>): void }>();
  let runCount = 0;
  let crashed: InferenceError | null = null;

  channel.onResponse = (response) => {
    switch (response.type) {
      case 'loaded': {
        const { type: _type, modelSha256: sha, ...load } = response;
        loadWaiters.get(sha)?.resolve(load);
        loadWaiters.delete(sha);
        break;
      }
      case 'unloaded':
        unloadWaiters.get(response.modelSha256)?.resolve();
        unloadWaiters.delete(response.modelSha256);
        break;
      case 'progress':
        jobs.get(response.jobId)?.onProgress(response);
        break;
      case 'finished':
        jobs.get(response.jobId)?.resolve('finished');
        jobs.delete(response.jobId);
        break;
      case 'error': {
        if (response.jobId !== undefined) {
          const job = jobs.get(response.jobId);
          jobs.delete(response.jobId);
          if (response.code === 'cancelled') job?.resolve('cancelled');
          else job?.reject(new InferenceError(response.code, response.sentence));
        } else {
          const error = new InferenceError(response.code, response.sentence);
          const waiting = response.modelSha256 !== undefined ? [response.modelSha256] : [...loadWaiters.keys()];
          for (const sha of waiting) {
            loadWaiters.get(sha)?.reject(error);
            loadWaiters.delete(sha);
          }
        }
        break;
      }
    }
  };

  const failEverything = (error: InferenceError) => {
    crashed = error;
    for (const waiter of [...loadWaiters.values(), ...unloadWaiters.values(), ...jobs.values()]) waiter.reject(error);
    loadWaiters.clear();
    unloadWaiters.clear();
    jobs.clear();
    loads.clear();
  };
  channel.onCrash = (reason) => failEverything(new InferenceError('backend_unavailable', `The model runtime stopped: ${reason}.`));

  async function load(manifest: ModelManifest, key: string): Promise<ModelLoad> {
    const files: Record<string, ArrayBuffer> = {};
    for (const fileSha of modelFileShas(manifest)) files[fileSha] = await options.loadModelFile(fileSha);
    if (crashed) throw crashed;
    const answer = new Promise<ModelLoad>((resolve, reject) => loadWaiters.set(key, { resolve, reject }));
    channel.send({ type: 'load', manifest, files, backend }, Object.values(files));
    return answer;
  }

  function preload(manifest: ModelManifest): Promise<ModelLoad> {
    const key = modelKey(manifest);
    const known = loads.get(key);
    if (known) return known;
    const loading = load(manifest, key);
    loads.set(key, loading);
    loading.catch(() => loads.delete(key));
    return loading;
  }

  function run(request: RunRequest): RunHandle {
    const runId = `run-${(runCount += 1)}`;
    const total = request.inputs.length;
    const outstanding = new Set<string>();
    let cancelled = false;
    let done = 0;
    let started = 0;

    const cancelOutstanding = () => {
      for (const jobId of outstanding) channel.send({ type: 'cancel', jobId }, []);
    };

    /** Reads input `index`, queues it as a one-input job and waits for its end. */
    async function one(key: string, index: number): Promise<void> {
      let read: InputToRun;
      try {
        read = await (request.inputs[index] as () => Promise<InputToRun>)();
      } catch (error) {
        throw new InferenceError('failed', `Image ${index + 1} of ${total} could not be read: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (cancelled) return;
      if (crashed) throw crashed;
      const { input, transfer } = transferable(read);
      const jobId = `${runId}/${index}`;
      outstanding.add(jobId);
      const end = new Promise<JobEnd>((resolve, reject) =>
        jobs.set(jobId, {
          resolve,
          reject,
          onProgress(response) {
            done += 1;
            request.onProposals?.(response.targetId, response.proposals);
            const elapsed = performance.now() - started;
            request.onProgress?.({ done, total, msLeft: (elapsed / done) * (total - done) });
          },
        }),
      );
      channel.send(
        {
          type: 'run',
          jobId,
          modelSha256: key,
          priority: request.priority,
          inputs: [input],
          ...(request.prompts ? { prompts: request.prompts } : {}),
          ...(request.target ? { target: request.target } : {}),
          ...(request.threshold !== undefined ? { threshold: request.threshold } : {}),
        },
        transfer,
      );
      try {
        await end;
      } finally {
        outstanding.delete(jobId);
      }
    }

    const finished = (async (): Promise<RunSummary> => {
      const key = modelKey(request.manifest);
      const loaded = await preload(request.manifest);
      started = performance.now();
      request.onProgress?.({ done: 0, total });
      const active = new Set<Promise<void>>();
      try {
        for (let index = 0; index < total && !cancelled; index += 1) {
          const job: Promise<void> = one(key, index).finally(() => active.delete(job));
          active.add(job);
          if (active.size >= readAhead) await Promise.race(active);
        }
        await Promise.all(active);
      } catch (error) {
        cancelled = true;
        cancelOutstanding();
        await Promise.allSettled(active);
        throw error instanceof InferenceError ? error : new InferenceError('failed', String(error));
      }
      return { done, total, cancelled: done < total, backend: loaded.backend };
    })();

    return {
      cancel() {
        if (cancelled) return;
        cancelled = true;
        cancelOutstanding();
      },
      finished,
    };
  }

  return {
    preload,
    run,
    async unload(manifest) {
      const key = modelKey(manifest);
      const loading = loads.get(key);
      if (!loading) return;
      loads.delete(key);
      await loading.catch(() => undefined);
      const answer = new Promise<void>((resolve, reject) => unloadWaiters.set(key, { resolve, reject }));
      channel.send({ type: 'unload', modelSha256: key }, []);
      await answer;
    },
    dispose() {
      failEverything(new InferenceError('cancelled', 'The model runtime was closed.'));
      channel.terminate();
    },
  };
}
