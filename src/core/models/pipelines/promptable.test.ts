/**
 * The SAM contract end to end with real onnxruntime-web sessions of the tiny SAM-shaped model
 * (scripts/models/tinySam.ts): prepare → encoder → prepareDecoder → decoder → decode.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, runPipeline, type ModelSessions } from '../../../../scripts/models/runPipeline';
import { TINY_SAM, buildTinySamDecoder, buildTinySamEncoder, tinySamManifest } from '../../../../scripts/models/tinySam';
import type { Point } from '../../annotation';
import { pointInPolygon } from '../../geometry/hitTest';
import { geometryArea } from '../../geometry/measure';
import type { ModelManifest } from '../manifest';
import type { ModelInput } from '../modelInput';
import type { ProposalDraft } from '../proposalDraft';
import { promptablePipeline } from './promptable';

const encoderBytes = buildTinySamEncoder();
const decoderBytes = buildTinySamDecoder();
const manifest = tinySamManifest(encoderBytes, decoderBytes);

function photo(width: number, height: number, origin: Point, scale: number): ModelInput {
  const rgba = new Uint8ClampedArray(width * height * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 37) % 251));
  return { kind: 'rgbaImage', targetId: 'frame-3', width, height, rgba, origin, scale };
}

const outlineOf = (drafts: readonly ProposalDraft[]) => {
  const [draft] = drafts;
  if (drafts.length !== 1 || draft?.type !== 'shape' || draft.geometry.type !== 'polygon') throw new Error(`expected one polygon draft, got ${JSON.stringify(drafts)}`);
  return { draft, polygon: draft.geometry };
};

describe('promptablePipeline with the tiny SAM-shaped model', () => {
  let sessions: ModelSessions;

  beforeAll(async () => {
    sessions = { kind: 'encoderDecoder', encoder: await openSession(encoderBytes), decoder: await openSession(decoderBytes) };
  });
  afterAll(async () => {
    if (sessions.kind === 'encoderDecoder') await Promise.all([sessions.encoder.release(), sessions.decoder.release()]);
  });

  it('outlines the best mask around a click on a photo, in item px, scored by its predicted IoU', async () => {
    // 128 × 96 px at 2 item px per px: the encoder sees it at half size (64 × 48), the best disc's
    // radius of 10 resized px is 20 image px, 40 item px.
    const origin: Point = [300, 400];
    const click: Point = [300 + 2 * 40.5, 400 + 2 * 30.5];
    const drafts = await runPipeline(promptablePipeline, manifest, sessions, photo(128, 96, origin, 2), { prompts: [{ kind: 'point', point: click, positive: true }] });
    const { draft, polygon } = outlineOf(drafts);
    expect(draft).toMatchObject({ questionId: 'lesion', classCode: 'lesion.other', targetId: 'frame-3' });
    expect(draft.score).toBeCloseTo(TINY_SAM.iou[1], 6);
    const expected = Math.PI * 40 ** 2;
    expect(Math.abs(geometryArea(polygon) - expected) / expected).toBeLessThan(0.03);
    const xs = polygon.points.map((p) => p[0]);
    const ys = polygon.points.map((p) => p[1]);
    expect((Math.min(...xs) + Math.max(...xs)) / 2).toBeCloseTo(click[0], 0);
    expect((Math.min(...ys) + Math.max(...ys)) / 2).toBeCloseTo(click[1], 0);
  });

  it('runs a CT slice through the manifest window, and a disc cut by the image edge stays inside the image', async () => {
    const hu = Float32Array.from({ length: 256 * 200 }, (_, i) => ((i % 256) - 128) * 4);
    const slice: ModelInput = { kind: 'ctSlice', targetId: 'slice-2', width: 256, height: 200, hu, spacing: [0.5, 0.5] };
    const click: Point = [10.5, 100.5];
    const drafts = await runPipeline(promptablePipeline, manifest, sessions, slice, { prompts: [{ kind: 'point', point: click, positive: true }] });
    const { polygon } = outlineOf(drafts);
    // Radius 10 resized px = 40 px at 64/256; the left part beyond x = 0 is cut off.
    expect(Math.min(...polygon.points.map((p) => p[0]))).toBe(0);
    expect(pointInPolygon(click, polygon)).toBe(true);
    expect(pointInPolygon([55, 100.5], polygon)).toBe(false);
    const full = Math.PI * 40 ** 2;
    expect(geometryArea(polygon)).toBeGreaterThan(0.5 * full);
    expect(geometryArea(polygon)).toBeLessThan(0.75 * full);
  });

  it('gives the outline the question and class the person chose, over the mapping', async () => {
    const drafts = await runPipeline(promptablePipeline, manifest, sessions, photo(64, 64, [0, 0], 1), {
      prompts: [{ kind: 'point', point: [30, 30], positive: true }],
      target: { questionId: 'tumour', classCode: 'tumour.mass' },
    });
    expect(drafts.map((d) => [d.questionId, d.classCode])).toEqual([['tumour', 'tumour.mass']]);
  });

  it('proposes nothing when the best predicted IoU is below the run threshold', async () => {
    const drafts = await runPipeline(promptablePipeline, manifest, sessions, photo(64, 64, [0, 0], 1), {
      prompts: [{ kind: 'point', point: [30, 30], positive: true }],
      threshold: 0.9,
    });
    expect(drafts).toEqual([]);
  });
});

describe('promptablePipeline tensors', () => {
  const input = photo(128, 96, [1000, 0], 4);

  it('resizes the longest side to the encoder size and pads below with zeros', () => {
    const [step] = promptablePipeline.prepare(manifest, input);
    const image = step!.feeds.image!;
    const data = image.data as Float32Array;
    expect(image.dims).toEqual([1, 3, 64, 64]);
    const plane = 64 * 64;
    const padding = Array.from(data.slice(48 * 64, plane));
    expect(padding.every((v) => v === 0)).toBe(true);
    expect(Array.from(data.slice(0, 48 * 64)).some((v) => v !== 0)).toBe(true);
    expect(step!.context).toMatchObject({ imageWidth: 128, imageHeight: 96, resizedWidth: 64, resizedHeight: 48 });
  });

  it('names and shapes the decoder inputs as the SAM export does: points, box corners 2 and 3, padding −1', () => {
    const [step] = promptablePipeline.prepare(manifest, input);
    const embeddings = { image_embeddings: { dtype: 'float32' as const, dims: [1, 8, 16, 16], data: new Float32Array(8 * 256) } };
    // Item px (1000 + 4 × 20.5, 4 × 10.5) is image px (20.5, 10.5), pixel index (20, 10), resized (10, 5).
    const point = promptablePipeline.prepareDecoder!(manifest, embeddings, step!.context, [{ kind: 'point', point: [1082, 42], positive: false }]);
    expect(Object.keys(point).sort()).toEqual(['has_mask_input', 'image_embeddings', 'mask_input', 'orig_im_size', 'point_coords', 'point_labels']);
    expect(point.point_coords).toEqual({ dtype: 'float32', dims: [1, 2, 2], data: Float32Array.of(10, 5, 0, 0) });
    expect(point.point_labels).toEqual({ dtype: 'float32', dims: [1, 2], data: Float32Array.of(0, -1) });
    expect(point.mask_input!.dims).toEqual([1, 1, 64, 64]);
    expect(point.has_mask_input!.data).toEqual(Float32Array.of(0));
    expect(point.orig_im_size!.data).toEqual(Float32Array.of(96, 128));

    const box = promptablePipeline.prepareDecoder!(manifest, embeddings, step!.context, [{ kind: 'box', topLeft: [1002, 2], bottomRight: [1082, 42] }]);
    expect(box.point_coords).toEqual({ dtype: 'float32', dims: [1, 2, 2], data: Float32Array.of(0, 0, 10, 5) });
    expect(box.point_labels!.data).toEqual(Float32Array.of(2, 3));

    // Several prompts refine one outline: each in order, a box needing no padding point.
    const refined = promptablePipeline.prepareDecoder!(manifest, embeddings, step!.context, [
      { kind: 'point', point: [1082, 42], positive: true },
      { kind: 'point', point: [1002, 2], positive: false },
      { kind: 'box', topLeft: [1002, 2], bottomRight: [1082, 42] },
    ]);
    expect(refined.point_coords).toEqual({ dtype: 'float32', dims: [1, 4, 2], data: Float32Array.of(10, 5, 0, 0, 0, 0, 10, 5) });
    expect(refined.point_labels).toEqual({ dtype: 'float32', dims: [1, 4], data: Float32Array.of(1, 0, 2, 3) });
  });

  it('refuses an encoder input that is not an image tensor [1, 3, size, size]', () => {
    const odd: ModelManifest = { ...manifest, inputs: [{ name: 'pixels', dtype: 'float32', shape: [64, 64, 3] }, ...manifest.inputs.slice(1)] };
    expect(() => promptablePipeline.prepare(odd, input)).toThrow(/needs an image input of shape \[1, 3, size, size\]/);
  });
});
