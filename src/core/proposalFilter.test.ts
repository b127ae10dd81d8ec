import { describe, expect, it } from 'vitest';
import type { TargetLabel } from './annotation';
import { isShownProposal, shownLabelProposals, shownProposalsOn, shownShapeProposals } from './proposalFilter';
import { RecordStore } from './recordStore';
import { DOC_KEY, humanProvenance, labelRecord, modelProvenance, shapeRecord } from './testing/records';

const scored = (targetId: string, score: number, decision: 'pending' | 'accepted' | 'rejected' = 'pending'): TargetLabel => {
  const base = modelProvenance();
  const origin = base.origin.kind === 'model' ? { ...base.origin, score } : base.origin;
  return labelRecord(targetId, ['sah.present'], { ...base, origin, decision });
};

describe('the proposal filter', () => {
  it('shows pending proposals at or above their question’s threshold, nothing else', () => {
    expect(isShownProposal(scored('s1', 0.6), { sah: 0.6 })).toBe(true);
    expect(isShownProposal(scored('s1', 0.59), { sah: 0.6 })).toBe(false);
    expect(isShownProposal(scored('s1', 0.2), {})).toBe(true);
    expect(isShownProposal(scored('s1', 0.9, 'accepted'), {})).toBe(false);
    expect(isShownProposal(scored('s1', 0.9, 'rejected'), {})).toBe(false);
    expect(isShownProposal(labelRecord('s1', ['sah.present'], humanProvenance()), {})).toBe(false);
    // Another question's threshold does not apply.
    expect(isShownProposal(scored('s1', 0.3), { ich: 0.9 })).toBe(true);
  });

  it('re-filters a series as the slider moves, without changing the document', () => {
    const doc = new RecordStore(DOC_KEY, [scored('s1', 0.95), scored('s2', 0.55), labelRecord('s3', ['sah.absent']), scored('s4', 0.75)]);
    const targets = ['s1', 's2', 's3', 's4', 's5'];
    expect(shownLabelProposals(doc, 'sah', targets, { sah: 0.5 }).map((r) => r.targetId)).toEqual(['s1', 's2', 's4']);
    expect(shownLabelProposals(doc, 'sah', targets, { sah: 0.7 }).map((r) => r.targetId)).toEqual(['s1', 's4']);
    expect(shownLabelProposals(doc, 'sah', targets, { sah: 0.99 })).toEqual([]);
    expect(doc.size).toBe(4);
  });

  it('finds the shown outline proposals in a view box', () => {
    const pending = (id: string, x: number, score: number) => {
      const base = modelProvenance();
      return shapeRecord(id, 'slide', { type: 'point', point: [x, 10] }, 'lesion', { ...base, origin: { ...base.origin, score } as typeof base.origin });
    };
    const doc = new RecordStore(DOC_KEY, [pending('a', 10, 0.9), pending('b', 20, 0.3), pending('c', 500, 0.9), shapeRecord('d', 'slide', { type: 'point', point: [15, 10] })]);
    const box = { minX: 0, minY: 0, maxX: 100, maxY: 100 };
    expect(shownShapeProposals(doc, 'slide', box, { lesion: 0.5 }).map((r) => r.id)).toEqual(['a']);
  });

  it('lists a frame’s shown outline proposals, highest score first', () => {
    const pending = (id: string, targetId: string, score: number, decision: 'pending' | 'rejected' = 'pending') => {
      const base = modelProvenance();
      return shapeRecord(id, targetId, { type: 'point', point: [5, 5] }, 'lesion', { ...base, decision, origin: { ...base.origin, score } as typeof base.origin });
    };
    const doc = new RecordStore(DOC_KEY, [
      pending('low', 'f1', 0.4),
      pending('high', 'f1', 0.9),
      pending('gone', 'f1', 0.95, 'rejected'),
      pending('elsewhere', 'f2', 0.99),
      shapeRecord('drawn', 'f1', { type: 'point', point: [1, 1] }),
    ]);
    expect(shownProposalsOn(doc, 'f1', {}).map((r) => r.id)).toEqual(['high', 'low']);
    expect(shownProposalsOn(doc, 'f1', { lesion: 0.5 }).map((r) => r.id)).toEqual(['high']);
    expect(shownProposalsOn(doc, 'f3', {})).toEqual([]);
  });
});
