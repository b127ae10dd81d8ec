/**
 * The inference worker's logic, free of the Worker itself: requests in, responses out through
 * `post`. The worker file wires it to `self`; tests drive it directly with real onnxruntime
 * sessions. Each input is prepared, run and decoded by the pipeline of the model's task (or, for a
 * built-in model, handed to its code), and its proposals are posted as soon as they are decoded.
 */
import type { ModelManifest } from '../../src/core/models/manifest';
import { modelKey } from '../../src/core/models/modelKey';
import { pipelineFor } from '../../src/core/models/pipelines';
import type { ModelInput, ModelPrompt, PromptTarget } from '../../src/core/models/modelInput';
import type { ProposalDraft } from '../../src/core/models/proposalDraft';
import { runBuiltin } from '../../src/core/models/regionGrower';
import type { Tensors } from '../../src/core/models/taskPipeline';
import { decodedInput, type DecodeImage, type InputToRun } from './encodedImage';
import { InferenceFailure, runFailure } from './failure';
import { JobQueue, type QueuedJob } from './jobQueue';
import type { InferenceRequest, InferenceResponse, JobPriority } from './messages';
import { SessionCache, type BuiltinModel, type OnnxModel, type RuntimeEnvironment } from './sessions';
import { fromOrtOutputs, toOrtFeeds } from './tensors';

export type Post = (response: InferenceResponse) => void;

interface RunJob extends QueuedJob {
  readonly modelSha256: string;
  readonly inputs: readonly InputToRun[];
  readonly prompts?: readonly ModelPrompt[];
  readonly target?: PromptTarget;
  readonly threshold?: number;
}

/** Milliseconds spent on one input, summed over the steps it became (as `progress` reports them). */
interface Timings {
  prepare: number;
  run: number;
  decode: number;
}

/** The encoder's outputs for the last image, so further clicks on it run only the decoder. */
interface EncoderMemo {
  readonly key: string;
  readonly outputs: Tensors;
}

/** Which image an input is: its target, and for a region of a slide, where and at what scale. */
function imageKey(modelSha256: string, input: ModelInput): string {
  const place = input.kind === 'rgbaImage' ? `@${input.origin.join(',')}x${input.scale}` : '';
  return `${modelSha256}/${input.targetId}/${input.width}x${input.height}${place}`;
}

/** A promptable model run without prompts. */
function promptsNeeded(manifest: ModelManifest): InferenceFailure {
  return new InferenceFailure({ code: 'input_mismatch', sentence: `“${manifest.name}” outlines what you point at: click on the image to prompt it.` });
}

export interface InferenceHost {
  handle(request: InferenceRequest): void;
  /** Resolves when no job is left (tests). */
  idle(): Promise<void>;
}

const now = () => performance.now();

/** `decodeImage` turns an image file sent to run (a frame) into pixels, here in the worker. */
export function createInferenceHost(post: Post, environment: RuntimeEnvironment, decodeImage: DecodeImage): InferenceHost {
  const sessions = new SessionCache(environment);
  let encoderMemo: EncoderMemo | null = null;

  async function encoderOutputs(model: OnnxModel, input: ModelInput, feeds: Tensors): Promise<Tensors> {
    const key = imageKey(model.key, input);
    if (encoderMemo?.key === key) return encoderMemo.outputs;
    const outputs = await fromOrtOutputs(await model.session.run(toOrtFeeds(feeds)));
    encoderMemo = { key, outputs };
    return outputs;
  }

  /** A built-in model: its own code in one pass, all of which counts as the run. */
  function builtinProposals(model: BuiltinModel, job: RunJob, input: ModelInput, timings: Timings): readonly ProposalDraft[] {
    if (!job.prompts?.length) throw promptsNeeded(model.manifest);
    const started = now();
    const proposals = runBuiltin(model.manifest, input, job.prompts, job.target);
    timings.run = now() - started;
    return proposals;
  }

  /** An ONNX model: the task pipeline prepares, the sessions run (encoder once per image, then decoder), the pipeline decodes. */
  async function onnxProposals(model: OnnxModel, job: RunJob, input: ModelInput, timings: Timings): Promise<readonly ProposalDraft[]> {
    const { manifest } = model;
    const pipeline = pipelineFor(manifest.task);
    const threshold = job.threshold ?? manifest.decode.threshold;
    let started = now();
    const steps = pipeline.prepare(manifest, input);
    timings.prepare += now() - started;
    let drafts: ProposalDraft[] = [];
    for (const step of steps) {
      started = now();
      let outputs: Tensors;
      try {
        if (model.decoder) {
          if (!job.prompts?.length || !pipeline.prepareDecoder) throw promptsNeeded(manifest);
          const encoded = await encoderOutputs(model, input, step.feeds);
          const decoderFeeds = pipeline.prepareDecoder(manifest, encoded, step.context, job.prompts);
          outputs = await fromOrtOutputs(await model.decoder.run(toOrtFeeds(decoderFeeds)));
        } else {
          outputs = await fromOrtOutputs(await model.session.run(toOrtFeeds(step.feeds)));
        }
      } catch (error) {
        throw error instanceof InferenceFailure ? error : new InferenceFailure(runFailure(error, step.feeds));
      }
      timings.run += now() - started;
      started = now();
      drafts = drafts.concat(pipeline.decode(manifest, outputs, step.context, threshold, job.target));
      timings.decode += now() - started;
    }
    if (pipeline.merge) {
      started = now();
      drafts = [...pipeline.merge(drafts)];
      timings.decode += now() - started;
    }
    return drafts;
  }

  /** One input of a job: its proposals and timings posted as soon as they are known. */
  async function runInput(job: RunJob, index: number): Promise<void> {
    const loading = sessions.get(job.modelSha256);
    if (!loading) throw new InferenceFailure({ code: 'not_loaded', sentence: 'The model is not loaded; load it before running it.' });
    const model = await loading;
    const timings: Timings = { prepare: 0, run: 0, decode: 0 };
    const started = now();
    const input = await decodedInput(job.inputs[index] as InputToRun, decodeImage).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      throw new InferenceFailure({ code: 'failed', sentence: `The image could not be decoded: ${reason.replace(/\.$/, '')}.` });
    });
    timings.prepare = now() - started;
    const proposals = model.kind === 'builtin' ? builtinProposals(model, job, input, timings) : await onnxProposals(model, job, input, timings);
    post({ type: 'progress', jobId: job.jobId, done: index + 1, total: job.total, targetId: input.targetId, proposals, timings });
  }

  const queue = new JobQueue<RunJob>({
    runInput,
    finished: (job) => post({ type: 'finished', jobId: job.jobId, done: job.total, total: job.total }),
    failed(job, error) {
      const failure = error instanceof InferenceFailure ? error.failure : runFailure(error);
      post({ type: 'error', jobId: job.jobId, modelSha256: job.modelSha256, ...failure });
    },
    cancelled: (job, done) => post({ type: 'error', jobId: job.jobId, modelSha256: job.modelSha256, code: 'cancelled', sentence: `Stopped after ${done} of ${job.total}.` }),
  });

  async function load(request: Extract<InferenceRequest, { type: 'load' }>): Promise<void> {
    try {
      const model = await sessions.load(request.manifest, request.files, request.backend);
      if (model.kind === 'builtin') {
        // Plain JavaScript on the worker's one thread: no runtime, no threads, no SIMD.
        post({ type: 'loaded', modelSha256: model.key, backend: 'builtin', threads: 1, simd: false });
        return;
      }
      post({
        type: 'loaded',
        modelSha256: model.key,
        backend: model.backend,
        threads: model.backend === 'wasm' ? sessions.wasmThreads : 1,
        // onnxruntime-web 1.30 ships only SIMD builds of its WASM: it runs with SIMD or not at all.
        simd: true,
        ...(model.fallbackReason ? { fallbackReason: model.fallbackReason } : {}),
      });
    } catch (error) {
      const failure = error instanceof InferenceFailure ? error.failure : runFailure(error);
      post({ type: 'error', modelSha256: modelKey(request.manifest), ...failure });
    }
  }

  async function unload(modelSha256: string): Promise<void> {
    queue.cancelWhere((job) => job.modelSha256 === modelSha256);
    // The input running now finishes on the session before it is released.
    await queue.inputSettled();
    if (encoderMemo?.key.startsWith(`${modelSha256}/`)) encoderMemo = null;
    await sessions.unload(modelSha256);
    post({ type: 'unloaded', modelSha256 });
  }

  function run(request: Extract<InferenceRequest, { type: 'run' }>, priority: JobPriority): void {
    queue.enqueue({
      jobId: request.jobId,
      priority,
      total: request.inputs.length,
      modelSha256: request.modelSha256,
      inputs: request.inputs,
      ...(request.prompts ? { prompts: request.prompts } : {}),
      ...(request.target ? { target: request.target } : {}),
      ...(request.threshold !== undefined ? { threshold: request.threshold } : {}),
    });
  }

  return {
    handle(request) {
      switch (request.type) {
        case 'load':
          void load(request);
          break;
        case 'run':
          run(request, request.priority);
          break;
        case 'cancel':
          queue.cancel(request.jobId);
          break;
        case 'unload':
          void unload(request.modelSha256);
          break;
      }
    },
    idle: () => queue.idle(),
  };
}
