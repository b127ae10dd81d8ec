import dicomParser from 'dicom-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateHeadCtPhantom, type PhantomProbe, type PhantomTruth } from '../../../server/demo/phantom';
import type { Geometry, Point } from '../annotation';
import { pointInPolygon } from '../geometry/hitTest';
import { geometryArea } from '../geometry/measure';
import type { ModelManifest } from './manifest';
import type { ModelInput } from './modelInput';
import { growRegion, runBuiltin } from './regionGrower';

/** HU of one phantom slice (patient order), read from the DICOM file the demo dataset serves. */
function phantomSlice(files: ReturnType<typeof generateHeadCtPhantom>['files'], truth: PhantomTruth, sliceIndex: number): Float32Array {
  for (const file of files) {
    const dataSet = dicomParser.parseDicom(file.bytes);
    if (dataSet.string('x00080018') !== truth.sopInstanceUids[sliceIndex]) continue;
    const pixels = dataSet.elements.x7fe00010!;
    const view = new DataView(file.bytes.buffer, file.bytes.byteOffset + pixels.dataOffset, pixels.length);
    return Float32Array.from({ length: pixels.length / 2 }, (_, i) => view.getInt16(i * 2, true));
  }
  throw new Error(`slice ${sliceIndex} not found`);
}

/** Pixels within `range` 4-connected to `seed`: the phantom's own answer to "this bleed region". */
function connectedCount(hu: Float32Array, width: number, seed: number, range: readonly [number, number]): number {
  const seen = new Uint8Array(hu.length);
  const stack = [seed];
  seen[seed] = 1;
  let count = 0;
  while (stack.length > 0) {
    const index = stack.pop()!;
    count++;
    const x = index % width;
    for (const next of [x > 0 ? index - 1 : -1, x < width - 1 ? index + 1 : -1, index - width, index + width]) {
      if (next < 0 || next >= hu.length || seen[next]) continue;
      const v = hu[next]!;
      if (v >= range[0] && v <= range[1]) {
        seen[next] = 1;
        stack.push(next);
      }
    }
  }
  return count;
}

const polygonOf = (geometry: Geometry | null) => {
  if (geometry?.type !== 'polygon') throw new Error(`expected one polygon, got ${geometry?.type ?? 'nothing'}`);
  return geometry;
};

describe('growRegion on the demo head-CT phantom', () => {
  let truth: PhantomTruth;
  let probe: PhantomProbe;
  let slice: ModelInput & { kind: 'ctSlice' };
  let phantom: ReturnType<typeof generateHeadCtPhantom>;
  const sliceAt = (sliceIndex: number): ModelInput & { kind: 'ctSlice' } => {
    const hu = phantomSlice(phantom.files, truth, sliceIndex);
    return { kind: 'ctSlice', targetId: `slice-${sliceIndex + 1}`, width: truth.columns, height: truth.rows, hu, spacing: [0.45, 0.45] };
  };

  beforeAll(() => {
    phantom = generateHeadCtPhantom();
    truth = phantom.truth;
    probe = truth.probes.find((p) => p.tissue === 'blood' && p.sliceIndex === truth.sahSliceIndices[0])!;
    slice = sliceAt(probe.sliceIndex);
  });

  // The figure the region-grower manifest states: within 1% of the true area on the phantom's bleeds.
  it('outlines each probed bleed (basal cistern, Sylvian pool) from one click within 1% of its true area', () => {
    const probes = truth.probes.filter((p) => p.tissue === 'blood');
    expect(probes).toHaveLength(2);
    for (const bleed of probes) {
      const image = sliceAt(bleed.sliceIndex);
      const click: Point = [bleed.column + 0.5, bleed.row + 0.5];
      const outline = polygonOf(growRegion(image, [{ kind: 'point', point: click, positive: true }]));
      const trueArea = connectedCount(image.hu, truth.columns, bleed.row * truth.columns + bleed.column, truth.bloodHuRange);
      expect(trueArea).toBeGreaterThan(400);
      expect(Math.abs(geometryArea(outline) - trueArea) / trueArea).toBeLessThan(0.01);
      expect(pointInPolygon(click, outline)).toBe(true);
    }
  });

  it('keeps the midbrain out of the cistern ring as a hole', () => {
    const click: Point = [probe.column + 0.5, probe.row + 0.5];
    const outline = polygonOf(growRegion(slice, [{ kind: 'point', point: click, positive: true }]));
    // The cistern ring surrounds brain: the outline has that hole, and the ring's centre is not inside.
    expect(outline.holes).toHaveLength(1);
    const centre: Point = [slice.width / 2, probe.row + 0.5 + 10 / 0.45];
    expect(pointInPolygon(centre, outline)).toBe(false);
  });

  it('confines the growth to a box prompt', () => {
    const click: Point = [probe.column + 0.5, probe.row + 0.5];
    const box = { kind: 'box' as const, topLeft: [click[0] - 10, click[1] - 10] as Point, bottomRight: [click[0] + 10, click[1] + 10] as Point };
    const outline = polygonOf(growRegion(slice, [box, { kind: 'point', point: click, positive: true }]));
    for (const [x, y] of outline.points) {
      expect(x).toBeGreaterThanOrEqual(box.topLeft[0] - 1);
      expect(x).toBeLessThanOrEqual(box.bottomRight[0] + 1);
      expect(y).toBeGreaterThanOrEqual(box.topLeft[1] - 1);
      expect(y).toBeLessThanOrEqual(box.bottomRight[1] + 1);
    }
    expect(geometryArea(outline)).toBeGreaterThan(100);
  });

  it('proposes nothing without a positive click on the image', () => {
    expect(growRegion(slice, [{ kind: 'point', point: [-5, 10], positive: true }])).toBeNull();
    expect(growRegion(slice, [{ kind: 'point', point: [100, 100], positive: false }])).toBeNull();
  });
});

describe('growRegion on colour', () => {
  const WIDTH = 200;
  const HEIGHT = 150;
  /** Pinkish eosin background; a purple blob at (80, 70), radii 30 × 20, with a pale speck inside; grain ±6. */
  function stainedImage(secondBlob?: readonly [number, number, number]): ModelInput {
    const rgba = new Uint8ClampedArray(WIDTH * HEIGHT * 4);
    let seed = 3;
    for (let y = 0; y < HEIGHT; y++) {
      for (let x = 0; x < WIDTH; x++) {
        const inBlob = ((x + 0.5 - 80) / 30) ** 2 + ((y + 0.5 - 70) / 20) ** 2 <= 1;
        const inSecond = secondBlob && ((x + 0.5 - 130) / 20) ** 2 + ((y + 0.5 - 70) / 20) ** 2 <= 1;
        const speck = Math.abs(x - 70) <= 1 && Math.abs(y - 70) <= 1;
        const colour = speck ? [235, 200, 220] : inSecond ? secondBlob : inBlob ? [90, 60, 150] : [235, 200, 220];
        seed = (seed * 1103515245 + 12345) >>> 0;
        const grain = ((seed >>> 16) % 13) - 6;
        rgba.set([colour[0]! + grain, colour[1]! + grain, colour[2]! + grain, 255], (y * WIDTH + x) * 4);
      }
    }
    return { kind: 'rgbaImage', targetId: 'tile', width: WIDTH, height: HEIGHT, rgba, origin: [5000, 7000], scale: 2 };
  }
  const inItem = (x: number, y: number): Point => [5000 + x * 2, 7000 + y * 2];

  it('outlines a stained blob in item px, its pale speck filled', () => {
    const outline = polygonOf(growRegion(stainedImage(), [{ kind: 'point', point: inItem(90, 75), positive: true }]));
    const expected = Math.PI * 30 * 20 * 4;
    expect(Math.abs(geometryArea(outline) - expected) / expected).toBeLessThan(0.05);
    expect(outline.holes).toBeUndefined();
    expect(pointInPolygon(inItem(80, 70), outline)).toBe(true);
    expect(pointInPolygon(inItem(115, 70), outline)).toBe(false);
  });

  it('a negative click keeps a touching blob of a close colour out', () => {
    // The second blob (centre 130, radius 20) overlaps the first's right end, a shade bluer.
    const image = stainedImage([80, 60, 170]);
    const both = polygonOf(growRegion(image, [{ kind: 'point', point: inItem(60, 70), positive: true }]));
    expect(pointInPolygon(inItem(135, 70), both)).toBe(true);
    const one = polygonOf(
      growRegion(image, [
        { kind: 'point', point: inItem(60, 70), positive: true },
        { kind: 'point', point: inItem(135, 70), positive: false },
      ]),
    );
    expect(pointInPolygon(inItem(135, 70), one)).toBe(false);
    expect(pointInPolygon(inItem(75, 70), one)).toBe(true);
  });
});

describe('runBuiltin', () => {
  const manifest = (files: ModelManifest['files']): ModelManifest => ({
    id: 'region-grower',
    version: '1.0.0',
    name: 'Region grower',
    description: '',
    licence: 'MIT',
    source: 'mejirushi',
    task: 'promptableSegmentation',
    itemKinds: ['series'],
    opset: 7,
    inputs: [],
    outputs: [],
    preprocess: [],
    decode: { activation: 'none', threshold: 0.5 },
    labelSetId: 'gastric-biopsy',
    outputsToLabels: [{ questionId: 'lesion', classes: [{ index: 0, classCode: 'lesion.other' }] }],
    files,
  });
  const square: ModelInput = { kind: 'ctSlice', targetId: 's1', width: 20, height: 20, hu: Float32Array.from({ length: 400 }, (_, i) => (i % 20 >= 5 && i % 20 < 15 && i >= 100 && i < 300 ? 70 : 0)), spacing: [1, 1] };

  it('turns the grown outline into one shape draft of the mapped question and class', () => {
    const drafts = runBuiltin(manifest({ kind: 'builtin', implementation: 'regionGrower' }), square, [{ kind: 'point', point: [10, 10], positive: true }]);
    expect(drafts).toHaveLength(1);
    const [draft] = drafts;
    expect(draft).toMatchObject({ type: 'shape', questionId: 'lesion', targetId: 's1', classCode: 'lesion.other', score: 1 });
    // The 10 × 10 px square, its corners rounded off by the edge smoothing.
    const outline = polygonOf(draft?.type === 'shape' ? draft.geometry : null);
    expect(geometryArea(outline)).toBeGreaterThanOrEqual(94);
    expect(geometryArea(outline)).toBeLessThanOrEqual(100);
    expect(Math.min(...outline.points.map((p) => p[0]))).toBe(5);
    expect(Math.max(...outline.points.map((p) => p[1]))).toBe(15);
  });

  it('gives the outline the question and class the person chose, over the mapping', () => {
    const drafts = runBuiltin(manifest({ kind: 'builtin', implementation: 'regionGrower' }), square, [{ kind: 'point', point: [10, 10], positive: true }], { questionId: 'tumour', classCode: 'tumour.mass' });
    expect(drafts.map((d) => [d.questionId, d.classCode])).toEqual([['tumour', 'tumour.mass']]);
  });

  it('refuses a model that is not built in', () => {
    expect(() => runBuiltin(manifest({ kind: 'single', model: { sha256: 'a'.repeat(64), bytes: 1 } }), square, [{ kind: 'point', point: [10, 10], positive: true }])).toThrow(/not one of the app's built-in models/);
  });
});
