import { describe, expect, it } from 'vitest';
import type { AnnotationRecord, TargetLabel } from './annotation';
import { CommandError } from './commands';
import { DocumentEditor, type ChangeOrigin } from './documentEditor';
import { labelAt } from './targetLabels';
import { ItemTargets } from './targets';
import { DOC_KEY, humanProvenance, labelRecord, modelProvenance, seriesItem, shapeRecord, TEST_LABEL_SET, testEditor } from './testing/records';

const SLICES = Array.from({ length: 28 }, (_, i) => `slice-${i + 1}`);

function classOf(editor: DocumentEditor, target: string): string | undefined {
  return labelAt(editor.store, 'sah', target)?.classCodes[0];
}

const sorted = (records: Iterable<AnnotationRecord>) => [...records].sort((a, b) => a.id.localeCompare(b.id));

/** The records as they came over the network: equal as data, never the same objects. */
const fromServer = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('DocumentEditor', () => {
  it('labels every slice, then undoes and redoes all of it', () => {
    const { editor, events } = testEditor();
    const codes = ['sah.absent', 'sah.present', 'sah.uncertain'];
    SLICES.forEach((s, i) => editor.execute('targetLabel/set', { targetId: s, classCode: codes[i % 3]! }));
    const labelled = sorted(editor.store.records());
    expect(labelled).toHaveLength(28);
    expect(editor.store.labelledTargets).toBe(28);
    expect(events.map((x) => x.origin)).toEqual(Array(28).fill('local'));

    while (editor.canUndo) editor.undo();
    expect(editor.store.size).toBe(0);
    expect(editor.store.labelledTargets).toBe(0);
    while (editor.canRedo) editor.redo();
    expect(sorted(editor.store.records())).toEqual(labelled);
    expect(events.filter((x) => x.origin === 'undo')).toHaveLength(28);
    expect(events.filter((x) => x.origin === 'redo')).toHaveLength(28);
  });

  it('tells listeners the diff it applied, the same one execute returns', () => {
    const { editor, events } = testEditor();
    const diff = editor.execute('targetLabel/set', { targetId: 'slice-3', classCode: 'sah.present' });
    expect(events).toEqual([{ diff, origin: 'local' }]);
    expect(diff).toEqual({ 'label:sah:slice-3': [null, editor.store.get('label:sah:slice-3')] });
    const label = editor.store.get('label:sah:slice-3');
    expect(editor.undo()).toEqual({ 'label:sah:slice-3': [label, null] });
    expect(events.at(-1)?.origin).toBe('undo');
  });

  it('does not notify or record a command that changes nothing', () => {
    const { editor, events } = testEditor();
    editor.execute('targetLabel/set', { targetId: 'slice-1', classCode: 'sah.absent' });
    expect(editor.execute('targetLabel/set', { targetId: 'slice-1', classCode: 'sah.absent' })).toEqual({});
    expect(events).toHaveLength(1);
    editor.undo();
    expect(editor.canUndo).toBe(false);
  });

  it('leaves the document untouched when a command is refused', () => {
    const { editor, events } = testEditor([labelRecord('slice-1', ['sah.absent'])]);
    const changes = editor.store.changes;
    expect(() => editor.execute('targetLabel/setRange', { targetIds: ['slice-2', 'slice-99'], classCode: 'sah.absent' })).toThrow(CommandError);
    expect(editor.store.changes).toBe(changes);
    expect(editor.store.snapshot()).toEqual([labelRecord('slice-1', ['sah.absent'])]);
    expect(events).toHaveLength(0);
    expect(editor.canUndo).toBe(false);
  });

  it('a range label is one undo step', () => {
    const { editor } = testEditor();
    editor.execute('targetLabel/setRange', { targetIds: SLICES.slice(0, 10), classCode: 'sah.absent' });
    expect(editor.store.labelledTargets).toBe(10);
    editor.undo();
    expect(editor.store.size).toBe(0);
    expect(editor.canUndo).toBe(false);
  });

  it('batches several commands into one undo step', () => {
    const { editor } = testEditor();
    editor.beginBatch();
    editor.execute('shape/add', { targetId: 'slice-5', classCode: 'lesion', geometry: { type: 'point', point: [1, 1] } });
    editor.execute('shape/update', { id: 'n1', geometry: { type: 'point', point: [2, 2] } });
    editor.execute('shape/update', { id: 'n1', geometry: { type: 'point', point: [3, 3] } });
    editor.endBatch();
    const shape = editor.store.get('n1');
    expect(shape).toMatchObject({ geometry: { type: 'point', point: [3, 3] } });
    expect(editor.undo()).toEqual({ n1: [shape, null] });
    expect(editor.store.size).toBe(0);
    expect(editor.canUndo).toBe(false);
    expect(editor.redo()).toEqual({ n1: [null, shape] });
  });

  it('keeps at most historyLimit undo steps', () => {
    const { editor } = testEditor([], { historyLimit: 2 });
    for (const s of SLICES.slice(0, 4)) editor.execute('targetLabel/set', { targetId: s, classCode: 'sah.absent' });
    while (editor.canUndo) editor.undo();
    expect(sorted(editor.store.records()).map((r) => r.targetId)).toEqual(['slice-1', 'slice-2']);
  });

  describe('applyRemote', () => {
    it('applies remote records without entering history', () => {
      const { editor, events } = testEditor();
      editor.execute('targetLabel/set', { targetId: 'slice-1', classCode: 'sah.absent' });
      const mine = editor.store.get('label:sah:slice-1');
      const other = labelRecord('slice-2', ['sah.present'], humanProvenance('alice'));

      const diff = editor.applyRemote(new Map([[mine!.id, fromServer(mine!)], [other.id, other]]));
      expect(diff).toEqual({ 'label:sah:slice-2': [null, other] });
      expect(events.at(-1)?.origin).toBe('remote');
      // An equal copy of my record leaves mine in place.
      expect(editor.store.get('label:sah:slice-1')).toBe(mine);

      // Undo reverts my own change only; the remote label stays.
      editor.undo();
      expect(classOf(editor, 'slice-1')).toBeUndefined();
      expect(classOf(editor, 'slice-2')).toBe('sah.present');
      expect(editor.canUndo).toBe(false);
    });

    it('undo skips a record changed remotely and reverts the step before', () => {
      const { editor } = testEditor();
      editor.execute('targetLabel/set', { targetId: 'slice-1', classCode: 'sah.absent' });
      editor.execute('targetLabel/set', { targetId: 'slice-2', classCode: 'sah.absent' });
      const s2 = editor.store.get('label:sah:slice-2') as TargetLabel;
      editor.applyRemote(new Map([[s2.id, { ...fromServer(s2), classCodes: ['sah.present'] }]]));
      // The latest local step (slice-2) was overtaken remotely, so undo reverts slice-1 instead.
      expect(Object.keys(editor.undo()!)).toEqual(['label:sah:slice-1']);
      expect(classOf(editor, 'slice-2')).toBe('sah.present');
      expect(classOf(editor, 'slice-1')).toBeUndefined();
      expect(editor.undo()).toBeNull();
    });

    it('a remote delete is applied, and undo does not resurrect the record', () => {
      const { editor, events } = testEditor();
      editor.execute('targetLabel/set', { targetId: 'slice-1', classCode: 'sah.absent' });
      const s1 = editor.store.get('label:sah:slice-1');
      expect(editor.applyRemote(new Map([['label:sah:slice-1', null]]))).toEqual({ 'label:sah:slice-1': [s1, null] });
      expect(editor.store.labelledTargets).toBe(0);
      expect(editor.undo()).toBeNull();
      expect(events.map((e) => e.origin)).toEqual(['local', 'remote']);
    });

    it('an identical remote copy, or a delete of nothing, changes nothing and notifies no one', () => {
      const { editor, events } = testEditor();
      editor.execute('targetLabel/set', { targetId: 'slice-1', classCode: 'sah.absent' });
      const changes = editor.store.changes;
      const copy = fromServer(editor.store.get('label:sah:slice-1')!);
      expect(editor.applyRemote(new Map<string, AnnotationRecord | null>([[copy.id, copy], ['never', null]]))).toEqual({});
      expect(editor.store.changes).toBe(changes);
      expect(events).toHaveLength(1);
    });
  });

  describe('propose', () => {
    const pending = labelRecord('slice-4', ['sah.present'], modelProvenance());
    const pendingShape = shapeRecord('m1', 'slice-4', undefined, 'lesion', modelProvenance());

    it('adds pending model proposals outside undo, with origin "proposal"', () => {
      const { editor, events } = testEditor();
      const diff = editor.propose([pending, pendingShape]);
      expect(diff).toEqual({ [pending.id]: [null, pending], m1: [null, pendingShape] });
      expect(events).toEqual([{ diff, origin: 'proposal' }]);
      expect(editor.canUndo).toBe(false);
      // Shown, but nobody has looked at it yet: not progress.
      expect(editor.store.labelledTargets).toBe(0);
      // Accepting is the undoable step; undoing it leaves the proposal pending, not gone.
      editor.execute('proposal/accept', { ids: ['m1'] });
      editor.undo();
      expect(editor.store.get('m1')).toEqual(pendingShape);
      expect(editor.undo()).toBeNull();
    });

    it('proposing nothing changes nothing', () => {
      const { editor, events } = testEditor();
      expect(editor.propose([])).toEqual({});
      expect(events).toHaveLength(0);
    });

    it.each([
      ['a human record', labelRecord('slice-4', ['sah.present']), 'is not a pending model proposal'],
      ['a decided proposal', { ...pending, provenance: { ...modelProvenance(), decision: 'accepted' as const, decidedBy: 'bob' } }, 'is not a pending model proposal'],
      ['an invalid record', { ...pending, classCodes: ['sah.never'] }, 'classCodes[0]: unknown class "sah.never" in question "sah"'],
      ['an unknown target', { ...pending, id: 'x', targetId: 'slice-99' }, 'target "slice-99" is not a slice of item item-1'],
    ])('refuses %s, adding none of the batch', (_name, bad, message) => {
      const { editor, events } = testEditor();
      expect(() => editor.propose([pendingShape, bad])).toThrow(message);
      expect(() => editor.propose([pendingShape, bad])).toThrow(CommandError);
      expect(editor.store.size).toBe(0);
      expect(events).toHaveLength(0);
    });

    it('refuses a record id the document already holds, or one listed twice', () => {
      const { editor } = testEditor([labelRecord('slice-4', ['sah.absent'])]);
      expect(() => editor.propose([pending])).toThrow('proposal/add: record "label:sah:slice-4" already exists');
      expect(() => editor.propose([pendingShape, { ...pendingShape }])).toThrow('proposal/add: record "m1" already exists');
      expect(editor.store.size).toBe(1);
    });
  });

  it('unsubscribe stops notifications', () => {
    const { editor } = testEditor();
    const seen: ChangeOrigin[] = [];
    const off = editor.subscribe((_diff, origin) => seen.push(origin));
    editor.execute('targetLabel/set', { targetId: 'slice-1', classCode: 'sah.absent' });
    off();
    editor.undo();
    expect(seen).toEqual(['local']);
  });

  it('a throwing listener does not stop the others, and its error surfaces after the change', () => {
    const { editor, events } = testEditor();
    editor.subscribe(() => {
      throw new Error('view broke');
    });
    const persisted: ChangeOrigin[] = [];
    editor.subscribe((_diff, origin) => persisted.push(origin));
    expect(() => editor.execute('targetLabel/set', { targetId: 'slice-1', classCode: 'sah.absent' })).toThrow('view broke');
    expect(persisted).toEqual(['local']);
    expect(events).toHaveLength(1);
    expect(classOf(editor, 'slice-1')).toBe('sah.absent');
    expect(editor.canUndo).toBe(true);
  });

  it('undo and redo with nothing to do return null', () => {
    const { editor, events } = testEditor();
    expect(editor.undo()).toBeNull();
    expect(editor.redo()).toBeNull();
    expect(events).toHaveLength(0);
  });

  it('exposes its label set and targets', () => {
    const { editor } = testEditor();
    expect(editor.labelSet).toBe(TEST_LABEL_SET);
    expect(editor.targets.order).toEqual(SLICES);
  });

  it('uses the system clock and random ids by default', () => {
    const editor = new DocumentEditor({ key: DOC_KEY, labelSet: TEST_LABEL_SET, targets: new ItemTargets(seriesItem(3)), userId: 'bob' });
    // Bracketed by the clock itself, so a slow machine cannot fail it.
    const before = Date.now();
    const diff = editor.execute('shape/add', { targetId: 'slice-1', classCode: 'lesion', geometry: { type: 'point', point: [0, 0] } });
    const after = Date.now();
    const [id] = Object.keys(diff);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const created = Date.parse(editor.store.get(id!)!.provenance.createdAt);
    expect(created).toBeGreaterThanOrEqual(before);
    expect(created).toBeLessThanOrEqual(after);
  });
});
