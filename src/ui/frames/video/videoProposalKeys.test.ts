import { describe, expect, it } from 'vitest';
import { ENDOSCOPY_VIDEO_LABEL_SET } from '../../../core/labelSets/builtin';
import { proposalKeyInPlayer } from './videoProposalKeys';

const EVENT = ENDOSCOPY_VIDEO_LABEL_SET.questions[0]!;
const press = (key: string, modifiers: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...modifiers,
});

describe('the proposal keys of the player', () => {
  it('accept with A and reject with X, Shift deciding every one shown on the frame', () => {
    expect([press('a'), press('x'), press('A', { shiftKey: true }), press('X', { shiftKey: true })].map((p) => proposalKeyInPlayer(p, EVENT))).toEqual([
      { decision: 'accepted', all: false },
      { decision: 'rejected', all: false },
      { decision: 'accepted', all: true },
      { decision: 'rejected', all: true },
    ]);
    expect(proposalKeyInPlayer(press('a'), null)).toEqual({ decision: 'accepted', all: false });
  });

  it('leave other keys, modified ones and a key a range class binds to the player', () => {
    expect([press('b'), press('a', { ctrlKey: true }), press('x', { altKey: true })].map((p) => proposalKeyInPlayer(p, EVENT))).toEqual([null, null, null]);
    const aTags = { ...EVENT, classes: EVENT.classes.map((c, i) => (i === 0 ? { ...c, key: 'A' } : c)) };
    expect(proposalKeyInPlayer(press('a'), aTags)).toBeNull();
    expect(proposalKeyInPlayer(press('x'), aTags)).toEqual({ decision: 'rejected', all: false });
  });
});
