import { describe, expect, it } from 'vitest';
import type { Point } from '../../annotation';
import { ringArea } from '../../geometry/measure';
import type { ProposalDraft } from '../proposalDraft';
import { mergeSeamDuplicates } from './mergeSeams';

const square = (x: number, y: number, side: number, classCode = 'nucleus', score = 0.8): ProposalDraft => ({
  type: 'shape',
  questionId: 'lesion',
  targetId: 'slide',
  classCode,
  score,
  geometry: { type: 'polygon', points: [[x, y], [x + side, y], [x + side, y + side], [x, y + side]] as Point[] },
});

describe('mergeSeamDuplicates', () => {
  it('unites the two copies of an outline found on both sides of a seam, keeping the better score', () => {
    const merged = mergeSeamDuplicates([square(10, 10, 8, 'nucleus', 0.7), square(10, 10, 8, 'nucleus', 0.9)]);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ classCode: 'nucleus', score: 0.9 });
    expect(merged[0]!.type === 'shape' && merged[0]!.geometry.type === 'polygon' && ringArea(merged[0]!.geometry.points)).toBe(64);
  });

  it('joins pieces of one region cut by tiles into one outline', () => {
    const merged = mergeSeamDuplicates([square(0, 0, 100, 'tissue'), square(90, 0, 100, 'tissue'), square(180, 0, 100, 'tissue')]);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.type === 'shape' && merged[0]!.geometry.type === 'polygon' && ringArea(merged[0]!.geometry.points)).toBe(28_000);
  });

  it('leaves apart what does not overlap: other classes, other places, edges that only touch, and labels', () => {
    const label: ProposalDraft = { type: 'label', questionId: 'group', targetId: 'slide', classCode: 'group.1', score: 0.6 };
    const drafts = [square(0, 0, 10), square(0, 0, 10, 'tissue'), square(50, 50, 10), square(10, 0, 10), label];
    const merged = mergeSeamDuplicates(drafts);
    expect(merged).toHaveLength(5);
    for (const draft of drafts) expect(merged).toContain(draft);
  });
});
