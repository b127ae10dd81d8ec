import { describe, expect, it } from 'vitest';
import type { AnnotationRecord, Provenance } from '../../../src/core/annotation';
import { humanBy, label, proposal } from '../../testing/documents';
import { authorshipProblem } from './authorship';

const T = 'slice-1';
const withProvenance = (record: AnnotationRecord, change: Partial<Provenance>): AnnotationRecord => ({ ...record, provenance: { ...record.provenance, ...change } }) as AnnotationRecord;

describe('authorshipProblem', () => {
  const ann = 'ann';
  const mine = label(T, 'sah.present', humanBy(ann));
  const pending = label(T, 'sah.present', proposal());

  it('takes a new human record naming exactly the caller, and a new proposal with no author but the caller', () => {
    expect(authorshipProblem(null, mine, ann)).toBeNull();
    expect(authorshipProblem(null, pending, ann)).toBeNull();
    expect(authorshipProblem(null, mine, 'bob')).toMatch(/must be exactly \["bob"\]/);
    expect(authorshipProblem(null, withProvenance(mine, { authors: [ann, 'bob'] }), ann)).toMatch(/must be exactly/);
    // Accepted (or edited) by the caller before it first reached the server: one coalesced put.
    expect(authorshipProblem(null, withProvenance(pending, { decision: 'accepted', decidedBy: ann, authors: [ann] }), ann)).toBeNull();
    expect(authorshipProblem(null, withProvenance(pending, { authors: ['bob'] }), ann)).toMatch(/only you/);
    expect(authorshipProblem(null, withProvenance(pending, { decision: 'rejected', decidedBy: 'bob' }), ann)).toMatch(/decidedBy must be "ann"/);
  });

  it('keeps every author and adds only the caller', () => {
    expect(authorshipProblem(mine, withProvenance(mine, { updatedAt: '2030-01-01T00:00:00.000Z' }), ann)).toBeNull();
    expect(authorshipProblem(mine, withProvenance(mine, { authors: [ann, 'bob'] }), 'bob')).toBeNull();
    expect(authorshipProblem(mine, withProvenance(mine, { authors: [ann, 'bob'] }), ann)).toMatch(/followed by you/);
    expect(authorshipProblem(mine, withProvenance(mine, { authors: ['bob'] }), 'bob')).toMatch(/followed by you/);
    expect(authorshipProblem(mine, withProvenance(mine, { authors: [ann, ann] }), ann)).toMatch(/followed by you/);
  });

  it('keeps the origin and createdAt', () => {
    expect(authorshipProblem(mine, withProvenance(mine, { origin: proposal().origin, decision: 'accepted', decidedBy: ann }), ann)).toMatch(/origin/);
    expect(authorshipProblem(pending, withProvenance(pending, { origin: { kind: 'human' }, decision: undefined }), ann)).toMatch(/origin/);
    const scored = proposal().origin;
    expect(authorshipProblem(pending, withProvenance(pending, { origin: { ...scored, score: 0.1 } as Provenance['origin'] }), ann)).toMatch(/origin/);
    expect(authorshipProblem(mine, withProvenance(mine, { createdAt: '2000-01-01T00:00:00.000Z' }), ann)).toMatch(/createdAt/);
  });

  it('has decisions taken by the caller', () => {
    const accepted = withProvenance(pending, { decision: 'accepted', decidedBy: ann, authors: [ann] });
    expect(authorshipProblem(pending, accepted, ann)).toBeNull();
    expect(authorshipProblem(pending, withProvenance(pending, { decision: 'rejected', decidedBy: ann }), ann)).toBeNull();
    expect(authorshipProblem(pending, withProvenance(pending, { decision: 'accepted', decidedBy: 'bob', authors: [ann] }), ann)).toMatch(/decidedBy must be "ann"/);
    expect(authorshipProblem(accepted, withProvenance(accepted, { decision: 'edited', decidedBy: 'bob' }), ann)).toMatch(/decidedBy/);
    expect(authorshipProblem(accepted, withProvenance(accepted, { decision: 'edited' }), ann)).toBeNull();
    // Back to pending (an undone acceptance) carries no decider.
    expect(authorshipProblem(accepted, withProvenance(accepted, { decision: 'pending', decidedBy: undefined }), ann)).toBeNull();
  });

  it('lets the caller leave the end of the authors again by undoing their own first change, and nobody else', () => {
    const accepted = withProvenance(pending, { decision: 'accepted', decidedBy: ann, authors: [ann] });
    expect(authorshipProblem(accepted, pending, ann)).toBeNull();
    expect(authorshipProblem(accepted, pending, 'bob')).toMatch(/without you at the end/);
    const shared = withProvenance(mine, { authors: [ann, 'bob'] });
    expect(authorshipProblem(shared, mine, 'bob')).toBeNull();
    expect(authorshipProblem(shared, withProvenance(mine, { authors: ['bob'] }), 'bob')).toMatch(/without you/);
    expect(authorshipProblem(shared, withProvenance(mine, { authors: [ann] }), ann)).toMatch(/without you/);
  });
});
