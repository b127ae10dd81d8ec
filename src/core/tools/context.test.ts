import { describe, expect, it, vi } from 'vitest';
import type { AnnotationRecord, Point } from '../annotation';
import { GASTRIC_BIOPSY_LABEL_SET } from '../labelSets/builtin';
import { RecordStore } from '../recordStore';
import { DOC_KEY, humanProvenance, modelProvenance, shapeRecord, T0 } from '../testing/records';
import { lesionShape, squareRing } from '../testing/toolHarness';
import { createToolContext } from './context';

const LESION = GASTRIC_BIOPSY_LABEL_SET.questions.find((q) => q.id === 'lesion')!;
const LATER = '2024-05-02T08:00:00.000Z';

function contextOver(records: AnnotationRecord[], selection: readonly string[] = []) {
  const store = new RecordStore({ ...DOC_KEY, itemId: 'slide-1' }, records);
  const ctx = createToolContext(store, {
    targetId: 'slide-1',
    imageSize: { width: 100_000, height: 100_000 },
    question: LESION,
    classCode: 'lesion.carcinoma',
    imagePxPerScreenPx: 2,
    selection: new Set(selection),
  });
  return { store, ctx };
}

describe('the tool context over a record store', () => {
  it('hits outlines exactly: not in a hole, not in the empty corner of their box', () => {
    const ring = { type: 'polygon' as const, points: squareRing(0, 0, 100), holes: [squareRing(40, 40, 20)] };
    const { ctx } = contextOver([
      shapeRecord('ring', 'slide-1', ring, 'lesion.carcinoma', humanProvenance(), 'lesion'),
      lesionShape('tri', [[200, 0], [300, 0], [200, 100]]),
    ]);
    expect(ctx.shapeAt([20, 20], 1)?.id).toBe('ring');
    expect(ctx.shapeAt([50, 50], 1)).toBeNull();
    expect(ctx.shapeAt([50, 40.5], 1)?.id).toBe('ring');
    expect(ctx.shapeAt([290, 90], 1)).toBeNull();
    expect(ctx.shapeAt([240, 50], 5)?.id).toBe('tri');
    expect(ctx.shapeAt([258, 46], 3)?.id).toBe('tri');
  });

  it('answers the topmost: the outline changed last, whatever order the store holds them in', () => {
    const { ctx, store } = contextOver([lesionShape('new', squareRing(0, 0, 100), LATER), lesionShape('old', squareRing(50, 50, 100), T0)]);
    expect(ctx.shapeAt([75, 75], 1)?.id).toBe('new');
    const old = store.get('old')!;
    store.apply({ old: [old, { ...old, provenance: humanProvenance('alice', '2024-05-03T00:00:00.000Z') }] });
    expect(ctx.shapeAt([75, 75], 1)?.id).toBe('old');
  });

  it('skips rejected proposals and other images, and lists only outlines wholly inside a box', () => {
    const rejected = { ...modelProvenance(), decision: 'rejected' as const, decidedBy: 'bob' };
    const { ctx } = contextOver([
      shapeRecord('gone', 'slide-1', { type: 'polygon', points: squareRing(0, 0, 10) }, 'lesion.carcinoma', rejected, 'lesion'),
      shapeRecord('elsewhere', 'slide-2', { type: 'polygon', points: squareRing(0, 0, 10) }, 'lesion.carcinoma', humanProvenance(), 'lesion'),
      lesionShape('in', squareRing(20, 20, 10)),
      lesionShape('across', squareRing(45, 45, 10)),
    ]);
    expect(ctx.shapeAt([5, 5], 1)).toBeNull();
    expect(ctx.shape('gone')).toBeUndefined();
    expect(ctx.shapesIn({ minX: 0, minY: 0, maxX: 50, maxY: 50 }).map((s) => s.id)).toEqual(['in']);
  });

  it('carries the question, class, zoom, image and selection, and maps class keys to classes', () => {
    const { ctx } = contextOver([], ['a']);
    expect([ctx.targetId, ctx.questionId, ctx.classCode, ctx.imagePxPerScreenPx, [...ctx.selection]]).toEqual(['slide-1', 'lesion', 'lesion.carcinoma', 2, ['a']]);
    expect(ctx.imageSize).toEqual({ width: 100_000, height: 100_000 });
    expect([ctx.classForKey('c'), ctx.classForKey('a'), ctx.classForKey('o'), ctx.classForKey('1')]).toEqual([
      'lesion.carcinoma',
      'lesion.adenoma',
      'lesion.other',
      undefined,
    ]);
  });
});

describe('hit tests on a slide of 100,000 outlines', () => {
  it('a click and a box selection read a handful of records, never the whole document', () => {
    const reads = { count: 0 };
    /** Every property read of a stored record counts, however the context gets to it. */
    const watched = <T extends object>(record: T): T =>
      new Proxy(record, {
        get(target, key, receiver) {
          reads.count += 1;
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
    // 24-vertex cells on a 20 px grid, as a nuclei layer would be.
    const cell = (cx: number, cy: number): Point[] =>
      Array.from({ length: 24 }, (_, i) => [cx + 8 * Math.cos((i * Math.PI) / 12), cy + 8 * Math.sin((i * Math.PI) / 12)] as const);
    const records = Array.from({ length: 100_000 }, (_, i) => watched(lesionShape(`c${i}`, cell(10 + 20 * (i % 400), 10 + 20 * Math.floor(i / 400)))));
    const { ctx, store } = contextOver(records);
    const scans = [vi.spyOn(store, 'records'), vi.spyOn(store, 'snapshot'), vi.spyOn(store, 'recordsAt')];
    reads.count = 0;

    // The cell at column 123, row 45 is record 45 × 400 + 123.
    expect(ctx.shapeAt([10 + 20 * 123 + 3, 10 + 20 * 45 - 2], 2)?.id).toBe(`c${45 * 400 + 123}`);
    expect(ctx.shapeAt([20 * 123, 20 * 45], 1)).toBeNull();
    const band = ctx.shapesIn({ minX: 0, minY: 0, maxX: 61, maxY: 41 });
    expect(band.map((s) => s.id).sort()).toEqual(['c0', 'c1', 'c2', 'c400', 'c401', 'c402']);

    for (const scan of scans) expect(scan).not.toHaveBeenCalled();
    // A few candidate outlines, each read for its type, liveness, box and vertices: far below 100,000.
    expect(reads.count).toBeLessThan(500);
  });
});
