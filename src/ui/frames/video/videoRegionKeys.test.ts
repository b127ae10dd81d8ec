import { describe, expect, it } from 'vitest';
import { ENDOSCOPY_VIDEO_LABEL_SET } from '../../../core/labelSets/builtin';
import { playerKeepsInRegionMode, proposalKeyInPlayer, regionToolForPlayerKey } from './videoRegionKeys';

const EVENT = ENDOSCOPY_VIDEO_LABEL_SET.questions[0]!;
const press = (key: string, modifiers: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...modifiers,
});

describe('keys of the player with a region layer', () => {
  it('leave stepping, Space and the range marks to the player in region mode', () => {
    const kept = ['ArrowLeft', 'ArrowRight', ',', '.', ' ', '[', ']'].map((key) => playerKeepsInRegionMode(press(key)));
    expect(kept).toEqual([true, true, true, true, true, true, true]);
    expect(playerKeepsInRegionMode(press('ArrowRight', { shiftKey: true }))).toBe(true);
  });

  it('give the region layer Esc, Delete, Backspace, Enter, letters and the class keys in region mode', () => {
    const kept = ['Escape', 'Delete', 'Backspace', 'Enter', 'b', 'v', 'x', '1'].map((key) => playerKeepsInRegionMode(press(key)));
    expect(kept).toEqual([false, false, false, false, false, false, false, false]);
    expect(playerKeepsInRegionMode(press('z', { ctrlKey: true }))).toBe(false);
  });

  it('enter region mode from tagging by B or P (either case, no modifier), never by V or a key a range class binds', () => {
    expect([regionToolForPlayerKey(press('b'), EVENT), regionToolForPlayerKey(press('P'), EVENT), regionToolForPlayerKey(press('v'), EVENT)]).toEqual(['rectangle', 'polygon', undefined]);
    expect(regionToolForPlayerKey(press('b', { ctrlKey: true }), EVENT)).toBeUndefined();
    expect(regionToolForPlayerKey(press('B', { shiftKey: true }), EVENT)).toBeUndefined();
    const bTags = { ...EVENT, classes: EVENT.classes.map((c, i) => (i === 0 ? { ...c, key: 'b' } : c)) };
    expect(regionToolForPlayerKey(press('b'), bTags)).toBeUndefined();
    expect(regionToolForPlayerKey(press('b'), null)).toBe('rectangle');
  });
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
