/**
 * The built-in "click to outline": from positive clicks, grow over 4-connected pixels whose
 * value is close to a clicked one's local mean (HU on CT, perceptual colour otherwise) and closer to
 * it than to any negative click's; a box prompt confines the growth. The region, capped in size,
 * gets its small holes filled and its edge smoothed, and becomes one outline in item px. It
 * answers the same prompts as a SAM-family model (`promptableSegmentation`), with no weights.
 */
import type { Geometry, PolygonRings, Point } from '../annotation';
import { labelComponents } from './decode/components';
import { fillHoles } from './decode/fillHoles';
import { maskRings } from './decode/maskRings';
import { ringsGeometry } from './decode/ringsGeometry';
import type { ModelManifest } from './manifest';
import type { ModelInput, ModelPrompt, PromptTarget } from './modelInput';
import { PipelineError } from './pipelines/pipelineError';
import { localMean, similarityFeatures, type FeatureReader } from './preprocess/similarityFeatures';
import type { ProposalDraft } from './proposalDraft';
import { promptTargetOf } from './promptTarget';

export interface RegionGrowerOptions {
  /** CT: how far (HU) from the clicked tissue's local mean a pixel may be. */
  readonly huTolerance: number;
  /** Colour: how far in OKLab × 100 (≈ 2 is just noticeable). */
  readonly colourTolerance: number;
  /** Growth stops at this many pixels of the input image. */
  readonly maxArea: number;
  /** Douglas–Peucker tolerance of the outline, input image px. */
  readonly simplify: number;
}

/** A rectangle of the input, in its pixels: [x0, x1) × [y0, y1). */
interface PixelWindow {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** A click's value is the mean over 5×5 pixels around it. */
const CLICK_RADIUS = 2;

export const REGION_GROWER_DEFAULTS: RegionGrowerOptions = { huTolerance: 20, colourTolerance: 6, maxArea: 250_000, simplify: 0.75 };

/** The grown outline in the item's px frame, or null when no positive click lies on the image. */
export function growRegion(input: ModelInput, prompts: readonly ModelPrompt[], options: RegionGrowerOptions = REGION_GROWER_DEFAULTS): Geometry | null {
  const frame = input.kind === 'ctSlice' ? { origin: [0, 0] as Point, scale: 1 } : { origin: input.origin, scale: input.scale };
  const toPixel = ([x, y]: Point): Point => [Math.floor((x - frame.origin[0]) / frame.scale), Math.floor((y - frame.origin[1]) / frame.scale)];
  const bounds = growthWindow(input, prompts, toPixel);
  if (!bounds) return null;
  const inWindow = ([x, y]: Point) => x >= bounds.x0 && y >= bounds.y0 && x < bounds.x1 && y < bounds.y1;

  const positives = prompts.flatMap((p) => (p.kind === 'point' && p.positive ? [toPixel(p.point)] : [])).filter(inWindow);
  if (positives.length === 0 && prompts.some((p) => p.kind === 'box')) positives.push([Math.floor((bounds.x0 + bounds.x1) / 2), Math.floor((bounds.y0 + bounds.y1) / 2)]);
  if (positives.length === 0) return null;
  const negatives = prompts.flatMap((p) => (p.kind === 'point' && !p.positive ? [toPixel(p.point)] : [])).filter(inWindow);

  const features = similarityFeatures(input);
  const tolerance = features.channels === 1 ? options.huTolerance : options.colourTolerance;
  const clickValues = (points: readonly Point[]) => points.map(([x, y]) => localMean(features, input.width, input.height, x, y, CLICK_RADIUS));
  const grown = grow(features, bounds, positives, clickValues(positives), negatives, clickValues(negatives), tolerance, options.maxArea);
  const toItem = ([x, y]: Point): Point => [frame.origin[0] + (x + grown.x0) * frame.scale, frame.origin[1] + (y + grown.y0) * frame.scale];
  return ringsGeometry(outline(grown), options.simplify, toItem);
}

/**
 * A builtin model's proposals for one input: the worker calls this where it would run ONNX. The
 * outline answers `target` when given, else the manifest's mapped class.
 */
export function runBuiltin(manifest: ModelManifest, input: ModelInput, prompts: readonly ModelPrompt[], target?: PromptTarget): ProposalDraft[] {
  if (manifest.files.kind !== 'builtin' || manifest.files.implementation !== 'regionGrower') {
    throw new PipelineError('model_invalid', `The model “${manifest.name}” is not one of the app's built-in models.`);
  }
  const label = promptTargetOf(manifest, target);
  if (!label) throw new PipelineError('model_invalid', `The model “${manifest.name}” does not say which question its outlines answer.`);
  const geometry = growRegion(input, prompts);
  // A grown region is a yes/no outline, not a probability: score 1, and the threshold does not apply.
  return geometry ? [{ type: 'shape', questionId: label.questionId, targetId: input.targetId, classCode: label.classCode, geometry, score: 1 }] : [];
}

/** The pixels growth may reach: the last box prompt (clamped), else the whole image. */
function growthWindow(input: ModelInput, prompts: readonly ModelPrompt[], toPixel: (p: Point) => Point): PixelWindow | null {
  const box = prompts.filter((p): p is Extract<ModelPrompt, { kind: 'box' }> => p.kind === 'box').at(-1);
  if (!box) return { x0: 0, y0: 0, x1: input.width, y1: input.height };
  const [ax, ay] = toPixel(box.topLeft);
  const [bx, by] = toPixel(box.bottomRight);
  const clamp = (v: number, max: number) => Math.min(max, Math.max(0, v));
  const bounds = {
    x0: clamp(Math.min(ax, bx), input.width),
    y0: clamp(Math.min(ay, by), input.height),
    x1: clamp(Math.max(ax, bx) + 1, input.width),
    y1: clamp(Math.max(ay, by) + 1, input.height),
  };
  return bounds.x1 > bounds.x0 && bounds.y1 > bounds.y0 ? bounds : null;
}

/** The grown pixels, cropped to their bounds plus one unset pixel all round; seeds in crop px. */
interface GrownRegion {
  readonly mask: Uint8Array;
  readonly width: number;
  readonly height: number;
  /** Input px of the crop's pixel (0, 0). */
  readonly x0: number;
  readonly y0: number;
  readonly seeds: readonly number[];
}

/**
 * Breadth-first growth from the seeds within `bounds`; stops at `maxArea` pixels. A pixel joins
 * when its value is within `tolerance` of the nearest clicked value and nearer to it than to any
 * negative click's. Costs the pixels reached, not the image.
 */
function grow(
  features: FeatureReader,
  bounds: PixelWindow,
  seeds: readonly Point[],
  seedValues: readonly Float32Array[],
  negatives: readonly Point[],
  negativeValues: readonly Float32Array[],
  tolerance: number,
  maxArea: number,
): GrownRegion {
  const width = bounds.x1 - bounds.x0;
  const height = bounds.y1 - bounds.y0;
  const value = new Float32Array(features.channels);
  const nearest = (values: readonly Float32Array[]) => {
    let best = Infinity;
    for (const reference of values) {
      let sum = 0;
      for (let c = 0; c < value.length; c++) sum += (value[c]! - reference[c]!) ** 2;
      best = Math.min(best, sum);
    }
    return Math.sqrt(best);
  };

  const state = new Uint8Array(width * height); // 1 queued or refused, 2 in the region
  const queue = new Int32Array(width * height);
  let head = 0;
  let tail = 0;
  const localIndex = ([x, y]: Point) => (y - bounds.y0) * width + (x - bounds.x0);
  for (const negative of negatives) state[localIndex(negative)] = 1;
  const seedIndices = seeds.map(localIndex);
  for (const seed of seedIndices) {
    state[seed] = 2;
    queue[tail++] = seed;
  }
  let area = 0;
  let minX = width;
  let minY = height;
  let maxX = -1;
  let maxY = -1;
  while (head < tail && area < maxArea) {
    const index = queue[head++]!;
    const x = index % width;
    const y = (index - x) / width;
    if (state[index] !== 2) {
      features.read(x + bounds.x0, y + bounds.y0, value, 0);
      const distance = nearest(seedValues);
      if (distance > tolerance || distance >= nearest(negativeValues)) continue;
      state[index] = 2;
    }
    area++;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
    // Neighbours inlined: this loop runs once per pixel reached.
    if (x > 0 && state[index - 1] === 0) {
      state[index - 1] = 1;
      queue[tail++] = index - 1;
    }
    if (x < width - 1 && state[index + 1] === 0) {
      state[index + 1] = 1;
      queue[tail++] = index + 1;
    }
    if (y > 0 && state[index - width] === 0) {
      state[index - width] = 1;
      queue[tail++] = index - width;
    }
    if (y < height - 1 && state[index + width] === 0) {
      state[index + width] = 1;
      queue[tail++] = index + width;
    }
  }
  // Seeds are in the region (state 2) whether or not growth reached past them.
  for (const [sx, sy] of seeds) {
    minX = Math.min(minX, sx - bounds.x0);
    maxX = Math.max(maxX, sx - bounds.x0);
    minY = Math.min(minY, sy - bounds.y0);
    maxY = Math.max(maxY, sy - bounds.y0);
  }
  const cropWidth = maxX - minX + 3;
  const cropHeight = maxY - minY + 3;
  const mask = new Uint8Array(cropWidth * cropHeight);
  for (let y = minY; y <= maxY; y++) {
    for (let x = minX; x <= maxX; x++) if (state[y * width + x] === 2) mask[(y - minY + 1) * cropWidth + (x - minX + 1)] = 1;
  }
  const toCrop = (index: number) => ((index - (index % width)) / width - minY + 1) * cropWidth + ((index % width) - minX + 1);
  return { mask, width: cropWidth, height: cropHeight, x0: bounds.x0 + minX - 1, y0: bounds.y0 + minY - 1, seeds: seedIndices.map(toCrop) };
}

/** Small holes filled, the edge smoothed by a 3×3 majority, the clicked parts traced (crop px). */
function outline({ mask: region, width, height, seeds }: GrownRegion): PolygonRings[] {
  let area = 0;
  for (const v of region) area += v;
  const filled = fillHoles(region, width, height, Math.max(16, area / 50));
  const smoothed = majority(filled, width, height);
  const mask = smoothed.some((v) => v !== 0) ? smoothed : filled;
  const { labels, stats } = labelComponents(mask, width, height, 4);
  const clicked = new Set(seeds.map((s) => labels[s]!).filter((label) => label > 0));
  // No click on what is left after smoothing: the largest part stands for the clicked one.
  if (clicked.size === 0 && stats.length > 0) clicked.add(stats.reduce((best, s, k) => (s.area > stats[best - 1]!.area ? k + 1 : best), 1));
  const kept = new Uint8Array(mask.length);
  for (let i = 0; i < mask.length; i++) if (clicked.has(labels[i]!)) kept[i] = 1;
  return maskRings(kept, width, height);
}
function majority(mask: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let count = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx >= 0 && ny >= 0 && nx < width && ny < height) count += mask[ny * width + nx]!;
        }
      }
      out[y * width + x] = count >= 5 ? 1 : 0;
    }
  }
  return out;
}
