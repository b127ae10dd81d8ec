import { describe, expect, it } from 'vitest';
import type { AnnotationRecord, Provenance } from '../../../src/core/annotation';
import { humanBy, label, proposal } from '../../testing/documents';
import { authorshipProblem } from './authorship';

const T = 'slice-1';
const withProvenance = (record: AnnotationRecord, change: Partial<Provenance>): AnnotationRecord => ({ ...record, provenance: { ...record.provenance, ...change } }) as AnnotationRecord;

/** Authorship is checked on provenances; the cases read best as whole records. */
const problem = (previous: AnnotationRecord | null, next: AnnotationRecord, caller: string) => authorshipProblem(previous?.provenance ?? null, next.provenance, caller);

describe('authorshipProblem', () => {
  const ann = 'ann';
  const mine = label(T, 'sah.present', humanBy(ann));
  const pending = label(T, 'sah.present', proposal());

  it('takes a new human record naming exactly the caller, and a new proposal with no author but the caller', () => {
    expect(problem(null, mine, ann)).toBeNull();
    expect(problem(null, pending, ann)).toBeNull();
    expect(problem(null, mine, 'bob')).toMatch(/must be exactly \["bob"\]/);
    expect(problem(null, withProvenance(mine, { authors: [ann, 'bob'] }), ann)).toMatch(/must be exactly/);
    // Accepted (or edited) by the caller before it first reached the server: one coalesced put.
    expect(problem(null, withProvenance(pending, { decision: 'accepted', decidedBy: ann, authors: [ann] }), ann)).toBeNull();
    expect(problem(null, withProvenance(pending, { authors: ['bob'] }), ann)).toMatch(/only you/);
    expect(problem(null, withProvenance(pending, { decision: 'rejected', decidedBy: 'bob' }), ann)).toMatch(/decidedBy must be "ann"/);
  });

  it('keeps every author and adds only the caller', () => {
    expect(problem(mine, withProvenance(mine, { updatedAt: '2030-01-01T00:00:00.000Z' }), ann)).toBeNull();
    expect(problem(mine, withProvenance(mine, { authors: [ann, 'bob'] }), 'bob')).toBeNull();
    expect(problem(mine, withProvenance(mine, { authors: [ann, 'bob'] }), ann)).toMatch(/followed by you/);
    expect(problem(mine, withProvenance(mine, { authors: ['bob'] }), 'bob')).toMatch(/followed by you/);
    expect(problem(mine, withProvenance(mine, { authors: [ann, ann] }), ann)).toMatch(/followed by you/);
  });

  it('keeps the origin and createdAt', () => {
    expect(problem(mine, withProvenance(mine, { origin: proposal().origin, decision: 'accepted', decidedBy: ann }), ann)).toMatch(/origin/);
    expect(problem(pending, withProvenance(pending, { origin: { kind: 'human' }, decision: undefined }), ann)).toMatch(/origin/);
    const scored = proposal().origin;
    expect(problem(pending, withProvenance(pending, { origin: { ...scored, score: 0.1 } as Provenance['origin'] }), ann)).toMatch(/origin/);
    expect(problem(mine, withProvenance(mine, { createdAt: '2000-01-01T00:00:00.000Z' }), ann)).toMatch(/createdAt/);
  });

  it('takes a later createdAt only for the caller\'s own record deleted and made again before the deletion was sent', () => {
    const later = '2099-01-01T00:00:00.000Z';
    expect(problem(mine, withProvenance(mine, { createdAt: later }), ann)).toBeNull();
    // Someone else's record, or one a model proposed, is not the caller's to make again.
    expect(problem(mine, withProvenance(mine, { createdAt: later }), 'bob')).toMatch(/createdAt/);
    expect(problem(pending, withProvenance(pending, { createdAt: later }), ann)).toMatch(/createdAt/);
  });

  it('lets a new run of the same model replace its own undecided proposal, and nothing else', () => {
    const origin = proposal().origin;
    if (origin.kind !== 'model') throw new Error('a proposal has a model origin');
    const rerun = withProvenance(pending, { origin: { ...origin, runId: 'run-2', score: 0.4 }, createdAt: '2030-01-01T00:00:00.000Z' });
    expect(problem(pending, rerun, ann)).toBeNull();
    // Re-run offline and accepted before it reached the server: one coalesced put.
    expect(problem(pending, withProvenance(rerun, { decision: 'accepted', decidedBy: ann, authors: [ann] }), ann)).toBeNull();
    const decided = withProvenance(pending, { decision: 'rejected', decidedBy: ann });
    expect(problem(decided, rerun, ann)).toMatch(/origin/);
    expect(problem(pending, withProvenance(rerun, { origin: { ...origin, modelId: 'other-model', runId: 'run-2' } }), ann)).toMatch(/origin/);
  });

  it('has decisions taken by the caller', () => {
    const accepted = withProvenance(pending, { decision: 'accepted', decidedBy: ann, authors: [ann] });
    expect(problem(pending, accepted, ann)).toBeNull();
    expect(problem(pending, withProvenance(pending, { decision: 'rejected', decidedBy: ann }), ann)).toBeNull();
    expect(problem(pending, withProvenance(pending, { decision: 'accepted', decidedBy: 'bob', authors: [ann] }), ann)).toMatch(/decidedBy must be "ann"/);
    expect(problem(accepted, withProvenance(accepted, { decision: 'edited', decidedBy: 'bob' }), ann)).toMatch(/decidedBy/);
    expect(problem(accepted, withProvenance(accepted, { decision: 'edited' }), ann)).toBeNull();
    // Back to pending (an undone acceptance) carries no decider.
    expect(problem(accepted, withProvenance(accepted, { decision: 'pending', decidedBy: undefined }), ann)).toBeNull();
  });

  it('lets the caller leave the end of the authors again by undoing their own first change, and nobody else', () => {
    const accepted = withProvenance(pending, { decision: 'accepted', decidedBy: ann, authors: [ann] });
    expect(problem(accepted, pending, ann)).toBeNull();
    expect(problem(accepted, pending, 'bob')).toMatch(/without you at the end/);
    const shared = withProvenance(mine, { authors: [ann, 'bob'] });
    expect(problem(shared, mine, 'bob')).toBeNull();
    expect(problem(shared, withProvenance(mine, { authors: ['bob'] }), 'bob')).toMatch(/without you/);
    expect(problem(shared, withProvenance(mine, { authors: [ann] }), ann)).toMatch(/without you/);
  });
});
