import { describe, expect, it } from 'vitest';
import type { TargetLabel } from '../annotation';
import { ENDOSCOPY_VIDEO_LABEL_SET } from '../labelSets/builtin';
import { frameSetItem, testEditor } from '../testing/records';

const VIDEO = frameSetItem(Array.from({ length: 6 }, () => [320, 240] as const));
const editorOf = () => testEditor([], { labelSet: ENDOSCOPY_VIDEO_LABEL_SET, item: VIDEO });

describe('frame range commands', () => {
  it('add: one label record spanning the run, on the set’s frame-range question, one undo step', () => {
    const { editor, events } = editorOf();
    editor.execute('frameRange/add', { firstTargetId: 'frame-2', lastTargetId: 'frame-5', classCode: 'event.bleeding' });
    const records = [...editor.store.records()];
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ type: 'label', id: 'range:event:n1', questionId: 'event', targetId: 'frame-2', endTargetId: 'frame-5', classCodes: ['event.bleeding'] });
    expect(events).toHaveLength(1);
    editor.undo();
    expect(editor.store.size).toBe(0);
  });

  it('add: overlapping ranges of the same question are separate records', () => {
    const { editor } = editorOf();
    editor.execute('frameRange/add', { firstTargetId: 'frame-1', lastTargetId: 'frame-3', classCode: 'event.bleeding' });
    editor.execute('frameRange/add', { firstTargetId: 'frame-1', lastTargetId: 'frame-6', classCode: 'event.polyp' });
    expect(editor.store.size).toBe(2);
  });

  it('add: refuses a run that ends before it starts, an unknown class and a question not asked of ranges', () => {
    const { editor } = editorOf();
    expect(() => editor.execute('frameRange/add', { firstTargetId: 'frame-4', lastTargetId: 'frame-2', classCode: 'event.polyp' })).toThrow('a range ends at or after its first target');
    expect(() => editor.execute('frameRange/add', { firstTargetId: 'frame-1', lastTargetId: 'frame-2', classCode: 'site.rectum' })).toThrow('unknown class "site.rectum"');
    expect(() => editor.execute('frameRange/add', { questionId: 'site', firstTargetId: 'frame-1', lastTargetId: 'frame-2', classCode: 'site.rectum' })).toThrow('not asked of frame ranges');
  });

  it('resize: moves the ends of the same record (one step); remove deletes it', () => {
    const { editor, events } = editorOf();
    editor.execute('frameRange/add', { firstTargetId: 'frame-2', lastTargetId: 'frame-3', classCode: 'event.polyp' });
    editor.execute('frameRange/resize', { id: 'range:event:n1', firstTargetId: 'frame-2', lastTargetId: 'frame-6' });
    const resized = editor.store.get('range:event:n1') as TargetLabel;
    expect([resized.targetId, resized.endTargetId]).toEqual(['frame-2', 'frame-6']);
    expect(events).toHaveLength(2);
    expect(editor.execute('frameRange/resize', { id: 'range:event:n1', firstTargetId: 'frame-2', lastTargetId: 'frame-6' })).toEqual({});
    editor.undo();
    expect((editor.store.get('range:event:n1') as TargetLabel).endTargetId).toBe('frame-3');
    editor.execute('frameRange/remove', { id: 'range:event:n1' });
    expect(editor.store.size).toBe(0);
  });
});
