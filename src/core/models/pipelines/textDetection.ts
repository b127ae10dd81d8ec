/**
 * Burned-in text detection with a DB (differentiable binarisation) detector such as PaddleOCR's
 * PP-OCR det: the image is resized so its longest side is at most the manifest's `resize` size
 * and both sides are multiples of 32, normalised into NCHW; the output probability map is
 * binarised, each text kernel scored by its mean probability, fitted with a rotated rectangle and
 * grown back out by `unclipRatio` (the model predicts shrunk kernels), then mapped to item px.
 */
import type { Geometry, Point } from '../../annotation';
import { roundPoint } from '../../geometry/round';
import { labelComponents, type ComponentStats } from '../decode/components';
import { minAreaRect, rectCorners, type RotatedRect } from '../decode/minAreaRect';
import type { ModelManifest } from '../manifest';
import type { ModelInput } from '../modelInput';
import { itemFrameOf, nchwTensor, sampleImageOf, stepOf, type ItemFrame } from '../preprocess/imageTensor';
import type { ProposalDraft } from '../proposalDraft';
import type { PreparedStep, TaskPipeline, Tensors } from '../taskPipeline';

/** A map pixel is text kernel above this probability (PaddleOCR's `thresh`). */
const KERNEL_PROBABILITY = 0.3;
/** Boxes thinner than this (map px) are noise (PaddleOCR's `min_size`). */
const MIN_BOX_SIDE = 3;
/** More candidates than this on one image is not burned-in text but texture. */
const MAX_CANDIDATES = 1000;
const DEFAULT_MAX_SIDE = 960;
/** A box within this angle (radians) of the axes is proposed as a rectangle. */
const AXIS_TOLERANCE = 0.02;

export interface TextDetectionContext {
  readonly targetId: string;
  readonly imageWidth: number;
  readonly imageHeight: number;
  /** Size of the model input (and of its probability map). */
  readonly mapWidth: number;
  readonly mapHeight: number;
  readonly frame: ItemFrame;
}

export const textDetectionPipeline: TaskPipeline<TextDetectionContext> = {
  prepare(manifest, input) {
    return [prepareText(manifest, input)];
  },
  decode(manifest, outputs, context, threshold) {
    return decodeText(manifest, outputs, context, threshold);
  },
};

/** Sides scaled down to fit `maxSide`, each rounded to a multiple of 32 (at least 32). */
export function detectionSize(width: number, height: number, maxSide: number): { width: number; height: number } {
  const ratio = Math.min(1, maxSide / Math.max(width, height));
  const round32 = (side: number) => Math.max(32, Math.round((side * ratio) / 32) * 32);
  return { width: round32(width), height: round32(height) };
}

function prepareText(manifest: ModelManifest, input: ModelInput): PreparedStep<TextDetectionContext> {
  const resize = stepOf(manifest, 'resize');
  const size = detectionSize(input.width, input.height, resize ? Math.max(resize.width, resize.height) : DEFAULT_MAX_SIDE);
  const image = sampleImageOf(input, stepOf(manifest, 'ctWindow'));
  const data = nchwTensor(image, { ...size, tensorWidth: size.width, tensorHeight: size.height }, stepOf(manifest, 'normalise'));
  const inputName = manifest.inputs[0]?.name ?? 'x';
  return {
    feeds: { [inputName]: { dtype: 'float32', dims: [1, 3, size.height, size.width], data } },
    context: {
      targetId: input.targetId,
      imageWidth: input.width,
      imageHeight: input.height,
      mapWidth: size.width,
      mapHeight: size.height,
      frame: itemFrameOf(input),
    },
  };
}

function decodeText(manifest: ModelManifest, outputs: Tensors, context: TextDetectionContext, threshold: number): ProposalDraft[] {
  const output = outputs[manifest.outputs[0]?.name ?? ''] ?? Object.values(outputs)[0];
  const mapping = manifest.outputsToLabels[0];
  const classCode = mapping?.classes[0]?.classCode;
  if (!output || !mapping || !classCode) return [];
  const probability = output.data as Float32Array;
  const { mapWidth: width, mapHeight: height } = context;
  const kernel = new Uint8Array(width * height);
  for (let i = 0; i < kernel.length; i++) kernel[i] = probability[i]! > KERNEL_PROBABILITY ? 1 : 0;
  const { labels, stats } = labelComponents(kernel, width, height, 4);
  const minArea = manifest.decode.maskToPolygon?.minArea ?? 0;
  const unclipRatio = manifest.decode.maskToPolygon?.unclipRatio ?? 1.5;

  const drafts: ProposalDraft[] = [];
  for (const [k, component] of stats.slice(0, MAX_CANDIDATES).entries()) {
    if (component.area < minArea) continue;
    const { points, score } = kernelOutline(component, k + 1, labels, probability, width);
    if (score < threshold) continue;
    const rect = minAreaRect(points);
    if (Math.min(rect.width, rect.height) < MIN_BOX_SIDE) continue;
    const box = unclip(rect, unclipRatio);
    if (Math.min(box.width, box.height) < MIN_BOX_SIDE + 2) continue;
    drafts.push({ type: 'shape', questionId: mapping.questionId, targetId: context.targetId, classCode, geometry: boxGeometry(box, context), score });
  }
  return drafts;
}

/** Pixel corners at each row's ends (enough for the convex hull) and the mean probability inside. */
function kernelOutline(component: ComponentStats, label: number, labels: Int32Array, probability: Float32Array, width: number): { points: Point[]; score: number } {
  const points: Point[] = [];
  let sum = 0;
  for (let y = component.minY; y < component.maxY; y++) {
    let first = -1;
    let last = -1;
    for (let x = component.minX; x < component.maxX; x++) {
      const index = y * width + x;
      if (labels[index] !== label) continue;
      sum += probability[index]!;
      if (first < 0) first = x;
      last = x;
    }
    if (first >= 0) points.push([first, y], [first, y + 1], [last + 1, y], [last + 1, y + 1]);
  }
  return { points, score: sum / component.area };
}

/** DB's unclip: offset the box outwards by area × ratio / perimeter. */
function unclip(rect: RotatedRect, ratio: number): RotatedRect {
  const distance = (rect.width * rect.height * ratio) / (2 * (rect.width + rect.height));
  return { ...rect, width: rect.width + 2 * distance, height: rect.height + 2 * distance };
}

function boxGeometry(box: RotatedRect, context: TextDetectionContext): Geometry {
  const sx = context.imageWidth / context.mapWidth;
  const sy = context.imageHeight / context.mapHeight;
  const { origin, scale } = context.frame;
  const toItem = ([x, y]: Point): Point =>
    roundPoint([
      origin[0] + Math.min(context.imageWidth, Math.max(0, x * sx)) * scale,
      origin[1] + Math.min(context.imageHeight, Math.max(0, y * sy)) * scale,
    ]);
  const corners = rectCorners(box).map(toItem);
  const skew = Math.abs(Math.sin(2 * box.angle));
  if (skew > AXIS_TOLERANCE) return { type: 'polygon', points: corners };
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  return { type: 'rectangle', topLeft: [Math.min(...xs), Math.min(...ys)], bottomRight: [Math.max(...xs), Math.max(...ys)] };
}
