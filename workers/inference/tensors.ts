/** Plain tensors (what pipelines speak) to and from onnxruntime's. */
import * as ort from 'onnxruntime-web';
import type { FeedTensor, TensorData, Tensors } from '../../src/core/models/taskPipeline';
import type { TensorDtype } from '../../src/core/models/manifest';

export function toOrtFeeds(feeds: Tensors): Record<string, ort.Tensor> {
  const out: Record<string, ort.Tensor> = {};
  for (const [name, tensor] of Object.entries(feeds)) out[name] = new ort.Tensor(tensor.dtype, tensor.data, [...tensor.dims]);
  return out;
}

const DTYPES: readonly TensorDtype[] = ['float32', 'uint8', 'int32', 'int64', 'bool'];

/** The outputs as plain tensors; tensors of other types (strings, float16) are left out. */
export async function fromOrtOutputs(outputs: ort.InferenceSession.OnnxValueMapType): Promise<Tensors> {
  const out: Record<string, FeedTensor> = {};
  for (const [name, value] of Object.entries(outputs)) {
    if (!(value instanceof ort.Tensor) || !DTYPES.includes(value.type as TensorDtype)) continue;
    // getData() also reads tensors a WebGPU session left on the GPU.
    const data = (await value.getData(true)) as TensorData;
    out[name] = { dtype: value.type as TensorDtype, dims: [...value.dims], data };
  }
  return out;
}
