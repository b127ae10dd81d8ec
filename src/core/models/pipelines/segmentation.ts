/**
 * The segmentation pipeline: an RGBA region (a slide read at some level, a frame) → overlapping
 * model tiles (NCHW float32 RGB at the manifest's µm per pixel) → per-class probability maps →
 * outlines in the item's pixel frame, one proposal per connected region. A region touching only a
 * neighbour's core is left to that neighbour; one touching two cores is found twice and the copies
 * are united by `merge`.
 */
import type { Point, PolygonRings } from '../../annotation';
import { roundPoint } from '../../geometry/round';
import { mergeSeamDuplicates } from '../decode/mergeSeams';
import { maskToPolygon } from '../decode/maskToPolygon';
import type { ModelManifest } from '../manifest';
import type { ProposalDraft } from '../proposalDraft';
import type { PreparedStep, TaskPipeline, Tensors } from '../taskPipeline';
import { rgbAtScale, tileSpans, type RgbImage } from './tiling';

export interface SegmentationTile {
  readonly targetId: string;
  /** Item px of the tile's top-left corner, and item px per tile px. */
  readonly originX: number;
  readonly originY: number;
  readonly scale: number;
  /** The tile's core in tile px: [coreMinX, coreMaxX) × [coreMinY, coreMaxY). */
  readonly coreMinX: number;
  readonly coreMinY: number;
  readonly coreMaxX: number;
  readonly coreMaxY: number;
}

/** Resampling closer than this to 1 is skipped: a level read at 0.98 µm/px serves a 1 µm/px model as it is. */
const SCALE_TOLERANCE = 0.05;

export const segmentationPipeline: TaskPipeline<SegmentationTile> = {
  prepare(manifest, input) {
    if (input.kind !== 'rgbaImage') throw new Error(`${manifest.id} outlines colour images; it cannot run on a ${input.kind}`);
    const [tensor] = manifest.inputs;
    if (!tensor) throw new Error(`${manifest.id}: the manifest names no input`);
    const tiling = manifest.preprocess.find((step) => step.op === 'wsiTiling');
    const wanted = tiling?.micronsPerPixel;
    const raw = wanted && input.micronsPerPixel ? input.micronsPerPixel / wanted : 1;
    const factor = Math.abs(raw - 1) < SCALE_TOLERANCE ? 1 : raw;
    const image = rgbAtScale(input.rgba, input.width, input.height, factor);
    normalise(manifest, image.rgb);
    const tileSize = tiling?.tileSize ?? Math.max(image.width, image.height);
    const overlap = tiling?.overlap ?? 0;
    const scale = input.scale / factor;
    const steps: PreparedStep<SegmentationTile>[] = [];
    for (const row of tileSpans(image.height, tileSize, overlap)) {
      for (const column of tileSpans(image.width, tileSize, overlap)) {
        steps.push({
          feeds: { [tensor.name]: { dtype: 'float32', dims: [1, 3, row.size, column.size], data: planarTile(image, column.start, row.start, column.size, row.size) } },
          context: {
            targetId: input.targetId,
            originX: input.origin[0] + column.start * scale,
            originY: input.origin[1] + row.start * scale,
            scale,
            coreMinX: column.coreStart - column.start,
            coreMaxX: column.coreEnd - column.start,
            coreMinY: row.coreStart - row.start,
            coreMaxY: row.coreEnd - row.start,
          },
        });
      }
    }
    return steps;
  },

  decode(manifest, outputs, tile, threshold) {
    const maps = classMaps(manifest, outputs);
    const options = { threshold, minArea: manifest.decode.maskToPolygon?.minArea ?? 0, simplify: manifest.decode.maskToPolygon?.simplify ?? 0 };
    const drafts: ProposalDraft[] = [];
    for (const mapping of manifest.outputsToLabels) {
      for (const { index, classCode } of mapping.classes) {
        const plane = maps.plane(index);
        for (const region of maskToPolygon(plane, maps.width, maps.height, options)) {
          const { minX, minY, maxX, maxY } = region.bounds;
          if (maxX <= tile.coreMinX || minX >= tile.coreMaxX || maxY <= tile.coreMinY || minY >= tile.coreMaxY) continue;
          drafts.push({
            type: 'shape',
            questionId: mapping.questionId,
            targetId: tile.targetId,
            classCode,
            geometry: { type: 'polygon', ...toItem(region.polygon, tile) },
            score: region.score,
          });
        }
      }
    }
    return drafts;
  },

  merge: mergeSeamDuplicates,
};

/** The first output as per-channel maps after the manifest's activation. */
function classMaps(manifest: ModelManifest, outputs: Tensors): { width: number; height: number; plane(index: number): Float32Array } {
  const spec = manifest.outputs[0];
  const output = spec ? outputs[spec.name] : undefined;
  if (!spec || !output) throw new Error(`${manifest.id}: the model gave no output ${spec?.name ?? ''}`.trim());
  const [batch, channels, height, width] = output.dims;
  if (output.dims.length !== 4 || batch !== 1 || !(output.data instanceof Float32Array) || !channels || !height || !width) {
    throw new Error(`${manifest.id}: output ${spec.name} should be float32 [1, classes, height, width], got ${output.dtype} [${output.dims.join(', ')}]`);
  }
  const data = output.data;
  const area = width * height;
  const activation = manifest.decode.activation;
  return {
    width,
    height,
    plane(index) {
      if (index < 0 || index >= channels) throw new Error(`${manifest.id}: output has ${channels} channels, the mapping names channel ${index}`);
      const plane = data.slice(index * area, (index + 1) * area);
      if (activation === 'sigmoid') for (let i = 0; i < area; i += 1) plane[i] = 1 / (1 + Math.exp(-plane[i]!));
      if (activation === 'softmax') {
        for (let i = 0; i < area; i += 1) {
          let sum = 0;
          for (let c = 0; c < channels; c += 1) sum += Math.exp(data[c * area + i]! - plane[i]!);
          plane[i] = 1 / sum;
        }
      }
      return plane;
    },
  };
}

/** The manifest's per-channel normalisation, if any; without one the model takes RGB in 0…255. */
function normalise(manifest: ModelManifest, rgb: Float32Array): void {
  const step = manifest.preprocess.find((s) => s.op === 'normalise');
  if (!step) return;
  for (let i = 0; i < rgb.length; i += 1) {
    const c = i % 3;
    rgb[i] = (rgb[i]! / 255 - (step.mean[c] ?? 0)) / (step.std[c] ?? 1);
  }
}

/** One tile of an interleaved RGB image as planar NCHW (R plane, G plane, B plane). */
function planarTile(image: RgbImage, x0: number, y0: number, width: number, height: number): Float32Array {
  const out = new Float32Array(3 * width * height);
  const area = width * height;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const from = ((y0 + y) * image.width + x0 + x) * 3;
      const to = y * width + x;
      out[to] = image.rgb[from]!;
      out[area + to] = image.rgb[from + 1]!;
      out[2 * area + to] = image.rgb[from + 2]!;
    }
  }
  return out;
}

function toItem(polygon: PolygonRings, tile: SegmentationTile): PolygonRings {
  const map = (ring: readonly Point[]): Point[] => ring.map(([x, y]) => roundPoint([tile.originX + x * tile.scale, tile.originY + y * tile.scale]));
  return polygon.holes ? { points: map(polygon.points), holes: polygon.holes.map(map) } : { points: map(polygon.points) };
}
