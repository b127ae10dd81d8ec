import { describe, expect, it, vi } from 'vitest';
import type { Point } from '../../../core/annotation';
import { RecordStore } from '../../../core/recordStore';
import { DOC_KEY, modelProvenance, shapeRecord } from '../../../core/testing/records';
import { DocumentOutlines } from './documentOutlines';
import { ClassPalette } from '../../annotation/outlineStyle';

const palette = new ClassPalette({
  classes: [
    { code: 'lesion.carcinoma', name: { en: 'c', ja: 'c' }, color: '#d62728', key: 'c' },
    { code: 'lesion.adenoma', name: { en: 'a', ja: 'a' }, color: '#ff7f0e', key: 'a' },
  ],
});
const square = (x: number, y: number, side: number): { type: 'polygon'; points: Point[] } => ({
  type: 'polygon',
  points: [[x, y], [x + side, y], [x + side, y + side], [x, y + side]],
});

describe('DocumentOutlines', () => {
  it('caches each outline box of the slide from the first load, not other targets or labels', () => {
    const store = new RecordStore(DOC_KEY, [
      shapeRecord('a', 'slide', square(10, 20, 30), 'lesion.carcinoma'),
      shapeRecord('b', 'other', square(0, 0, 5), 'lesion.carcinoma'),
    ]);
    const outlines = new DocumentOutlines(store, 'slide', { width: 1000, height: 1000 }, palette);
    expect(outlines.count).toBe(1);
    expect(outlines.boxOf('a')).toEqual({ minX: 10, minY: 20, maxX: 40, maxY: 50 });
    expect(outlines.boxOf('b')).toBeNull();
    expect(outlines.grid.total).toBe(1);
  });

  it('follows every applied diff in O(diff): add, move, remove, reject — never reading the whole document again', () => {
    const store = new RecordStore(DOC_KEY, [shapeRecord('a', 'slide', square(10, 10, 10), 'lesion.carcinoma')]);
    const outlines = new DocumentOutlines(store, 'slide', { width: 1000, height: 1000 }, palette);
    const everything = vi.spyOn(store, 'records');
    const a = store.get('a')!;
    const b = shapeRecord('b', 'slide', square(500, 500, 20), 'lesion.adenoma', modelProvenance());
    store.apply({ b: [null, b] });
    expect(outlines.count).toBe(2);
    expect(outlines.grid.countIn({ minX: 490, minY: 490, maxX: 530, maxY: 530 })).toBe(1);

    const moved = { ...a, geometry: square(900, 900, 10) };
    store.apply({ a: [a, moved] });
    expect(outlines.boxOf('a')).toEqual({ minX: 900, minY: 900, maxX: 910, maxY: 910 });
    expect(outlines.grid.countIn({ minX: 0, minY: 0, maxX: 100, maxY: 100 })).toBe(0);

    store.apply({ b: [b, { ...b, provenance: { ...b.provenance, decision: 'rejected' } }] });
    expect(outlines.boxOf('b')).toBeNull();
    store.apply({ a: [moved, null] });
    expect(outlines.count).toBe(0);
    expect(outlines.grid.total).toBe(0);
    expect(outlines.revision).toBe(4);
    expect(everything).not.toHaveBeenCalled();
  });

  it('stops following the store once disposed', () => {
    const store = new RecordStore(DOC_KEY, []);
    const outlines = new DocumentOutlines(store, 'slide', { width: 100, height: 100 }, palette);
    outlines.dispose();
    store.apply({ a: [null, shapeRecord('a', 'slide', square(1, 1, 1), 'lesion.carcinoma')] });
    expect(outlines.count).toBe(0);
  });
});
