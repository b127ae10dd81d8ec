import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolygonRings } from '../../src/core/annotation';
import { pointInPolygon } from '../../src/core/geometry/hitTest';
import type { ProposalDraft } from '../../src/core/models/proposalDraft';
import { tissueDepth } from '../../server/demo/slide/layout';
import { demoSlideRegion } from './demoSlideRegion';
import { buildPathologyNucleiTissue } from './pathologyNucleiTissue';
import { runSegmentation } from './runSegmentation';

const { manifest, files } = buildPathologyNucleiTissue();
let session: ort.InferenceSession;
beforeAll(async () => {
  session = await ort.InferenceSession.create(files['model.onnx']!, { executionProviders: ['wasm'] });
});
afterAll(() => session.release());

function polygonsOf(drafts: readonly ProposalDraft[], classCode: string): PolygonRings[] {
  return drafts.flatMap((d) => (d.type === 'shape' && d.classCode === classCode && d.geometry.type === 'polygon' ? [d.geometry] : []));
}

describe('pathology-nuclei-tissue graph', () => {
  it('gives glass neither tissue nor nuclei, stroma tissue only, a haematoxylin-blue nucleus both', async () => {
    const colours = { glass: [246, 244, 247], stroma: [235, 163, 196], darkStroma: [165, 114, 137], nucleus: [96, 58, 150] } as const;
    const probe = async ([r, g, b]: readonly number[]) => {
      const rgb = new Float32Array(3 * 16 * 16);
      rgb.fill(r!, 0, 256);
      rgb.fill(g!, 256, 512);
      rgb.fill(b!, 512, 768);
      const out = await session.run({ rgb: new ort.Tensor('float32', rgb, [1, 3, 16, 16]) });
      const data = out.probabilities!.data as Float32Array;
      expect(out.probabilities!.dims).toEqual([1, 2, 16, 16]);
      return { tissue: data[8 * 16 + 8]!, nuclei: data[256 + 8 * 16 + 8]! };
    };
    const glass = await probe(colours.glass);
    expect(glass.tissue).toBeLessThan(0.01);
    expect(glass.nuclei).toBeLessThan(0.01);
    for (const stroma of [colours.stroma, colours.darkStroma]) {
      const p = await probe(stroma);
      expect(p.tissue).toBeGreaterThan(0.99);
      expect(p.nuclei).toBeLessThan(0.05);
    }
    const nucleus = await probe(colours.nucleus);
    expect(nucleus.tissue).toBeGreaterThan(0.99);
    expect(nucleus.nuclei).toBeGreaterThan(0.99);
  });
});

describe('pathology-nuclei-tissue through the segmentation pipeline, on the demo slide', () => {
  it('finds each painted nucleus once (2 × 2 model tiles, seams included) and nothing where none is painted', async () => {
    // 768 × 768 px of level 1 (1 µm/px) inside the first biopsy fragment.
    const { input, nuclei } = demoSlideRegion(1, 26, 40, 3, 3);
    const found = polygonsOf(await runSegmentation(manifest, session, input), 'nucleus');
    expect(nuclei.length).toBeGreaterThan(300);
    const hits = nuclei.map((centre) => found.filter((polygon) => pointInPolygon(centre, polygon)).length);
    expect(hits.filter((n) => n === 1).length / nuclei.length).toBeGreaterThan(0.95);
    expect(hits.filter((n) => n > 1)).toEqual([]);
    // Outlines wholly inside the region (not cut by its edge) each hold a painted nucleus.
    const [x0, y0] = input.origin;
    const x1 = x0 + input.width * input.scale;
    const y1 = y0 + input.height * input.scale;
    const whole = found.filter((p) => p.points.every(([x, y]) => x > x0 && y > y0 && x < x1 && y < y1));
    const holding = whole.filter((polygon) => nuclei.some((centre) => pointInPolygon(centre, polygon)));
    expect(holding.length / whole.length).toBeGreaterThan(0.95);
    expect(whole.length / nuclei.length).toBeGreaterThan(0.95);
    expect(whole.length / nuclei.length).toBeLessThan(1.05);
  });

  it('outlines the tissue along the fragment\'s rim', async () => {
    // A region across the rim of the first fragment: glass on one side, tissue on the other.
    const { input } = demoSlideRegion(1, 23, 47, 3, 3);
    const tissue = polygonsOf(await runSegmentation(manifest, session, input), 'tissue');
    expect(tissue.length).toBeGreaterThanOrEqual(1);
    const [x0, y0] = input.origin;
    const x1 = x0 + input.width * input.scale;
    const y1 = y0 + input.height * input.scale;
    const rimVertices = tissue.flatMap((p) => p.points).filter(([x, y]) => x > x0 + 8 && y > y0 + 8 && x < x1 - 8 && y < y1 - 8);
    expect(rimVertices.length).toBeGreaterThan(20);
    // Within 8 level-0 px (4 µm) of the painted rim, on either side.
    for (const [x, y] of rimVertices) expect(Math.abs(tissueDepth(x, y))).toBeLessThan(8);
  });
});
