import { describe, expect, it } from 'vitest';
import type { Point, Provenance, Shape } from '../../../core/annotation';
import { packStoredRecords } from '../../../core/packedRings';
import { RecordStore } from '../../../core/recordStore';
import { DOC_KEY, humanProvenance, modelProvenance, shapeRecord } from '../../../core/testing/records';
import { DocumentOutlines } from './documentOutlines';
import { drawDocument } from './drawDocument';
import { DENSITY_MIN_IN_VIEW } from './levelOfDetail';
import { ClassPalette } from '../../annotation/outlineStyle';
import type { RasterSink } from './paintTarget';
import { RecordingPaint, viewAt } from './testing/recordingPaint';

const CARCINOMA = '#d62728';
const ADENOMA = '#ff7f0e';
const palette = new ClassPalette({
  classes: [
    { code: 'lesion.carcinoma', name: { en: 'c', ja: 'c' }, color: CARCINOMA },
    { code: 'lesion.adenoma', name: { en: 'a', ja: 'a' }, color: ADENOMA },
  ],
});
const EXTENT = { width: 100_000, height: 80_000 };

/** A 24-vertex circle outline. */
function gland(id: string, cx: number, cy: number, r: number, classCode = 'lesion.carcinoma', provenance = humanProvenance()): Shape {
  const points: Point[] = Array.from({ length: 24 }, (_, k) => [cx + r * Math.cos((k * Math.PI) / 12), cy + r * Math.sin((k * Math.PI) / 12)]);
  return shapeRecord(id, 'slide', { type: 'polygon', points }, classCode, provenance);
}

/** A pending proposal's provenance with this score. */
function scored(score: number): Provenance {
  const provenance = modelProvenance();
  return provenance.origin.kind === 'model' ? { ...provenance, origin: { ...provenance.origin, score } } : provenance;
}

function setUp(records: Shape[]) {
  const outlines = new DocumentOutlines(new RecordStore(DOC_KEY, records), 'slide', EXTENT, palette);
  const rasters: { cols: number; rows: number; pixels: Uint8ClampedArray }[] = [];
  const raster: RasterSink = (pixels, cols, rows) => rasters.push({ pixels, cols, rows });
  return { outlines, rasters, raster };
}

describe('drawDocument', () => {
  it('draws only what is in view, each class in one path, with its colour', () => {
    const { outlines, raster } = setUp([gland('in-1', 1_000, 1_000, 50), gland('in-2', 1_200, 1_100, 50, 'lesion.adenoma'), gland('out', 50_000, 50_000, 50)]);
    const paint = new RecordingPaint();
    const stats = drawDocument(paint, raster, outlines, viewAt(1, { minX: 800, minY: 800, maxX: 1_800, maxY: 1_600 }), new Set(), {});
    expect(stats).toEqual({ mode: 'outlines', outlines: 2, dots: 0 });
    const strokes = paint.calls.filter((c) => c.op === 'stroke');
    expect(strokes.map((c) => c.strokeStyle).sort()).toEqual([CARCINOMA, ADENOMA].sort());
    // 24 vertices 13 px apart at this zoom: none skipped.
    expect(paint.count('lineTo')).toBe(2 * 23);
  });

  it('draws outlines a few screen px across as dots, and simplifies rings at intermediate zoom', () => {
    const { outlines, raster } = setUp([gland('g', 1_000, 1_000, 50)]);
    const tiny = new RecordingPaint();
    expect(drawDocument(tiny, raster, outlines, viewAt(0.02, { minX: 0, minY: 0, maxX: 50_000, maxY: 40_000 }), new Set(), {})).toEqual({ mode: 'outlines', outlines: 0, dots: 1 });
    expect(tiny.count('fillRect')).toBe(1);
    expect(tiny.count('lineTo')).toBe(0);

    const small = new RecordingPaint();
    drawDocument(small, raster, outlines, viewAt(0.1, { minX: 0, minY: 0, maxX: 10_000, maxY: 8_000 }), new Set(), {});
    // A 10-px circle: vertices 1.3 px apart, so about every other one is drawn.
    expect(small.count('lineTo')).toBeGreaterThan(4);
    expect(small.count('lineTo')).toBeLessThan(16);
  });

  it('draws packed outlines (a parsed page) exactly as the same outlines unpacked, at any zoom, selected or not', () => {
    const plain = Array.from({ length: 30 }, (_, i) => gland(`g${i}`, 500 + (i % 6) * 150, 500 + Math.floor(i / 6) * 150, 10 + i * 2, i % 3 ? 'lesion.carcinoma' : 'lesion.adenoma'));
    const packed = packStoredRecords(plain.map((record) => ({ id: record.id, version: 1, schema: 1, record }))).map((stored) => stored.record as Shape);
    const calls = (records: Shape[], scale: number) => {
      const { outlines, raster } = setUp(records);
      const paint = new RecordingPaint();
      drawDocument(paint, raster, outlines, viewAt(scale, { minX: 0, minY: 0, maxX: 2_000, maxY: 2_000 }), new Set(['g7']), {});
      return paint.calls;
    };
    for (const scale of [1, 0.1, 0.02]) expect(calls(packed, scale)).toEqual(calls(plain, scale));
    expect(calls(packed, 1).filter((c) => c.op === 'lineTo').length).toBeGreaterThan(30 * 20);
  });

  it('dashes pending proposals and hides rejected ones', () => {
    const pending = gland('p', 1_000, 1_000, 50, 'lesion.carcinoma', modelProvenance());
    const rejected = gland('r', 1_100, 1_000, 50, 'lesion.carcinoma', { ...modelProvenance(), decision: 'rejected' });
    const { outlines, raster } = setUp([pending, rejected]);
    const paint = new RecordingPaint();
    const stats = drawDocument(paint, raster, outlines, viewAt(1, { minX: 0, minY: 0, maxX: 2_000, maxY: 2_000 }), new Set(), {});
    expect(stats.outlines).toBe(1);
    const [stroke] = paint.calls.filter((c) => c.op === 'stroke');
    expect(stroke?.dash.length).toBeGreaterThan(0);
  });

  it('leaves out proposals scoring under their question’s confidence, and nothing else', () => {
    const sure = gland('sure', 1_000, 1_000, 50, 'lesion.carcinoma', modelProvenance());
    const unsure = gland('unsure', 1_200, 1_000, 50, 'lesion.carcinoma', scored(0.3));
    const person = gland('person', 1_400, 1_000, 50);
    const { outlines, raster } = setUp([sure, unsure, person]);
    const view = viewAt(1, { minX: 0, minY: 0, maxX: 2_000, maxY: 2_000 });
    expect(drawDocument(new RecordingPaint(), raster, outlines, view, new Set(), {}).outlines).toBe(3);
    expect(drawDocument(new RecordingPaint(), raster, outlines, view, new Set(), { [sure.questionId]: 0.5 }).outlines).toBe(2);
    expect(drawDocument(new RecordingPaint(), raster, outlines, view, new Set(), { [sure.questionId]: 0.95 }).outlines).toBe(1);
    expect(drawDocument(new RecordingPaint(), raster, outlines, view, new Set(), { otherQuestion: 0.95 }).outlines).toBe(3);
  });

  it('draws the selection last, in full and thicker, even when it is a dot at this zoom', () => {
    const { outlines, raster } = setUp([gland('a', 1_000, 1_000, 50), gland('b', 3_000, 1_000, 50)]);
    const paint = new RecordingPaint();
    const stats = drawDocument(paint, raster, outlines, viewAt(0.02, { minX: 0, minY: 0, maxX: 50_000, maxY: 40_000 }), new Set(['b']), {});
    expect(stats.dots).toBe(1);
    const last = paint.calls.filter((c) => c.op === 'stroke').at(-1);
    expect(last?.strokeStyle).toBe(CARCINOMA);
    expect(last?.lineWidth).toBeGreaterThan(2);
    expect(paint.count('arc')).toBe(1);
  });

  it('draws the density raster instead of outlines when very many are in view', () => {
    const many = Array.from({ length: DENSITY_MIN_IN_VIEW + 1 }, (_, i) => gland(`g${i}`, 100 + (i % 300) * 300, 100 + Math.floor(i / 300) * 300, 20, i % 2 ? 'lesion.adenoma' : 'lesion.carcinoma'));
    const { outlines, raster, rasters } = setUp(many);
    const paint = new RecordingPaint();
    const stats = drawDocument(paint, raster, outlines, viewAt(0.01, { minX: 0, minY: 0, maxX: 100_000, maxY: 80_000 }), new Set(), {});
    expect(stats.mode).toBe('density');
    expect(paint.count('lineTo')).toBe(0);
    expect(rasters).toHaveLength(1);
    const { pixels } = rasters[0]!;
    let covered = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) covered += 1;
    expect(covered).toBeGreaterThan(100);

    // Zoomed in on one corner, the same document draws outlines again.
    const near = drawDocument(new RecordingPaint(), raster, outlines, viewAt(1, { minX: 0, minY: 0, maxX: 1_000, maxY: 800 }), new Set(), {});
    expect(near.mode).toBe('outlines');
    expect(near.outlines).toBeGreaterThan(0);
  });
});
