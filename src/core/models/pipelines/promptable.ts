/**
 * Promptable segmentation with a SAM-family encoder + decoder (SAM, MobileSAM, MedSAM, SlimSAM as
 * exported by segment-anything's `export_onnx_model.py`), brought by the user as ONNX.
 *
 * Encoder: the image's longest side resized to the encoder's size S (aspect kept), normalised,
 * zero-padded right and below to S × S: `[1, 3, S, S]` under the manifest's encoder input name.
 * Decoder, with the export's tensor names: `image_embeddings` (the encoder's output),
 * `point_coords` [1, N, 2] in the resized frame (pixel-index coordinates), `point_labels` [1, N]
 * (1 positive, 0 negative, 2 and 3 a box's top-left and bottom-right corners, −1 padding),
 * `mask_input` [1, 1, 4h, 4w] zeros with `has_mask_input` [0], and `orig_im_size` [H, W]. Its
 * `masks` [1, M, H, W] are logits at the original size (the mask is where they exceed 0); the one
 * with the highest `iou_predictions` becomes the outline, scored by that prediction.
 */
import type { Geometry, Point } from '../../annotation';
import { labelComponents } from '../decode/components';
import { maskRings } from '../decode/maskRings';
import { ringsGeometry } from '../decode/ringsGeometry';
import type { ModelManifest, TensorSpec } from '../manifest';
import type { ModelInput, ModelPrompt, PromptTarget } from '../modelInput';
import { itemFrameOf, nchwTensor, sampleImageOf, stepOf, type ItemFrame } from '../preprocess/imageTensor';
import type { ProposalDraft } from '../proposalDraft';
import { promptTargetOf } from '../promptTarget';
import type { FeedTensor, TaskPipeline, Tensors } from '../taskPipeline';
import { PipelineError } from './pipelineError';

/** The decoder's input and output names in the SAM ONNX export. */
export const SAM_DECODER_INPUTS = ['image_embeddings', 'point_coords', 'point_labels', 'mask_input', 'has_mask_input', 'orig_im_size'] as const;
export const SAM_DECODER_OUTPUTS = { masks: 'masks', scores: 'iou_predictions' } as const;
const DEFAULT_ENCODER_SIZE = 1024;

export interface PromptableContext {
  readonly targetId: string;
  readonly imageWidth: number;
  readonly imageHeight: number;
  /** The image resized into the encoder's input (before padding). */
  readonly resizedWidth: number;
  readonly resizedHeight: number;
  readonly frame: ItemFrame;
}

export const promptablePipeline: TaskPipeline<PromptableContext> = {
  prepare(manifest, input) {
    return [prepareEncoder(manifest, input)];
  },
  prepareDecoder(manifest, encoderOutputs, context, prompts) {
    return decoderFeeds(embeddingsOf(manifest, encoderOutputs), context, prompts);
  },
  decode(manifest, outputs, context, threshold, target) {
    return decodeMasks(manifest, outputs, context, threshold, target);
  },
};

/** The encoder's image input: the manifest input that is not one of the decoder's. */
function encoderInput(manifest: ModelManifest): TensorSpec {
  const decoderNames: readonly string[] = SAM_DECODER_INPUTS;
  const spec = manifest.inputs.find((t) => !decoderNames.includes(t.name));
  if (!spec || spec.shape.length !== 4 || (typeof spec.shape[1] === 'number' && spec.shape[1] !== 3)) {
    throw new PipelineError('model_invalid', `The model “${manifest.name}” needs an image input of shape [1, 3, size, size] for its encoder.`);
  }
  return spec;
}

function encoderSize(manifest: ModelManifest, spec: TensorSpec): number {
  const resize = stepOf(manifest, 'resize');
  if (resize) return Math.max(resize.width, resize.height);
  const side = spec.shape[3];
  return typeof side === 'number' ? side : DEFAULT_ENCODER_SIZE;
}

function prepareEncoder(manifest: ModelManifest, input: ModelInput) {
  const spec = encoderInput(manifest);
  const size = encoderSize(manifest, spec);
  const ratio = size / Math.max(input.width, input.height);
  const resizedWidth = Math.max(1, Math.round(input.width * ratio));
  const resizedHeight = Math.max(1, Math.round(input.height * ratio));
  const image = sampleImageOf(input, stepOf(manifest, 'ctWindow'));
  const data = nchwTensor(image, { width: resizedWidth, height: resizedHeight, tensorWidth: size, tensorHeight: size }, stepOf(manifest, 'normalise'));
  return {
    feeds: { [spec.name]: { dtype: 'float32' as const, dims: [1, 3, size, size], data } },
    context: { targetId: input.targetId, imageWidth: input.width, imageHeight: input.height, resizedWidth, resizedHeight, frame: itemFrameOf(input) },
  };
}

/** The encoder output the decoder takes: `image_embeddings` by name, or the encoder's only output. */
function embeddingsOf(manifest: ModelManifest, encoderOutputs: Tensors): FeedTensor {
  const embeddings = encoderOutputs.image_embeddings ?? (Object.keys(encoderOutputs).length === 1 ? Object.values(encoderOutputs)[0] : undefined);
  if (!embeddings || embeddings.dims.length !== 4) {
    throw new PipelineError('model_invalid', `The encoder of “${manifest.name}” gave no image embeddings of shape [1, channels, height, width].`);
  }
  return embeddings;
}

/** Decoder feeds for prompts in the item's px frame. */
export function decoderFeeds(embeddings: FeedTensor, context: PromptableContext, prompts: readonly ModelPrompt[]): Tensors {
  const { frame } = context;
  const sx = context.resizedWidth / context.imageWidth;
  const sy = context.resizedHeight / context.imageHeight;
  // Item px → image px → SAM's pixel-index coordinates (pixel centres on integers) in the resized frame.
  const toModel = ([x, y]: Point): [number, number] => [((x - frame.origin[0]) / frame.scale - 0.5) * sx, ((y - frame.origin[1]) / frame.scale - 0.5) * sy];
  const coords: number[] = [];
  const labels: number[] = [];
  for (const prompt of prompts) {
    if (prompt.kind === 'point') {
      coords.push(...toModel(prompt.point));
      labels.push(prompt.positive ? 1 : 0);
    } else {
      coords.push(...toModel(prompt.topLeft), ...toModel(prompt.bottomRight));
      labels.push(2, 3);
    }
  }
  // Without a box the export expects a padding point (label −1), as its own example adds.
  if (!prompts.some((p) => p.kind === 'box')) {
    coords.push(0, 0);
    labels.push(-1);
  }
  const [, , height = 0, width = 0] = embeddings.dims;
  const maskSide = [4 * height, 4 * width];
  return {
    image_embeddings: embeddings,
    point_coords: { dtype: 'float32', dims: [1, labels.length, 2], data: Float32Array.from(coords) },
    point_labels: { dtype: 'float32', dims: [1, labels.length], data: Float32Array.from(labels) },
    mask_input: { dtype: 'float32', dims: [1, 1, maskSide[0]!, maskSide[1]!], data: new Float32Array(maskSide[0]! * maskSide[1]!) },
    has_mask_input: { dtype: 'float32', dims: [1], data: Float32Array.of(0) },
    orig_im_size: { dtype: 'float32', dims: [2], data: Float32Array.of(context.imageHeight, context.imageWidth) },
  };
}

function decodeMasks(manifest: ModelManifest, outputs: Tensors, context: PromptableContext, threshold: number, target?: PromptTarget): ProposalDraft[] {
  const masks = outputs[SAM_DECODER_OUTPUTS.masks];
  const scores = outputs[SAM_DECODER_OUTPUTS.scores];
  const label = promptTargetOf(manifest, target);
  if (!masks || !scores || masks.dims.length !== 4) {
    throw new PipelineError('model_invalid', `The decoder of “${manifest.name}” gave no “masks” [1, M, height, width] and “iou_predictions”.`);
  }
  if (!label) return [];
  const [, count = 0, height = 0, width = 0] = masks.dims;
  let best = 0;
  for (let m = 1; m < count; m++) if (Number(scores.data[m]) > Number(scores.data[best])) best = m;
  const score = Math.min(1, Math.max(0, Number(scores.data[best])));
  if (count === 0 || score < threshold) return [];

  const logits = masks.data as Float32Array;
  const plane = width * height;
  const mask = new Uint8Array(plane);
  for (let i = 0; i < plane; i++) mask[i] = logits[best * plane + i]! > 0 ? 1 : 0;
  const geometry = maskGeometry(manifest, dropSpecks(mask, width, height, manifest.decode.maskToPolygon?.minArea ?? 0), width, height, context);
  return geometry ? [{ type: 'shape', questionId: label.questionId, targetId: context.targetId, classCode: label.classCode, geometry, score }] : [];
}

/** Parts smaller than `minArea` mask px are noise, not the object. */
function dropSpecks(mask: Uint8Array, width: number, height: number, minArea: number): Uint8Array {
  if (minArea <= 1) return mask;
  const { labels, stats } = labelComponents(mask, width, height, 4);
  const small = new Set(stats.flatMap((component, k) => (component.area < minArea ? [k + 1] : [])));
  return small.size === 0 ? mask : mask.map((v, i) => (small.has(labels[i]!) ? 0 : v));
}

function maskGeometry(manifest: ModelManifest, mask: Uint8Array, width: number, height: number, context: PromptableContext): Geometry | null {
  const { origin, scale } = context.frame;
  const sx = (context.imageWidth / width) * scale;
  const sy = (context.imageHeight / height) * scale;
  const toItem = ([x, y]: Point): Point => [origin[0] + x * sx, origin[1] + y * sy];
  // The manifest's tolerance is in model input px; the mask is at the image's size.
  const tolerance = (manifest.decode.maskToPolygon?.simplify ?? 0.5) * (context.imageWidth / context.resizedWidth) * (width / context.imageWidth);
  return ringsGeometry(maskRings(mask, width, height), tolerance, toItem);
}
