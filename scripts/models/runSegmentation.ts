/**
 * Runs a segmentation model over one region the way the inference worker does (prepare → session
 * per tile → decode → merge), with onnxruntime-web's wasm backend in Node: for tests and scripts.
 */
import * as ort from 'onnxruntime-web';
import type { ModelManifest } from '../../src/core/models/manifest';
import type { ModelInput } from '../../src/core/models/modelInput';
import { segmentationPipeline } from '../../src/core/models/pipelines/segmentation';
import type { ProposalDraft } from '../../src/core/models/proposalDraft';
import type { FeedTensor, Tensors } from '../../src/core/models/taskPipeline';

export async function runSegmentation(manifest: ModelManifest, session: ort.InferenceSession, input: ModelInput): Promise<ProposalDraft[]> {
  const drafts: ProposalDraft[] = [];
  for (const step of segmentationPipeline.prepare(manifest, input)) {
    const feeds = Object.fromEntries(Object.entries(step.feeds).map(([name, t]) => [name, new ort.Tensor('float32', t.data as Float32Array, [...t.dims])]));
    const outputs = await session.run(feeds);
    const tensors: Tensors = Object.fromEntries(
      Object.entries(outputs).map(([name, t]): [string, FeedTensor] => [name, { dtype: 'float32', dims: t.dims, data: t.data as Float32Array }]),
    );
    drafts.push(...segmentationPipeline.decode(manifest, tensors, step.context, manifest.decode.threshold));
  }
  return [...(segmentationPipeline.merge?.(drafts) ?? drafts)];
}
