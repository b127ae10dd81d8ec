import { describe, expect, it } from 'vitest';
import type { AnnotationRecord, TargetLabel } from '../annotation';
import { UC_ENDOSCOPY_LABEL_SET } from '../labelSets/builtin';
import { mulberry32 } from '../random';
import { frameSetItem, labelRecord, modelProvenance, testEditor } from '../testing/records';
import { runsOf } from './frameRuns';

const FRAMES = 40;
const item = frameSetItem(Array.from({ length: FRAMES }, () => [64, 48] as const));
const id = (frame: number) => `frame-${frame + 1}`;
const frames = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => id(first + i));
const editorOf = (records: AnnotationRecord[] = []) => testEditor(records, { labelSet: UC_ENDOSCOPY_LABEL_SET, item }).editor;

const labels = (records: Iterable<AnnotationRecord>) => [...records].filter((r): r is TargetLabel => r.type === 'label');
/** Each label as `first…last=classes`, in frame order. */
const spans = (records: Iterable<AnnotationRecord>) =>
  labels(records)
    .sort((a, b) => Number(a.targetId.slice(6)) - Number(b.targetId.slice(6)))
    .map((r) => `${r.targetId}…${r.endTargetId ?? r.targetId}=${r.classCodes.join('+')}`);
const answers = (editor: ReturnType<typeof editorOf>, question = 'mayo') => Array.from({ length: FRAMES }, (_, f) => editor.store.labelAt(question, id(f))?.classCodes[0] ?? null);

describe('runsOf', () => {
  it('groups frame indices into ascending contiguous runs, repeats and order ignored', () => {
    expect(runsOf([5, 1, 2, 3, 9, 2, 10])).toEqual([
      { first: 1, last: 3 },
      { first: 5, last: 5 },
      { first: 9, last: 10 },
    ]);
  });
});

describe('tags over runs of frames on a per-frame question', () => {
  it('stores a Shift-selected run as one range record, covering every frame of it', () => {
    const editor = editorOf();
    const diff = editor.execute('targetLabel/setRange', { questionId: 'mayo', targetIds: frames(3, 30), classCode: 'mayo.2' });
    expect(Object.keys(diff)).toHaveLength(1);
    expect(spans(editor.store.records())).toEqual(['frame-4…frame-31=mayo.2']);
    expect(answers(editor).filter((a) => a === 'mayo.2')).toHaveLength(28);
    expect(editor.store.labelAt('mayo', id(2))).toBeUndefined();
    expect(editor.store.labelledTargets).toBe(28);
  });

  it('writes one record per run of a scattered (Ctrl) selection; a run of one is a plain frame label', () => {
    const editor = editorOf();
    editor.execute('targetLabel/setRange', { questionId: 'mayo', targetIds: [id(9), ...frames(0, 3), id(20), id(21)], classCode: 'mayo.1' });
    expect(spans(editor.store.records())).toEqual(['frame-1…frame-4=mayo.1', 'frame-10…frame-10=mayo.1', 'frame-21…frame-22=mayo.1']);
    expect(editor.store.get('label:mayo:frame-10')).toBeDefined();
  });

  it('splits a range a sub-run is tagged inside: the old record shrinks, the far remainder is new, undo restores it exactly', () => {
    const editor = editorOf();
    editor.execute('targetLabel/setRange', { questionId: 'mayo', targetIds: frames(0, 39), classCode: 'mayo.0' });
    const before = editor.store.snapshot();
    const diff = editor.execute('targetLabel/setRange', { questionId: 'mayo', targetIds: frames(10, 19), classCode: 'mayo.3' });
    expect(Object.keys(diff)).toHaveLength(3);
    expect(spans(editor.store.records())).toEqual(['frame-1…frame-10=mayo.0', 'frame-11…frame-20=mayo.3', 'frame-21…frame-40=mayo.0']);
    expect(editor.store.labelledTargets).toBe(40);
    editor.undo();
    expect(editor.store.snapshot()).toEqual(before);
    expect(answers(editor).every((a) => a === 'mayo.0')).toBe(true);
  });

  it('treats one frame tagged inside a range as a run of one, and a clear inside it as a gap', () => {
    const editor = editorOf();
    editor.execute('targetLabel/setRange', { questionId: 'mayo', targetIds: frames(0, 9), classCode: 'mayo.0' });
    editor.execute('targetLabel/set', { questionId: 'mayo', targetId: id(0), classCode: 'mayo.1' });
    editor.execute('targetLabel/clear', { questionId: 'mayo', targetIds: [id(5)] });
    expect(spans(editor.store.records())).toEqual(['frame-1…frame-1=mayo.1', 'frame-2…frame-5=mayo.0', 'frame-7…frame-10=mayo.0']);
    expect(editor.store.labelledTargets).toBe(9);
    expect(editor.store.isLabelled(id(5))).toBe(false);
  });

  it('does nothing when the run already carries that answer from one record', () => {
    const editor = editorOf();
    editor.execute('targetLabel/setRange', { questionId: 'mayo', targetIds: frames(0, 9), classCode: 'mayo.0' });
    expect(editor.execute('targetLabel/setRange', { questionId: 'mayo', targetIds: frames(2, 5), classCode: 'mayo.0' })).toEqual({});
    expect(editor.execute('targetLabel/set', { questionId: 'mayo', targetId: id(9), classCode: 'mayo.0' })).toEqual({});
  });

  it('folds the frames’ own labels into a run: a person’s removed, a differing proposal rejected, an agreeing one accepted and kept', () => {
    const proposal = (frame: number, code: string) => ({ ...labelRecord(id(frame), [code], modelProvenance(), 'mayo') });
    const editor = editorOf([labelRecord(id(2), ['mayo.3'], undefined, 'mayo'), proposal(4, 'mayo.3'), proposal(6, 'mayo.1')]);
    editor.execute('targetLabel/setRange', { questionId: 'mayo', targetIds: frames(0, 9), classCode: 'mayo.1' });
    expect(editor.store.get(`label:mayo:${id(2)}`)).toBeUndefined();
    expect(editor.store.get(`label:mayo:${id(4)}`)?.provenance.decision).toBe('rejected');
    expect(editor.store.get(`label:mayo:${id(6)}`)?.provenance.decision).toBe('accepted');
    expect(spans(editor.store.snapshot().filter((r) => r.provenance.origin.kind === 'human'))).toEqual(['frame-1…frame-6=mayo.1', 'frame-8…frame-10=mayo.1']);
    expect(answers(editor).slice(0, 10).every((a) => a === 'mayo.1')).toBe(true);
  });

  it('joins a run to the runs of the same answer it touches, one record, undo restoring them exactly', () => {
    const editor = editorOf();
    editor.execute('targetLabel/setRange', { questionId: 'mayo', targetIds: frames(0, 9), classCode: 'mayo.1' });
    const first = editor.store.snapshot();
    const diff = editor.execute('targetLabel/setRange', { questionId: 'mayo', targetIds: frames(10, 19), classCode: 'mayo.1' });
    expect(Object.keys(diff)).toHaveLength(1);
    expect(spans(editor.store.records())).toEqual(['frame-1…frame-20=mayo.1']);
    expect(editor.store.get(first[0]!.id)).toBeDefined();
    editor.execute('targetLabel/setRange', { questionId: 'mayo', targetIds: frames(25, 29), classCode: 'mayo.1' });
    editor.execute('targetLabel/set', { questionId: 'mayo', targetId: id(30), classCode: 'mayo.1' });
    expect(spans(editor.store.records())).toEqual(['frame-1…frame-20=mayo.1', 'frame-26…frame-31=mayo.1']);
    const beforeGap = editor.store.snapshot();
    const gap = editor.execute('targetLabel/setRange', { questionId: 'mayo', targetIds: frames(20, 24), classCode: 'mayo.1' });
    expect(Object.keys(gap)).toHaveLength(2);
    expect(spans(editor.store.records())).toEqual(['frame-1…frame-31=mayo.1']);
    expect(editor.store.labelledTargets).toBe(31);
    editor.undo();
    expect(editor.store.snapshot()).toEqual(beforeGap);
  });

  it('joins one frame tagged beside a run, and a person’s frame answer changed to its neighbour’s', () => {
    const editor = editorOf();
    editor.execute('targetLabel/set', { questionId: 'mayo', targetId: id(0), classCode: 'mayo.2' });
    editor.execute('targetLabel/set', { questionId: 'mayo', targetId: id(1), classCode: 'mayo.2' });
    expect(spans(editor.store.records())).toEqual(['frame-1…frame-2=mayo.2']);
    editor.execute('targetLabel/set', { questionId: 'mayo', targetId: id(2), classCode: 'mayo.3' });
    editor.execute('targetLabel/set', { questionId: 'mayo', targetId: id(2), classCode: 'mayo.2' });
    expect(spans(editor.store.records())).toEqual(['frame-1…frame-3=mayo.2']);
    expect(editor.store.size).toBe(1);
  });

  it('does not join a model’s proposal of the same answer beside the run: it stays its own record', () => {
    const proposed = labelRecord(id(10), ['mayo.1'], modelProvenance(), 'mayo');
    const editor = editorOf([proposed]);
    editor.execute('targetLabel/setRange', { questionId: 'mayo', targetIds: frames(0, 9), classCode: 'mayo.1' });
    expect(spans(editor.store.records())).toEqual(['frame-1…frame-10=mayo.1', 'frame-11…frame-11=mayo.1']);
  });

  it('keeps one label per frame on a multiple-choice frame question', () => {
    const labelSet = { ...UC_ENDOSCOPY_LABEL_SET, questions: UC_ENDOSCOPY_LABEL_SET.questions.map((q) => (q.id === 'site' ? { ...q, kind: 'multiple' as const } : q)) };
    const { editor } = testEditor([], { labelSet, item });
    editor.execute('targetLabel/setRange', { questionId: 'site', targetIds: frames(0, 4), classCode: 'site.rectum' });
    expect(editor.store.size).toBe(5);
  });

  it('agrees with a naive per-frame model through random tags, clears, undo and redo, one record per run at most', () => {
    const random = mulberry32(10);
    const editor = editorOf();
    let model: (string | null)[] = Array(FRAMES).fill(null);
    const past: (string | null)[][] = [];
    const future: (string | null)[][] = [];
    for (let step = 0; step < 400; step += 1) {
      const roll = random();
      if (roll < 0.15 && past.length > 0) {
        editor.undo();
        future.push(model);
        model = past.pop()!;
      } else if (roll < 0.22 && future.length > 0) {
        editor.redo();
        past.push(model);
        model = future.pop()!;
      } else {
        const first = Math.floor(random() * FRAMES);
        const last = Math.min(FRAMES - 1, first + Math.floor(random() * 12));
        const picked = frames(first, last).filter(() => random() < 0.85);
        const code = random() < 0.2 ? null : `mayo.${Math.floor(random() * 4)}`;
        const before = editor.store.size;
        const diff =
          code === null
            ? editor.execute('targetLabel/clear', { questionId: 'mayo', targetIds: picked })
            : editor.execute('targetLabel/setRange', { questionId: 'mayo', targetIds: picked, classCode: code });
        if (Object.keys(diff).length === 0) continue;
        // A tag adds at most two records per run: its own, and the far remainder of a range it splits.
        expect(editor.store.size - before).toBeLessThanOrEqual(2 * runsOf(picked.map((t) => Number(t.slice(6)) - 1)).length);
        past.push(model);
        future.length = 0;
        model = model.map((answer, f) => (picked.includes(id(f)) ? code : answer));
      }
      expect(answers(editor)).toEqual(model);
      // Runs of one answer are joined: neighbouring frames with one answer share one record.
      for (let f = 0; f + 1 < FRAMES; f += 1) {
        if (model[f] !== null && model[f] === model[f + 1]) expect(editor.store.labelAt('mayo', id(f))?.id).toBe(editor.store.labelAt('mayo', id(f + 1))?.id);
      }
      expect(editor.store.labelledTargets).toBe(model.filter((a) => a !== null).length);
      for (let f = 0; f < FRAMES; f += 1) expect(editor.store.isLabelled(id(f))).toBe(model[f] !== null);
    }
  });
});
