import { describe, expect, it } from 'vitest';
import type { Shape } from '../annotation';
import { runCommand } from '../commands';
import { GASTRIC_BIOPSY_LABEL_SET } from '../labelSets/builtin';
import { RecordStore } from '../recordStore';
import { commandContext, DOC_KEY, slideItem, testEditor, tick } from '../testing/records';
import type { NewShape } from './types';

const SLIDE = slideItem(10_000, 8_000);
const ctx = () => commandContext(GASTRIC_BIOPSY_LABEL_SET, SLIDE);
const square = (x: number, classCode = 'lesion.carcinoma'): NewShape => ({
  classCode,
  geometry: { type: 'polygon', points: [[x, 0], [x + 10, 0], [x + 10, 10], [x, 10]] },
});

describe('shape/addMany', () => {
  it('adds every outline as a human shape of the region question in one diff', () => {
    const diff = runCommand('shape/addMany', ctx(), new RecordStore(DOC_KEY), { targetId: 'slide-1', shapes: [square(0), square(20, 'lesion.adenoma')] });
    expect(Object.keys(diff)).toEqual(['id-1', 'id-2']);
    const after = Object.values(diff).map(([before, shape]) => {
      expect(before).toBeNull();
      return shape as Shape;
    });
    expect(after.map((s) => [s.questionId, s.targetId, s.classCode])).toEqual([
      ['lesion', 'slide-1', 'lesion.carcinoma'],
      ['lesion', 'slide-1', 'lesion.adenoma'],
    ]);
    expect(after[0]!.provenance).toEqual({ origin: { kind: 'human' }, createdAt: tick(1), updatedAt: tick(1), authors: ['alice'] });
  });

  it('refuses the whole command on one bad outline, naming it', () => {
    const run = (shapes: NewShape[]) => () => runCommand('shape/addMany', ctx(), new RecordStore(DOC_KEY), { targetId: 'slide-1', shapes });
    expect(run([square(0), square(20, 'group.1')])).toThrow('shape/addMany: shapes[1]: unknown class "group.1" in question "lesion"');
    expect(run([square(0), square(9_995)])).toThrow(/^shape\/addMany: shapes\[1\]: .*outside the 10000×8000 image/);
    expect(() => runCommand('shape/addMany', ctx(), new RecordStore(DOC_KEY), { questionId: 'group', targetId: 'slide-1', shapes: [] })).toThrow(
      'question "group" is not a region question',
    );
  });

  it('is one undo step: undo takes every outline away, redo brings them all back', () => {
    const { editor, events } = testEditor([], { labelSet: GASTRIC_BIOPSY_LABEL_SET, item: SLIDE });
    const shapes = Array.from({ length: 5_000 }, (_, i) => square((i % 900) * 11));
    editor.execute('shape/addMany', { targetId: 'slide-1', shapes });
    expect(editor.store.size).toBe(5_000);
    expect(events).toHaveLength(1);
    expect(editor.store.recordsIn('slide-1', { minX: 0, minY: 0, maxX: 5, maxY: 5 })).toHaveLength(Math.ceil(5_000 / 900));
    expect(Object.keys(editor.undo() ?? {})).toHaveLength(5_000);
    expect(editor.store.size).toBe(0);
    expect(editor.canUndo).toBe(false);
    editor.redo();
    expect(editor.store.size).toBe(5_000);
  });
});
