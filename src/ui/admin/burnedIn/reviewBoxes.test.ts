import { describe, expect, it } from 'vitest';
import type { ProposalDraft } from '../../../core/models/proposalDraft';
import { addBox, boxBetween, boxesOfProposals, confirm, nextUnconfirmed, removeBox, resizeBox, type ImageReview } from './reviewBoxes';

const shape = (geometry: Extract<ProposalDraft, { type: 'shape' }>['geometry']): ProposalDraft => ({ type: 'shape', questionId: 'text', targetId: 't', classCode: 'text.burnedIn', geometry, score: 0.9 });

describe('burned-in text review', () => {
  it('turns rectangles and rotated lines into whole-pixel boxes that cover them', () => {
    expect(
      boxesOfProposals([
        shape({ type: 'rectangle', topLeft: [10.4, 5.6], bottomRight: [40.2, 20] }),
        shape({ type: 'polygon', points: [[0, 10], [30, 0], [33, 9], [3, 19.5]] }),
      ]),
    ).toEqual([
      { x: 10, y: 5, width: 31, height: 15 },
      { x: 0, y: 0, width: 33, height: 20 },
    ]);
  });

  it('adds, removes and resizes boxes; every change asks for confirmation again', () => {
    let review: ImageReview = confirm({ boxes: [{ x: 0, y: 0, width: 4, height: 4 }], confirmed: false });
    expect(review.confirmed).toBe(true);
    review = addBox(review, boxBetween([20, 30], [10, 12])!);
    expect(review).toEqual({ boxes: [{ x: 0, y: 0, width: 4, height: 4 }, { x: 10, y: 12, width: 10, height: 18 }], confirmed: false });
    review = resizeBox(confirm(review), 0, [8, 6]);
    expect(review.boxes[0]).toEqual({ x: 0, y: 0, width: 8, height: 6 });
    expect(review.confirmed).toBe(false);
    expect(removeBox(review, 0).boxes).toEqual([{ x: 10, y: 12, width: 10, height: 18 }]);
    expect(boxBetween([3, 3], [3, 9])).toBeNull();
  });

  it('finds the next image still to confirm, wrapping, or none', () => {
    const open = { boxes: [], confirmed: false };
    const done = { boxes: [], confirmed: true };
    expect(nextUnconfirmed([open, done, open], 0)).toBe(2);
    expect(nextUnconfirmed([open, done, done], 1)).toBe(0);
    expect(nextUnconfirmed([done, done], 0)).toBe(-1);
  });
});
