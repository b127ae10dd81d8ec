/**
 * Small recurring pieces of the graphs this project builds, each a few ONNX nodes: soft (sigmoid)
 * thresholds and windows, a separable square min/max filter and a normalised Gaussian kernel.
 * Every helper names its nodes and constants after its output, so one graph can use a helper many
 * times.
 */
import type onnxProto from 'onnx-proto';
import { floatTensor, int64Tensor, node } from '../onnx/graph';

export interface GraphPart {
  readonly nodes: onnxProto.onnx.INodeProto[];
  readonly initializers: onnxProto.onnx.ITensorProto[];
}

export function emptyPart(): GraphPart {
  return { nodes: [], initializers: [] };
}

/** out = sigmoid((x − edge) / softness): 0 well below `edge`, 1 well above (softness < 0 flips it). */
export function softStep(part: GraphPart, x: string, out: string, edge: number, softness: number): void {
  part.initializers.push(floatTensor(`${out}.edge`, [], [edge]), floatTensor(`${out}.gain`, [], [1 / softness]));
  part.nodes.push(
    node({ op: 'Sub', inputs: [x, `${out}.edge`], outputs: [`${out}.shifted`] }),
    node({ op: 'Mul', inputs: [`${out}.shifted`, `${out}.gain`], outputs: [`${out}.scaled`] }),
    node({ op: 'Sigmoid', inputs: [`${out}.scaled`], outputs: [out] }),
  );
}

/** out ≈ 1 for x in [low, high], falling off over `softness` at both edges. */
export function softWindow(part: GraphPart, x: string, out: string, low: number, high: number, softness: number): void {
  softStep(part, x, `${out}.above`, low, softness);
  softStep(part, x, `${out}.below`, high, -softness);
  part.nodes.push(node({ op: 'Mul', inputs: [`${out}.above`, `${out}.below`], outputs: [out] }));
}

/** out = 1 − x. */
export function complement(part: GraphPart, x: string, out: string): void {
  part.initializers.push(floatTensor(`${out}.one`, [], [1]));
  part.nodes.push(node({ op: 'Sub', inputs: [`${out}.one`, x], outputs: [out] }));
}

/** Max over a (2r+1)² square of an NCHW tensor, as a row pass then a column pass; size kept. */
export function squareMax(part: GraphPart, x: string, out: string, radius: number): void {
  const side = 2 * radius + 1;
  part.nodes.push(
    node({ op: 'MaxPool', inputs: [x], outputs: [`${out}.rows`], intAttributes: { kernel_shape: [1, side], pads: [0, radius, 0, radius] } }),
    node({ op: 'MaxPool', inputs: [`${out}.rows`], outputs: [out], intAttributes: { kernel_shape: [side, 1], pads: [radius, 0, radius, 0] } }),
  );
}

/** Min over a (2r+1)² square (an erosion of a soft mask): 1 − max(1 − x). */
export function squareMin(part: GraphPart, x: string, out: string, radius: number): void {
  complement(part, x, `${out}.inverse`);
  squareMax(part, `${out}.inverse`, `${out}.inverseMax`, radius);
  complement(part, `${out}.inverseMax`, out);
}

/** A (2r+1)² Gaussian kernel of std `sigma` px, summing to 1, as Conv weights [1, 1, side, side]. */
export function gaussianKernel(radius: number, sigma: number): number[] {
  const weights: number[] = [];
  for (let y = -radius; y <= radius; y += 1) {
    for (let x = -radius; x <= radius; x += 1) weights.push(Math.exp(-(x * x + y * y) / (2 * sigma * sigma)));
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / sum);
}

/**
 * Convolves each channel of an NCHW tensor with its own (2r+1)² Gaussian; size kept. `zero` pads
 * with 0 (fine where borders are background: air on CT), `edge` repeats the border pixels (a tile
 * cut from a larger image, whose border is not background).
 */
export function gaussianBlur(part: GraphPart, x: string, out: string, channels: number, radius: number, sigma: number, padding: 'zero' | 'edge' = 'zero'): void {
  const side = 2 * radius + 1;
  const kernel = gaussianKernel(radius, sigma);
  part.initializers.push(floatTensor(`${out}.kernel`, [channels, 1, side, side], Array.from({ length: channels }, () => kernel).flat()));
  let source = x;
  if (padding === 'edge') {
    part.initializers.push(int64Tensor(`${out}.pads`, [8], [0, 0, radius, radius, 0, 0, radius, radius]));
    part.nodes.push(node({ op: 'Pad', inputs: [x, `${out}.pads`], outputs: [`${out}.padded`], attributes: { mode: 'edge' } }));
    source = `${out}.padded`;
  }
  const pads = padding === 'zero' ? [radius, radius, radius, radius] : [0, 0, 0, 0];
  part.nodes.push(
    node({ op: 'Conv', inputs: [source, `${out}.kernel`], outputs: [out], intAttributes: { kernel_shape: [side, side], pads, group: channels } }),
  );
}

/** Sum over height and width of an NCHW tensor: [N, C]. */
export function sumOverImage(part: GraphPart, x: string, out: string): void {
  part.initializers.push(int64Tensor(`${out}.axes`, [2], [2, 3]));
  part.nodes.push(node({ op: 'ReduceSum', inputs: [x, `${out}.axes`], outputs: [out], intAttributes: { keepdims: 0 } }));
}
