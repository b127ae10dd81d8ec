import { describe, expect, it } from 'vitest';
import { executeToolCommand } from '../documentEditor';
import { encodeRuns } from '../mask';
import { testEditor } from '../testing/records';
import { interpolationCommand, maskAt } from './interpolation';
import { labelmapOf, paintCapsule } from './labelmap';

const SIZE = { width: 64, height: 64 };
const TARGETS = Array.from({ length: 8 }, (_, i) => `slice-${i + 1}`);

function discRuns(radius: number): number[] {
  const labels = labelmapOf(null, SIZE);
  paintCapsule(labels, SIZE, [32, 32], [32, 32], radius, 1);
  return encodeRuns(labels);
}

describe('interpolationCommand', () => {
  it('fills the gap between two outlined slices as one step, one record per filled slice, undone and redone exactly', () => {
    const { editor, events } = testEditor();
    editor.execute('mask/set', { questionId: 'lesion', targetId: 'slice-2', classCode: 'lesion', width: 64, height: 64, runs: discRuns(4) });
    editor.execute('mask/set', { questionId: 'lesion', targetId: 'slice-6', classCode: 'lesion', width: 64, height: 64, runs: discRuns(12) });
    // Another class's outline is not this segment's.
    editor.execute('mask/set', { questionId: 'lesion', targetId: 'slice-8', classCode: 'cyst', width: 64, height: 64, runs: discRuns(3) });
    const command = interpolationCommand(editor.store, 'lesion', 'lesion', TARGETS, SIZE)!;
    expect(command.name).toBe('mask/setMany');
    const before = [...editor.store.records()];
    const diff = executeToolCommand(editor, command);
    expect(Object.keys(diff).sort()).toEqual(['mask:lesion:slice-3:lesion', 'mask:lesion:slice-4:lesion', 'mask:lesion:slice-5:lesion']);
    expect(events.at(-1)?.origin).toBe('local');
    const areas = TARGETS.slice(1, 6).map((t) => maskAt(editor.store, 'lesion', t, 'lesion')!.runs.filter((_, i) => i % 2 === 1).reduce((a, b) => a + b, 0));
    expect(areas).toEqual([...areas].sort((a, b) => a - b));
    const after = [...editor.store.records()];
    editor.undo();
    expect([...editor.store.records()]).toEqual(before);
    editor.redo();
    expect([...editor.store.records()]).toEqual(after);
    expect(interpolationCommand(editor.store, 'lesion', 'lesion', TARGETS, SIZE)).toBeNull();
  });

  it('refuses a slice given twice', () => {
    const { editor } = testEditor();
    const slices = [{ targetId: 'slice-1', runs: discRuns(2) }, { targetId: 'slice-1', runs: discRuns(3) }];
    expect(() => editor.execute('mask/setMany', { questionId: 'lesion', classCode: 'lesion', width: 64, height: 64, slices })).toThrow('mask/setMany: slice "slice-1" given twice');
  });
});
