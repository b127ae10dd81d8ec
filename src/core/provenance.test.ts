/**
 * Provenance through a proposal's life: who made a record, who changed it, and what a person
 * decided about a model's proposal must survive every command and every undo.
 */
import { describe, expect, it } from 'vitest';
import { isLive, type AnnotationRecord, type Mask, type Provenance } from './annotation';
import { progressOfRecords } from './progress';
import { maskId } from './recordIds';
import { labelAt } from './targetLabels';
import { humanProvenance, labelRecord, maskRecord, modelProvenance, shapeRecord, T0, testEditor, tick } from './testing/records';

const proposal = modelProvenance('sah-net', '2.1.0');
const pendingLabel = labelRecord('slice-1', ['sah.present'], proposal);
const pendingShape = shapeRecord('p-shape', 'slice-1', { type: 'point', point: [3, 4] }, 'lesion', proposal);
const pendingMask = maskRecord('slice-2', 'lesion', proposal, { width: 64, height: 64, runs: [10, 5, 4081] });

function provenanceOf(editor: { store: { get(id: string): AnnotationRecord | undefined } }, id: string): Provenance | undefined {
  return editor.store.get(id)?.provenance;
}

/** Runs `change`, checks undo restores exactly the records before it and redo the ones after. */
function expectUndoable(editor: ReturnType<typeof testEditor>['editor'], id: string, change: () => void): void {
  const before = editor.store.get(id);
  change();
  const after = editor.store.get(id);
  expect(after).not.toEqual(before);
  editor.undo();
  expect(editor.store.get(id)).toEqual(before);
  editor.redo();
  expect(editor.store.get(id)).toEqual(after);
}

describe('accepting a proposal', () => {
  it('keeps the model origin, adds the acceptor to authors and records who decided; undo restores it', () => {
    const { editor } = testEditor([pendingLabel, pendingShape]);
    expectUndoable(editor, pendingShape.id, () => editor.execute('proposal/accept', { ids: [pendingShape.id] }));
    expect(provenanceOf(editor, pendingShape.id)).toEqual({ ...proposal, authors: ['alice'], decision: 'accepted', decidedBy: 'alice', updatedAt: tick(1) });
    // Accepting it again changes nothing.
    expect(editor.execute('proposal/accept', { ids: [pendingShape.id] })).toEqual({});
  });

  it('repeating a pending proposal’s answer accepts it', () => {
    const { editor } = testEditor([pendingLabel]);
    editor.execute('targetLabel/set', { targetId: 'slice-1', classCode: 'sah.present' });
    expect(provenanceOf(editor, pendingLabel.id)).toMatchObject({ origin: proposal.origin, decision: 'accepted', decidedBy: 'alice', authors: ['alice'] });
    editor.undo();
    expect(editor.store.get(pendingLabel.id)).toEqual(pendingLabel);
  });

  it('does not turn an edited proposal back into an unchanged one', () => {
    const { editor } = testEditor([pendingShape]);
    editor.execute('shape/update', { id: pendingShape.id, geometry: { type: 'point', point: [9, 9] } });
    expect(editor.execute('proposal/accept', { ids: [pendingShape.id] })).toEqual({});
    expect(provenanceOf(editor, pendingShape.id)?.decision).toBe('edited');
  });
});

describe('editing a proposal', () => {
  it.each(['pending', 'accepted'] as const)('marks a %s label proposal edited, keeping its origin', (decision) => {
    const start = decision === 'pending' ? pendingLabel : { ...pendingLabel, provenance: { ...proposal, decision, decidedBy: 'bob', authors: ['bob'] } };
    const { editor } = testEditor([start]);
    expectUndoable(editor, start.id, () => editor.execute('targetLabel/set', { targetId: 'slice-1', classCode: 'sah.absent' }));
    const authors = decision === 'pending' ? ['alice'] : ['bob', 'alice'];
    expect(editor.store.get(start.id)).toEqual({
      ...start,
      classCodes: ['sah.absent'],
      provenance: { ...proposal, authors, decision: 'edited', decidedBy: 'alice', updatedAt: tick(1) },
    });
  });

  it('marks a moved shape proposal edited, and a repainted mask proposal', () => {
    const { editor } = testEditor([pendingShape, pendingMask]);
    expectUndoable(editor, pendingShape.id, () => editor.execute('shape/update', { id: pendingShape.id, geometry: { type: 'point', point: [5, 5] } }));
    expect(provenanceOf(editor, pendingShape.id)).toMatchObject({ origin: proposal.origin, decision: 'edited', decidedBy: 'alice', createdAt: T0 });
    expectUndoable(editor, pendingMask.id, () =>
      editor.execute('mask/set', { targetId: 'slice-2', classCode: 'lesion', width: 64, height: 64, runs: [10, 6, 4080] }),
    );
    expect(provenanceOf(editor, pendingMask.id)).toMatchObject({ origin: proposal.origin, decision: 'edited', authors: ['alice'] });
  });
});

describe('rejecting a proposal', () => {
  it('keeps the record hidden: not live, not labelled, not counted; undo restores it exactly', () => {
    const { editor } = testEditor([pendingLabel]);
    expect(labelAt(editor.store, 'sah', 'slice-1')).toEqual(pendingLabel);
    expectUndoable(editor, pendingLabel.id, () => editor.execute('proposal/reject', { ids: [pendingLabel.id] }));
    const rejected = editor.store.get(pendingLabel.id)!;
    expect(rejected.provenance).toEqual({ ...proposal, decision: 'rejected', decidedBy: 'alice', updatedAt: tick(1) });
    expect(isLive(rejected)).toBe(false);
    expect(labelAt(editor.store, 'sah', 'slice-1')).toBeUndefined();
    expect(editor.store.labelledTargets).toBe(0);
    expect(progressOfRecords(editor.store.records(), ['slice-1'])).toEqual({ labelled: 0, total: 1 });
  });

  it('removing a shape proposal or clearing a label proposal rejects it instead of deleting it', () => {
    const { editor } = testEditor([pendingLabel, pendingShape]);
    expectUndoable(editor, pendingShape.id, () => editor.execute('shape/remove', { id: pendingShape.id }));
    expectUndoable(editor, pendingLabel.id, () => editor.execute('targetLabel/clear', { targetIds: ['slice-1'] }));
    expect([editor.store.get(pendingShape.id), editor.store.get(pendingLabel.id)].map((r) => r?.provenance.decision)).toEqual(['rejected', 'rejected']);
  });

  it('erasing a mask proposal rejects it instead of deleting it', () => {
    const { editor } = testEditor([pendingMask]);
    expectUndoable(editor, pendingMask.id, () =>
      editor.execute('mask/set', { targetId: 'slice-2', classCode: 'lesion', width: 64, height: 64, runs: [4096] }),
    );
    expect(provenanceOf(editor, pendingMask.id)).toMatchObject({ decision: 'rejected', decidedBy: 'alice', authors: [] });
  });

  it('a person answering after a rejection writes a record of their own beside the hidden proposal', () => {
    const rejected = { ...pendingLabel, provenance: { ...proposal, decision: 'rejected' as const, decidedBy: 'bob' } };
    const { editor } = testEditor([rejected]);
    const diff = editor.execute('targetLabel/set', { targetId: 'slice-1', classCode: 'sah.absent' });
    expect(Object.keys(diff)).toEqual(['label:sah:slice-1:n1']);
    expect(diff['label:sah:slice-1:n1']).toEqual([null, expect.objectContaining({ classCodes: ['sah.absent'], provenance: humanProvenance('alice', tick(1)) })]);
    expect(editor.store.get(rejected.id)).toBe(rejected);
    expect(labelAt(editor.store, 'sah', 'slice-1')?.id).toBe('label:sah:slice-1:n1');
  });

  it('a person painting after a rejected mask proposal writes a mask of their own beside it', () => {
    const rejected: Mask = { ...pendingMask, provenance: { ...proposal, decision: 'rejected', decidedBy: 'bob' } };
    const { editor } = testEditor([rejected]);
    const diff = editor.execute('mask/set', { targetId: 'slice-2', classCode: 'lesion', width: 64, height: 64, runs: [0, 1, 4095] });
    const [id] = Object.keys(diff);
    expect(id).not.toBe(rejected.id);
    expect(diff[id!]?.[0]).toBeNull();
    expect(editor.store.get(rejected.id)).toBe(rejected);
    editor.undo();
    expect(editor.store.snapshot()).toEqual([rejected]);
  });
});

describe('human work', () => {
  it('a second person editing appends to authors, never replacing the creator', () => {
    const mine = labelRecord('slice-3', ['sah.absent'], humanProvenance('bob'));
    const { editor } = testEditor([mine]);
    expectUndoable(editor, mine.id, () => editor.execute('targetLabel/set', { targetId: 'slice-3', classCode: 'sah.present' }));
    expect(provenanceOf(editor, mine.id)).toEqual({ origin: { kind: 'human' }, createdAt: T0, updatedAt: tick(1), authors: ['bob', 'alice'] });
    // Editing again does not list alice twice.
    editor.execute('targetLabel/set', { targetId: 'slice-3', classCode: 'sah.uncertain' });
    expect(provenanceOf(editor, mine.id)?.authors).toEqual(['bob', 'alice']);
  });

  it('a human record has no decision', () => {
    const { editor } = testEditor();
    editor.execute('targetLabel/set', { targetId: 'slice-3', classCode: 'sah.present' });
    expect(provenanceOf(editor, 'label:sah:slice-3')).not.toHaveProperty('decision');
    expect(maskId('lesion', 'slice-3', 'lesion')).toBe('mask:lesion:slice-3:lesion');
  });
});
