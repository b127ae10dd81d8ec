/**
 * Runs the SAH slice model over HU slices with onnxruntime-web (wasm, in Node): one score per
 * slice, fed the way the manifest says (input name and NCHW shape, no preprocessing).
 */
import * as ort from 'onnxruntime-web';
import type { ModelManifest } from '../../src/core/models/manifest';
import type { HuSlice } from '../../server/demo/phantomHu';

export interface SliceScorer {
  score(slice: HuSlice): Promise<number>;
  release(): Promise<void>;
}

export async function sliceScorer(manifest: ModelManifest, model: Uint8Array): Promise<SliceScorer> {
  const [input] = manifest.inputs;
  const [output] = manifest.outputs;
  if (!input || !output) throw new Error(`${manifest.id}: the manifest names no input or no output`);
  const session = await ort.InferenceSession.create(model, { executionProviders: ['wasm'] });
  return {
    async score(slice) {
      const result = await session.run({ [input.name]: new ort.Tensor('float32', slice.hu, [1, 1, slice.height, slice.width]) });
      const data = result[output.name]?.data;
      if (!(data instanceof Float32Array) || data.length !== 1) throw new Error(`${manifest.id}: expected one float score from ${output.name}`);
      return data[0]!;
    },
    release: () => session.release(),
  };
}
