/**
 * A tiny SAM-shaped encoder + decoder, so tests run the promptable contract end to end with real
 * onnxruntime sessions (prepare → encoder → prepareDecoder → decoder → decode) without real
 * weights. It has the SAM ONNX export's tensor names and ranks at toy sizes: a 64 px encoder input,
 * embeddings [1, 8, 16, 16], mask_input [1, 1, 64, 64]. The decoder's masks are discs around the
 * first prompt point, at the original image size: mask k has logit R_k² − d², d the distance (in
 * the resized frame) of a pixel from the point, and `iou_predictions` ranks the larger disc first,
 * so a pipeline that mis-scales coordinates or keeps the wrong mask is caught. Not a model for users.
 */
import { createHash } from 'node:crypto';
import type { ModelManifest } from '../../src/core/models/manifest';
import { buildModel, floatTensor, int64Tensor, node, valueInfo } from '../onnx/graph';

export const TINY_SAM = {
  encoderSize: 64,
  embeddingChannels: 8,
  embeddingSide: 16,
  /** Disc radii of the two masks, in the resized (encoder) frame's px. */
  radii: [6, 10],
  /** Predicted IoU of each mask: the second (radius 10) is the best. */
  iou: [0.35, 0.88],
} as const;

const OPSET = 17;

export function buildTinySamEncoder(): Uint8Array {
  const { encoderSize: size, embeddingChannels: channels, embeddingSide: side } = TINY_SAM;
  const stride = size / side;
  const weights = Array.from({ length: channels * 3 }, (_, i) => ((i % 5) - 2) / 10);
  return buildModel({
    name: 'tiny-sam-encoder',
    opset: OPSET,
    description: 'Tiny SAM-shaped image encoder for tests: average pooling and a 1×1 convolution.',
    nodes: [
      node({ op: 'AveragePool', inputs: ['image'], outputs: ['pooled'], intAttributes: { kernel_shape: [stride, stride], strides: [stride, stride] } }),
      node({ op: 'Conv', inputs: ['pooled', 'projection'], outputs: ['image_embeddings'] }),
    ],
    inputs: [valueInfo('image', 'float32', [1, 3, size, size])],
    outputs: [valueInfo('image_embeddings', 'float32', [1, channels, side, side])],
    initializers: [floatTensor('projection', [channels, 3, 1, 1], weights)],
  });
}

export function buildTinySamDecoder(): Uint8Array {
  const { encoderSize: size, embeddingChannels: channels, embeddingSide: side, radii, iou } = TINY_SAM;
  const n = (op: string, inputs: string[], outputs: string[], intAttributes?: Record<string, number | number[]>) =>
    node({ op, inputs, outputs, ...(intAttributes ? { intAttributes } : {}) });
  return buildModel({
    name: 'tiny-sam-decoder',
    opset: OPSET,
    description: 'Tiny SAM-shaped mask decoder for tests: discs around the first prompt point.',
    nodes: [
      // Pixel-index grids of the original image, scaled into the resized frame.
      n('Cast', ['orig_im_size'], ['size_i'], { to: 7 }),
      n('Gather', ['size_i', 'i0'], ['height_i']),
      n('Gather', ['size_i', 'i1'], ['width_i']),
      n('Range', ['zero_i', 'height_i', 'one_i'], ['rows_i']),
      n('Range', ['zero_i', 'width_i', 'one_i'], ['columns_i']),
      n('Cast', ['rows_i'], ['rows'], { to: 1 }),
      n('Cast', ['columns_i'], ['columns'], { to: 1 }),
      n('ReduceMax', ['orig_im_size'], ['longest'], { keepdims: 0 }),
      n('Div', ['encoder_size', 'longest'], ['ratio']),
      n('Mul', ['rows', 'ratio'], ['y']),
      n('Mul', ['columns', 'ratio'], ['x']),
      // The first prompt point.
      n('Gather', ['point_coords', 'i0'], ['first_point_batch'], { axis: 1 }),
      n('Reshape', ['first_point_batch', 'shape_2'], ['first_point']),
      n('Gather', ['first_point', 'i0'], ['px']),
      n('Gather', ['first_point', 'i1'], ['py']),
      // Squared distance of every pixel from it: [H, 1] + [1, W].
      n('Sub', ['x', 'px'], ['dx']),
      n('Mul', ['dx', 'dx'], ['dx2']),
      n('Sub', ['y', 'py'], ['dy']),
      n('Mul', ['dy', 'dy'], ['dy2']),
      n('Unsqueeze', ['dy2', 'axes_1'], ['dy2_column']),
      n('Unsqueeze', ['dx2', 'axes_0'], ['dx2_row']),
      n('Add', ['dy2_column', 'dx2_row'], ['d2']),
      n('Sub', ['r0_squared', 'd2'], ['disc0']),
      n('Sub', ['r1_squared', 'd2'], ['disc1']),
      n('Unsqueeze', ['disc0', 'axes_01'], ['mask0']),
      n('Unsqueeze', ['disc1', 'axes_01'], ['mask1']),
      n('Concat', ['mask0', 'mask1'], ['masks'], { axis: 1 }),
      // The embeddings reach the scores (times zero), so the decoder really takes the encoder's output.
      n('ReduceMean', ['image_embeddings'], ['embedding_mean'], { keepdims: 0 }),
      n('Mul', ['embedding_mean', 'zero_f'], ['nothing']),
      n('Add', ['iou_constant', 'nothing'], ['iou_predictions']),
      n('Identity', ['low_res_constant'], ['low_res_masks']),
    ],
    inputs: [
      valueInfo('image_embeddings', 'float32', [1, channels, side, side]),
      valueInfo('point_coords', 'float32', [1, 'num_points', 2]),
      valueInfo('point_labels', 'float32', [1, 'num_points']),
      valueInfo('mask_input', 'float32', [1, 1, 4 * side, 4 * side]),
      valueInfo('has_mask_input', 'float32', [1]),
      valueInfo('orig_im_size', 'float32', [2]),
    ],
    outputs: [
      valueInfo('masks', 'float32', [1, 2, 'height', 'width']),
      valueInfo('iou_predictions', 'float32', [1, 2]),
      valueInfo('low_res_masks', 'float32', [1, 2, 4 * side, 4 * side]),
    ],
    initializers: [
      int64Tensor('i0', [], [0]),
      int64Tensor('i1', [], [1]),
      int64Tensor('zero_i', [], [0]),
      int64Tensor('one_i', [], [1]),
      int64Tensor('shape_2', [1], [2]),
      int64Tensor('axes_0', [1], [0]),
      int64Tensor('axes_1', [1], [1]),
      int64Tensor('axes_01', [2], [0, 1]),
      floatTensor('encoder_size', [], [size]),
      floatTensor('zero_f', [], [0]),
      floatTensor('r0_squared', [], [radii[0] ** 2]),
      floatTensor('r1_squared', [], [radii[1] ** 2]),
      floatTensor('iou_constant', [1, 2], [...iou]),
      floatTensor('low_res_constant', [1, 2, 4 * side, 4 * side], new Array<number>(2 * 16 * side * side).fill(0)),
    ],
  });
}

const fileOf = (bytes: Uint8Array) => ({ sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length });

/** The manifest a user would upload with such a pair (SAM's ImageNet normalisation, 64 px encoder). */
export function tinySamManifest(encoder: Uint8Array, decoder: Uint8Array): ModelManifest {
  const { encoderSize: size, embeddingChannels: channels, embeddingSide: side } = TINY_SAM;
  return {
    id: 'tiny-sam-test',
    version: '0.0.1',
    name: 'Tiny SAM-shaped test model',
    description: 'A test fixture with the SAM export’s tensors; its masks are discs around the click.',
    licence: 'MIT',
    source: 'Generated by scripts/models/tinySam.ts for tests',
    task: 'promptableSegmentation',
    itemKinds: ['series', 'slide', 'frames'],
    opset: OPSET,
    inputs: [
      { name: 'image', dtype: 'float32', shape: [1, 3, size, size] },
      { name: 'point_coords', dtype: 'float32', shape: [1, 'num_points', 2] },
      { name: 'point_labels', dtype: 'float32', shape: [1, 'num_points'] },
      { name: 'mask_input', dtype: 'float32', shape: [1, 1, 4 * side, 4 * side] },
      { name: 'has_mask_input', dtype: 'float32', shape: [1] },
      { name: 'orig_im_size', dtype: 'float32', shape: [2] },
    ],
    outputs: [
      { name: 'image_embeddings', dtype: 'float32', shape: [1, channels, side, side] },
      { name: 'masks', dtype: 'float32', shape: [1, 2, 'height', 'width'] },
      { name: 'iou_predictions', dtype: 'float32', shape: [1, 2] },
      { name: 'low_res_masks', dtype: 'float32', shape: [1, 2, 4 * side, 4 * side] },
    ],
    preprocess: [
      { op: 'ctWindow', center: 40, width: 80 },
      { op: 'resize', width: size, height: size, mode: 'letterbox' },
      { op: 'normalise', mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] },
    ],
    decode: { activation: 'none', threshold: 0.5, maskToPolygon: { minArea: 4, simplify: 0.25 } },
    labelSetId: 'gastric-biopsy',
    outputsToLabels: [{ questionId: 'lesion', classes: [{ index: 0, classCode: 'lesion.other' }] }],
    files: { kind: 'encoderDecoder', encoder: fileOf(encoder), decoder: fileOf(decoder) },
  };
}
