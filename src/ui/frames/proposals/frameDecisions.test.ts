import { describe, expect, it } from 'vitest';
import { proposalsToDecide } from './frameDecisions';

describe('the proposals A and X decide on a frame', () => {
  const shown = ['best', 'middle', 'low'];
  it('are every one shown with Shift', () => {
    expect(proposalsToDecide(shown, new Set(['middle']), true)).toEqual(shown);
  });
  it('are the selected ones shown, else the best one', () => {
    expect(proposalsToDecide(shown, new Set(['low', 'drawn-by-hand']), false)).toEqual(['low']);
    expect(proposalsToDecide(shown, new Set(['drawn-by-hand']), false)).toEqual(['best']);
    expect(proposalsToDecide(shown, null, false)).toEqual(['best']);
    expect(proposalsToDecide([], null, false)).toEqual([]);
  });
});
