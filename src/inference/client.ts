/**
 * What the app asks of inference: run a model over some inputs, hear proposals as they come, cancel.
 * `createInferenceClient` (workerClient.ts) implements it over the worker of workers/inference;
 * everything on the page talks to this interface only.
 */
import type { ModelManifest } from '../core/models/manifest';
import type { ModelPrompt, PromptTarget } from '../core/models/modelInput';
import type { ProposalDraft } from '../core/models/proposalDraft';
import type { InputToRun } from '../../workers/inference/encodedImage';
import type { InferenceErrorCode, JobPriority, LoadedBackend } from '../../workers/inference/messages';

export interface RunProgress {
  readonly done: number;
  readonly total: number;
  /** Estimated from the inputs done so far; absent until the first is. */
  readonly msLeft?: number;
}

export interface RunRequest {
  readonly manifest: ModelManifest;
  /** Called once per input for the pixels (or a frame's file, decoded in the worker); lets a series be read lazily, slice by slice. */
  readonly inputs: readonly (() => Promise<InputToRun>)[];
  readonly priority: JobPriority;
  /** Promptable models only: the prompts of one outline (positive and negative clicks, a box). */
  readonly prompts?: readonly ModelPrompt[];
  /** Promptable models only: the question and class the outline answers, over the manifest's mapping. */
  readonly target?: PromptTarget;
  readonly threshold?: number;
  readonly onProposals?: (targetId: string, proposals: readonly ProposalDraft[]) => void;
  readonly onProgress?: (progress: RunProgress) => void;
}

export interface RunSummary {
  readonly done: number;
  readonly total: number;
  readonly cancelled: boolean;
  readonly backend: LoadedBackend;
}

export interface RunHandle {
  cancel(): void;
  /** Resolves when every input is done or the run was cancelled; rejects with `InferenceError`. */
  readonly finished: Promise<RunSummary>;
}

export class InferenceError extends Error {
  constructor(
    readonly code: InferenceErrorCode,
    sentence: string,
  ) {
    super(sentence);
    this.name = 'InferenceError';
  }
}

export interface InferenceClient {
  run(request: RunRequest): RunHandle;
  /** Frees a model's session (and its WebGPU/WASM memory). */
  unload(manifest: ModelManifest): Promise<void>;
  /** Ends the worker. */
  dispose(): void;
}
