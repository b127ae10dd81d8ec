/**
 * Runs a task pipeline with real onnxruntime-web sessions in Node, the way the inference worker
 * does in the browser (prepare → session → decode; encoder → prepareDecoder → decoder for
 * promptable models): for tests and evaluation scripts.
 */
import * as ort from 'onnxruntime-web';
import type { ModelManifest } from '../../src/core/models/manifest';
import type { ModelInput, ModelPrompt, PromptTarget } from '../../src/core/models/modelInput';
import type { ProposalDraft } from '../../src/core/models/proposalDraft';
import type { FeedTensor, TaskPipeline, Tensors } from '../../src/core/models/taskPipeline';

export type ModelSessions =
  | { readonly kind: 'single'; readonly model: ort.InferenceSession }
  | { readonly kind: 'encoderDecoder'; readonly encoder: ort.InferenceSession; readonly decoder: ort.InferenceSession };

export function openSession(bytes: Uint8Array): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
}

function toOrt(tensors: Tensors): Record<string, ort.Tensor> {
  return Object.fromEntries(Object.entries(tensors).map(([name, t]) => [name, new ort.Tensor(t.dtype, t.data, t.dims)]));
}

function fromOrt(results: ort.InferenceSession.ReturnType): Tensors {
  return Object.fromEntries(
    Object.entries(results).map(([name, t]): [string, FeedTensor] => [name, { dtype: t.type as FeedTensor['dtype'], dims: t.dims, data: t.data as FeedTensor['data'] }]),
  );
}

export async function runPipeline<C>(
  pipeline: TaskPipeline<C>,
  manifest: ModelManifest,
  sessions: ModelSessions,
  input: ModelInput,
  options: { readonly prompts?: readonly ModelPrompt[]; readonly target?: PromptTarget; readonly threshold?: number } = {},
): Promise<ProposalDraft[]> {
  const threshold = options.threshold ?? manifest.decode.threshold;
  const drafts: ProposalDraft[] = [];
  for (const step of pipeline.prepare(manifest, input)) {
    if (sessions.kind === 'single') {
      drafts.push(...pipeline.decode(manifest, fromOrt(await sessions.model.run(toOrt(step.feeds))), step.context, threshold, options.target));
      continue;
    }
    if (!options.prompts?.length || !pipeline.prepareDecoder) throw new Error('an encoder + decoder model needs prompts and a pipeline with prepareDecoder');
    const embeddings = fromOrt(await sessions.encoder.run(toOrt(step.feeds)));
    const decoderFeeds = pipeline.prepareDecoder(manifest, embeddings, step.context, options.prompts);
    drafts.push(...pipeline.decode(manifest, fromOrt(await sessions.decoder.run(toOrt(decoderFeeds))), step.context, threshold, options.target));
  }
  return pipeline.merge ? [...pipeline.merge(drafts)] : drafts;
}
