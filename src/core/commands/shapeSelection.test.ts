import { describe, expect, it } from 'vitest';
import type { Geometry, Shape } from '../annotation';
import { CommandError } from './types';
import { GASTRIC_BIOPSY_LABEL_SET } from '../labelSets/builtin';
import { humanProvenance, modelProvenance, shapeRecord, slideItem, testEditor, tick } from '../testing/records';

const slide = slideItem(1000, 800);
const square = (x: number, y: number): Geometry => ({ type: 'polygon', points: [[x, y], [x + 10, y], [x + 10, y + 10], [x, y + 10]] });
const lesion = (id: string, geometry: Geometry, provenance = humanProvenance('alice')): Shape =>
  shapeRecord(id, slide.id, geometry, 'lesion.carcinoma', provenance, 'lesion');

function editorWith(shapes: Shape[]) {
  return testEditor(shapes, { labelSet: GASTRIC_BIOPSY_LABEL_SET, item: slide }).editor;
}

describe('commands on a selection of outlines', () => {
  it('shape/setClass changes the class of every selected outline in one undoable step, a proposal becoming edited', () => {
    const proposal = lesion('m1', square(100, 100), modelProvenance('gastric-net'));
    const editor = editorWith([lesion('a', square(0, 0)), proposal, lesion('b', square(50, 50))]);
    const diff = editor.execute('shape/setClass', { ids: ['a', 'm1', 'a'], classCode: 'lesion.adenoma' });
    expect(Object.keys(diff).sort()).toEqual(['a', 'm1']);
    const edited = editor.store.get('m1') as Shape;
    expect(edited.classCode).toBe('lesion.adenoma');
    expect(edited.provenance).toMatchObject({ decision: 'edited', decidedBy: 'alice', authors: ['alice'], updatedAt: tick(2) });
    expect(edited.geometry).toEqual(proposal.geometry);
    expect((editor.store.get('b') as Shape).classCode).toBe('lesion.carcinoma');
    editor.undo();
    expect(editor.store.get('m1')).toEqual(proposal);
    expect((editor.store.get('a') as Shape).classCode).toBe('lesion.carcinoma');
    editor.redo();
    expect((editor.store.get('a') as Shape).classCode).toBe('lesion.adenoma');
  });

  it('shape/setClass changes nothing for outlines already of that class, and refuses an unknown class', () => {
    const editor = editorWith([lesion('a', square(0, 0))]);
    expect(editor.execute('shape/setClass', { ids: ['a'], classCode: 'lesion.carcinoma' })).toEqual({});
    expect(() => editor.execute('shape/setClass', { ids: ['a'], classCode: 'group.3' })).toThrow(CommandError);
    expect(() => editor.execute('shape/setClass', { ids: ['nope'], classCode: 'lesion.other' })).toThrow(/no record "nope"/);
  });

  it('shape/translate moves every selected outline by the same offset as one undo step', () => {
    const editor = editorWith([lesion('a', square(0, 0)), lesion('e', { type: 'ellipse', center: [300, 300], radii: [20, 10], rotation: 0 })]);
    editor.execute('shape/translate', { ids: ['a', 'e'], dx: 5.004, dy: 7 });
    expect((editor.store.get('a') as Shape).geometry).toEqual(square(5, 7));
    expect((editor.store.get('e') as Shape).geometry).toMatchObject({ center: [305, 307] });
    expect(editor.store.recordsIn(slide.id, { minX: 0, minY: 0, maxX: 4, maxY: 4 })).toEqual([]);
    editor.undo();
    expect((editor.store.get('a') as Shape).geometry).toEqual(square(0, 0));
    expect((editor.store.get('e') as Shape).geometry).toMatchObject({ center: [300, 300] });
    expect(editor.canUndo).toBe(false);
  });

  it('shape/translate refuses a move out of the image and leaves the document as it was', () => {
    const editor = editorWith([lesion('a', square(0, 0)), lesion('b', square(985, 0))]);
    expect(() => editor.execute('shape/translate', { ids: ['a', 'b'], dx: 10, dy: 0 })).toThrow(/outside the 1000×800 image/);
    expect((editor.store.get('a') as Shape).geometry).toEqual(square(0, 0));
    expect(() => editor.execute('shape/translate', { ids: ['a'], dx: Number.NaN, dy: 0 })).toThrow(CommandError);
  });

  it('shape/removeMany deletes people’s outlines and rejects proposals (kept, hidden), undoably', () => {
    const proposal = lesion('m1', square(100, 100), modelProvenance('gastric-net'));
    const editor = editorWith([lesion('a', square(0, 0)), proposal]);
    editor.execute('shape/removeMany', { ids: ['a', 'm1'] });
    expect(editor.store.get('a')).toBeUndefined();
    expect(editor.store.get('m1')?.provenance.decision).toBe('rejected');
    editor.undo();
    expect(editor.store.get('a')).toBeDefined();
    expect(editor.store.get('m1')).toEqual(proposal);
    expect(() => editor.execute('shape/removeMany', { ids: 'a' as unknown as string[] })).toThrow(/ids must be an array/);
  });
});
