import { describe, expect, it } from 'vitest';
import type { AnnotationRecord, Shape, TargetLabel } from '../annotation';
import { CommandError } from '../commands';
import type { ModelRun, ProposalDraft } from '../models/proposalDraft';
import { humanProvenance, labelRecord, modelProvenance, shapeRecord, slideItem, testEditor } from '../testing/records';

const RUN: ModelRun = { runId: 'run-2', modelId: 'sah-net', version: '1.1.0', contentHash: 'b'.repeat(64), threshold: 0.4 };
const slice = (n: number) => `slice-${n}`;
const present = (n: number, score = 0.9): ProposalDraft => ({ type: 'label', questionId: 'sah', targetId: slice(n), classCode: 'sah.present', score });
const absent = (n: number, score = 0.8): ProposalDraft => ({ type: 'label', questionId: 'sah', targetId: slice(n), classCode: 'sah.absent', score });

function labelOn(records: Iterable<AnnotationRecord>, targetId: string): TargetLabel[] {
  return [...records].filter((r): r is TargetLabel => r.type === 'label' && r.targetId === targetId);
}

describe('proposal/addMany', () => {
  it('adds pending proposals carrying the run: model, version, hash, run, threshold and score, no authors', () => {
    const { editor, events } = testEditor();
    const diff = editor.execute('proposal/addMany', { run: RUN, drafts: [present(1, 0.93), absent(2, 0.71)] });
    expect(Object.keys(diff)).toHaveLength(2);
    const [first] = labelOn(editor.store.records(), slice(1));
    expect(first).toMatchObject({
      classCodes: ['sah.present'],
      provenance: {
        origin: { kind: 'model', modelId: 'sah-net', version: '1.1.0', contentHash: 'b'.repeat(64), runId: 'run-2', threshold: 0.4, score: 0.93 },
        authors: [],
        decision: 'pending',
      },
    });
    expect(events.map((e) => e.origin)).toEqual(['local']);
    // Pending proposals do not make the series look labelled.
    expect(editor.store.labelledTargets).toBe(0);
  });

  it('never touches a person’s answer: their own label, or a proposal they accepted or edited', () => {
    const accepted: TargetLabel = { ...labelRecord(slice(2), ['sah.absent'], modelProvenance()), provenance: { ...modelProvenance(), decision: 'accepted', decidedBy: 'alice', authors: ['alice'] } };
    const edited: TargetLabel = { ...labelRecord(slice(3), ['sah.uncertain'], modelProvenance()), provenance: { ...modelProvenance(), decision: 'edited', decidedBy: 'alice', authors: ['alice'] } };
    const mine = labelRecord(slice(1), ['sah.absent'], humanProvenance('alice'));
    const { editor } = testEditor([mine, accepted, edited]);
    const diff = editor.execute('proposal/addMany', { run: RUN, drafts: [present(1), present(2), present(3), present(4)] });
    expect(Object.keys(diff)).toEqual(['label:sah:slice-4']);
    expect(editor.store.get(mine.id)).toEqual(mine);
    expect(editor.store.get(accepted.id)).toEqual(accepted);
    expect(editor.store.get(edited.id)).toEqual(edited);
  });

  it('replaces the same model’s pending proposal when it runs again, instead of piling up', () => {
    const { editor } = testEditor();
    editor.execute('proposal/addMany', { run: { ...RUN, runId: 'run-1' }, drafts: [present(1, 0.6), present(2, 0.6)] });
    editor.execute('proposal/addMany', { run: RUN, drafts: [absent(1, 0.95), present(2, 0.99)] });
    const one = labelOn(editor.store.records(), slice(1));
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ classCodes: ['sah.absent'], provenance: { origin: { runId: 'run-2', score: 0.95 }, decision: 'pending' } });
    expect(labelOn(editor.store.records(), slice(2))).toHaveLength(1);
    expect(editor.store.size).toBe(2);
  });

  it('leaves another model’s pending proposal for the person to decide on', () => {
    const other = labelRecord(slice(1), ['sah.absent'], modelProvenance('other-model'));
    const { editor } = testEditor([other]);
    expect(editor.execute('proposal/addMany', { run: RUN, drafts: [present(1)] })).toEqual({});
    expect(editor.store.get(other.id)).toEqual(other);
  });

  it('does not ask again what the person rejected, but proposes a different answer beside the hidden one', () => {
    const { editor } = testEditor();
    editor.execute('proposal/addMany', { run: { ...RUN, runId: 'run-1' }, drafts: [present(1), present(2)] });
    editor.execute('proposal/reject', { ids: ['label:sah:slice-1', 'label:sah:slice-2'] });
    editor.execute('proposal/addMany', { run: RUN, drafts: [present(1), absent(2)] });
    expect(labelOn(editor.store.records(), slice(1)).map((r) => r.provenance.decision)).toEqual(['rejected']);
    const two = labelOn(editor.store.records(), slice(2));
    expect(two.map((r) => [r.classCodes[0], r.provenance.decision]).sort()).toEqual([
      ['sah.absent', 'pending'],
      ['sah.present', 'rejected'],
    ]);
  });

  it('is one undo step, and undo brings back the proposals the run replaced', () => {
    const { editor } = testEditor();
    editor.execute('proposal/addMany', { run: { ...RUN, runId: 'run-1' }, drafts: [present(1, 0.6)] });
    const before = editor.store.snapshot();
    editor.execute('proposal/addMany', { run: RUN, drafts: [absent(1), present(2), present(3)] });
    expect(editor.store.size).toBe(3);
    editor.undo();
    expect(editor.store.snapshot()).toEqual(before);
    editor.redo();
    expect(editor.store.size).toBe(3);
  });

  it('refuses a bad draft whole, with the reason, and changes nothing', () => {
    const { editor } = testEditor();
    const unknownClass: ProposalDraft = { ...present(2), classCode: 'sah.maybe' };
    expect(() => editor.execute('proposal/addMany', { run: RUN, drafts: [present(1), unknownClass] })).toThrow(CommandError);
    expect(() => editor.execute('proposal/addMany', { run: RUN, drafts: [present(1, 1.5)] })).toThrow(/not in \[0, 1\]/);
    expect(() => editor.execute('proposal/addMany', { run: RUN, drafts: [{ ...present(1), targetId: 'nowhere' }] })).toThrow(/unknown target/);
    expect(editor.store.size).toBe(0);
  });

  describe('outlines on a slide', () => {
    const item = slideItem(10_000, 10_000, 'slide-1');
    const nucleus = (x: number, score = 0.8): ProposalDraft => ({
      type: 'shape',
      questionId: 'lesion',
      targetId: 'slide-1',
      classCode: 'lesion',
      geometry: { type: 'polygon', points: [[x, 100], [x + 10, 100], [x + 10, 110]] },
      score,
    });
    const region = { targetId: 'slide-1', box: { minX: 0, minY: 0, maxX: 1000, maxY: 1000 } };

    it('adds each as a pending outline with its score', () => {
      const { editor } = testEditor([], { item });
      editor.execute('proposal/addMany', { run: RUN, drafts: [nucleus(100, 0.7), nucleus(200, 0.9)], covered: region });
      const shapes = [...editor.store.records()] as Shape[];
      expect(shapes.map((s) => [s.type, s.provenance.decision, s.provenance.origin.kind === 'model' && s.provenance.origin.score])).toEqual([
        ['shape', 'pending', 0.7],
        ['shape', 'pending', 0.9],
      ]);
    });

    it('re-run over a region replaces the model’s pending outlines centred there and keeps the rest', () => {
      const outside = shapeRecord('far', 'slide-1', { type: 'polygon', points: [[5000, 5000], [5010, 5000], [5010, 5010]] }, 'lesion', modelProvenance('sah-net'));
      const drawn = shapeRecord('drawn', 'slide-1', { type: 'polygon', points: [[300, 300], [310, 300], [310, 310]] });
      const accepted = shapeRecord('kept', 'slide-1', { type: 'polygon', points: [[400, 400], [410, 400], [410, 410]] }, 'lesion', { ...modelProvenance('sah-net'), decision: 'accepted', decidedBy: 'alice' });
      const { editor } = testEditor([outside, drawn, accepted], { item });
      editor.execute('proposal/addMany', { run: { ...RUN, runId: 'run-1' }, drafts: [nucleus(100), nucleus(200)], covered: region });
      editor.execute('proposal/addMany', { run: RUN, drafts: [nucleus(150)], covered: region });
      const ids = [...editor.store.records()].map((r) => r.id).sort();
      expect(ids).toEqual(['drawn', 'far', 'kept', 'n3']);
    });

    it('replaces the proposals it names when they are still the model’s own and pending, as one undo step', () => {
      const accepted = shapeRecord('kept', 'slide-1', { type: 'polygon', points: [[400, 400], [410, 400], [410, 410]] }, 'lesion', { ...modelProvenance('sah-net'), decision: 'accepted', decidedBy: 'alice' });
      const { editor } = testEditor([accepted], { item });
      editor.execute('proposal/addMany', { run: RUN, drafts: [nucleus(100)] });
      const [first] = [...editor.store.records()].filter((r) => r.id !== 'kept');
      editor.execute('proposal/addMany', { run: RUN, drafts: [nucleus(120)], replaces: [first!.id, 'kept', 'missing'] });
      const left = [...editor.store.records()] as Shape[];
      expect(left.map((s) => s.id).sort()).toEqual(['kept', 'n2']);
      editor.undo();
      expect([...editor.store.records()].map((r) => r.id).sort()).toEqual([first!.id, 'kept'].sort());
    });
  });
});
