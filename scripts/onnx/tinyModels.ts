/**
 * Small ONNX graphs with known answers, for the inference tests and the `inference` benchmark. Each
 * takes one grey image x: 1×1×H×W (float32) and is cheap to build; their arithmetic is stated so a
 * test can compute the expected score by hand.
 */
import { buildModel, floatTensor, int64Tensor, node, valueInfo } from './graph';

const OPSET = 17;

/** The bytes in an array of their own: protobufjs hands out a view into a larger Node Buffer. */
const own = (bytes: Uint8Array): Uint8Array => new Uint8Array(bytes);

/**
 * Two logits from the image mean m: [−k(m − 0.5), k(m − 0.5)] (output `logits`, 1×2). Softmax of
 * them gives p(bright) = sigmoid(2k(m − 0.5)). H and W are named (free) unless `size` fixes them.
 */
export function meanClassifier(k: number, size?: { readonly width: number; readonly height: number }): Uint8Array {
  return own(buildModel({
    name: 'mean-classifier',
    opset: OPSET,
    nodes: [
      node({ op: 'ReduceMean', inputs: ['x'], outputs: ['m'], intAttributes: { axes: [1, 2, 3], keepdims: 0 } }),
      node({ op: 'Sub', inputs: ['m', 'half'], outputs: ['centred'] }),
      node({ op: 'Mul', inputs: ['centred', 'k'], outputs: ['z'] }),
      node({ op: 'Neg', inputs: ['z'], outputs: ['negz'] }),
      node({ op: 'Concat', inputs: ['negz', 'z'], outputs: ['pair'], intAttributes: { axis: 0 } }),
      node({ op: 'Reshape', inputs: ['pair', 'shape'], outputs: ['logits'] }),
    ],
    inputs: [valueInfo('x', 'float32', [1, 1, size?.height ?? 'height', size?.width ?? 'width'])],
    outputs: [valueInfo('logits', 'float32', [1, 2])],
    initializers: [floatTensor('half', [], [0.5]), floatTensor('k', [], [k]), int64Tensor('shape', [2], [1, 2])],
  }));
}

/**
 * `layers` 3×3 convolutions of `channels` channels (ReLU between, weights a fixed smoothing), then
 * the mean as one logit (`score`, 1×1): the cost of a small CNN over a full slice, for benchmarks
 * and for runs long enough to cancel.
 */
export function convStack(layers: number, channels: number): Uint8Array {
  const nodes = [];
  const initializers = [];
  let previous = 'x';
  let inChannels = 1;
  for (let i = 0; i < layers; i += 1) {
    const weights = new Array<number>(channels * inChannels * 9).fill(1 / (9 * inChannels));
    initializers.push(floatTensor(`w${i}`, [channels, inChannels, 3, 3], weights), floatTensor(`b${i}`, [channels], new Array<number>(channels).fill(0)));
    nodes.push(node({ op: 'Conv', inputs: [previous, `w${i}`, `b${i}`], outputs: [`c${i}`], intAttributes: { kernel_shape: [3, 3], pads: [1, 1, 1, 1] } }));
    nodes.push(node({ op: 'Relu', inputs: [`c${i}`], outputs: [`r${i}`] }));
    previous = `r${i}`;
    inChannels = channels;
  }
  nodes.push(node({ op: 'ReduceMean', inputs: [previous], outputs: ['score'], intAttributes: { axes: [2, 3], keepdims: 0 } }));
  nodes.push(node({ op: 'ReduceMean', inputs: ['score'], outputs: ['logit'], intAttributes: { axes: [1], keepdims: 1 } }));
  return own(buildModel({
    name: 'conv-stack',
    opset: OPSET,
    nodes,
    inputs: [valueInfo('x', 'float32', [1, 1, 'height', 'width'])],
    outputs: [valueInfo('logit', 'float32', [1, 1])],
    initializers,
  }));
}

/** A graph naming an operator no runtime implements (`NoSuchOperator`), to see how that is reported. */
export function unknownOperator(): Uint8Array {
  return own(buildModel({
    name: 'unknown-operator',
    opset: OPSET,
    nodes: [node({ op: 'NoSuchOperator', inputs: ['x'], outputs: ['logits'] })],
    inputs: [valueInfo('x', 'float32', [1, 1, 'height', 'width'])],
    outputs: [valueInfo('logits', 'float32', [1, 2])],
  }));
}
