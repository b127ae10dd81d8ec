/**
 * Slice, frame and image classification: one image in, one label proposal per question out.
 * Output `k` of the manifest feeds mapping `k` when the model has one output per mapping, else
 * every mapping reads the first output. Each mapping proposes its best-scoring class when that
 * reaches the threshold, else its `otherwiseClassCode` (so "nothing here" is a proposal a person
 * can confirm), scored by the probability of the class it proposes.
 */
import type { ModelManifest, OutputMapping } from '../manifest';
import type { ProposalDraft } from '../proposalDraft';
import type { TaskPipeline, Tensors } from '../taskPipeline';
import { activate } from './activation';
import { prepareImage, type ImageContext } from './prepareImage';
import { PipelineError } from './pipelineError';

function outputFor(manifest: ModelManifest, outputs: Tensors, mappingIndex: number): Float64Array {
  const spec = manifest.outputs.length === manifest.outputsToLabels.length ? manifest.outputs[mappingIndex] : manifest.outputs[0];
  const tensor = spec ? outputs[spec.name] : undefined;
  if (!spec || !tensor) throw new PipelineError('model_invalid', `The model gave no output “${spec?.name ?? '(none named)'}” that its manifest maps to labels.`);
  if (tensor.data instanceof BigInt64Array) throw new PipelineError('model_invalid', `The model's output “${spec.name}” holds integers; classification needs scores.`);
  return activate(manifest.decode.activation, tensor.data);
}

function proposalFor(mapping: OutputMapping, probabilities: Float64Array, targetId: string, threshold: number): ProposalDraft | null {
  let best: { classCode: string; score: number } | null = null;
  for (const { index, classCode } of mapping.classes) {
    const score = probabilities[index];
    if (score === undefined) throw new PipelineError('model_invalid', `The manifest maps score ${index} to “${classCode}”, but the model gives only ${probabilities.length} scores.`);
    if (!best || score > best.score) best = { classCode, score };
  }
  if (best && best.score >= threshold) return { type: 'label', questionId: mapping.questionId, targetId, classCode: best.classCode, score: best.score };
  const otherwise = mapping.otherwiseClassCode;
  if (otherwise === undefined) return null;
  // Its own score when the model scores it, else the chance that none of the mapped classes is present.
  const own = mapping.classes.find((c) => c.classCode === otherwise);
  const score = own ? (probabilities[own.index] as number) : 1 - (best?.score ?? 0);
  return { type: 'label', questionId: mapping.questionId, targetId, classCode: otherwise, score };
}

export const classificationPipeline: TaskPipeline<ImageContext> = {
  prepare: (manifest, input) => [prepareImage(manifest, input)],
  decode(manifest, outputs, context, threshold) {
    const drafts: ProposalDraft[] = [];
    manifest.outputsToLabels.forEach((mapping, k) => {
      const draft = proposalFor(mapping, outputFor(manifest, outputs, k), context.targetId, threshold);
      if (draft) drafts.push(draft);
    });
    return drafts;
  },
};
