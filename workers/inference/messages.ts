/**
 * The conversation between the page and an inference worker. Every message is plain data (buffers
 * transferred), so the worker can be driven from tests the same way the app drives it.
 */
import type { ModelManifest } from '../../src/core/models/manifest';
import type { ModelPrompt, PromptTarget } from '../../src/core/models/modelInput';
import type { ProposalDraft } from '../../src/core/models/proposalDraft';
import type { InputToRun } from './encodedImage';

export type Backend = 'webgpu' | 'wasm';

/**
 * Where a loaded model runs: an onnxruntime backend, or `builtin` (the app's own code, run in the
 * worker's JavaScript on one thread, with no runtime session).
 */
export type LoadedBackend = Backend | 'builtin';

/** An interactive request (a click-prompt) runs before any queued batch step. */
export type JobPriority = 'interactive' | 'batch';

export type InferenceRequest =
  /**
   * Creates (or reuses) a session; `files` are the ONNX bytes keyed by sha256, as the manifest names
   * them (none for a built-in model). Every later message names the model by its `modelKey`
   * (src/core/models/modelKey.ts), sent as `modelSha256`: a sha256, or `builtin:<id>@<version>`.
   */
  | {
      readonly type: 'load';
      readonly manifest: ModelManifest;
      readonly files: Readonly<Record<string, ArrayBuffer>>;
      readonly backend: Backend | 'auto';
    }
  /**
   * Runs the model on each input in turn, reporting after each. An input is pixels (a CT slice, a
   * slide region, their buffers transferred) or an image file the worker decodes (a frame).
   */
  | {
      readonly type: 'run';
      readonly jobId: string;
      readonly modelSha256: string;
      readonly priority: JobPriority;
      readonly inputs: readonly InputToRun[];
      /** Promptable models only: the prompts of one outline (clicks, negatives, a box), for every input. */
      readonly prompts?: readonly ModelPrompt[];
      /** Promptable models only: what the outline answers, over the manifest's mapping. */
      readonly target?: PromptTarget;
      /** Overrides the manifest's threshold (the run records the one it used). */
      readonly threshold?: number;
    }
  | { readonly type: 'cancel'; readonly jobId: string }
  /** Releases the session and its memory. */
  | { readonly type: 'unload'; readonly modelSha256: string };

export type InferenceErrorCode =
  | 'model_invalid'
  | 'operator_unsupported'
  | 'input_mismatch'
  | 'backend_unavailable'
  | 'out_of_memory'
  | 'not_loaded'
  | 'cancelled'
  | 'failed';

export type InferenceResponse =
  | {
      readonly type: 'loaded';
      readonly modelSha256: string;
      readonly backend: LoadedBackend;
      /** WASM: threads in use (1 unless the page is cross-origin isolated) and SIMD; a built-in model: 1, no SIMD. */
      readonly threads: number;
      readonly simd: boolean;
      /** Why the preferred backend was not used, when it was not. */
      readonly fallbackReason?: string;
    }
  /** One input done: its proposals stream to the page as they come. */
  | {
      readonly type: 'progress';
      readonly jobId: string;
      readonly done: number;
      readonly total: number;
      readonly targetId: string;
      readonly proposals: readonly ProposalDraft[];
      /** Milliseconds for this input: preprocess (an image file's decoding included), session run, decode. */
      readonly timings: { readonly prepare: number; readonly run: number; readonly decode: number };
    }
  | { readonly type: 'finished'; readonly jobId: string; readonly done: number; readonly total: number }
  | { readonly type: 'unloaded'; readonly modelSha256: string }
  /** `jobId` absent for load failures. A sentence a user can act on, not a stack trace. */
  | { readonly type: 'error'; readonly jobId?: string; readonly modelSha256?: string; readonly code: InferenceErrorCode; readonly sentence: string };
