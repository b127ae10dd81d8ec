/**
 * How one kind of model task turns a `ModelInput` into input tensors and output tensors into
 * proposal drafts. Pure functions over typed arrays (no onnxruntime types), so they run in the
 * inference worker, in Node tests and in the evaluation scripts alike. The worker picks the
 * pipeline by `manifest.task` from pipelines.ts.
 */
import type { ModelManifest, TensorDtype } from './manifest';
import type { ModelInput, ModelPrompt, PromptTarget } from './modelInput';
import type { ProposalDraft } from './proposalDraft';

export type TensorData = Float32Array | Uint8Array | Int32Array | BigInt64Array;

export interface FeedTensor {
  readonly dtype: TensorDtype;
  readonly dims: readonly number[];
  readonly data: TensorData;
}

export type Tensors = Readonly<Record<string, FeedTensor>>;

/**
 * One session run's worth of input. A slide region becomes several (overlapping tiles); `context`
 * carries what decoding needs to map back (scale, offset, padding) to the item's pixel frame.
 */
export interface PreparedStep<C> {
  readonly feeds: Tensors;
  readonly context: C;
}

export interface TaskPipeline<C = unknown> {
  prepare(manifest: ModelManifest, input: ModelInput): readonly PreparedStep<C>[];
  /**
   * Encoder + decoder models only: the decoder's feeds for the prompts of one outline (clicks and a
   * box together), from the encoder's outputs (which the worker keeps per image, so a further click
   * on the same image skips the encoder).
   */
  prepareDecoder?(manifest: ModelManifest, encoderOutputs: Tensors, context: C, prompts: readonly ModelPrompt[]): Tensors;
  /** `target`: promptable models only, the question and class the outline answers (over the mapping). */
  decode(manifest: ModelManifest, outputs: Tensors, context: C, threshold: number, target?: PromptTarget): readonly ProposalDraft[];
  /** Joins the drafts of overlapping steps (objects on a tile seam found twice); identity if absent. */
  merge?(drafts: readonly ProposalDraft[]): readonly ProposalDraft[];
}
