import { describe, expect, it } from 'vitest';
import { advanceAfterLabel, firstTouchedIndex, moveCursor, targetRange } from './sliceCursor';

describe('slice cursor', () => {
  it('moves within the series and clamps at both ends', () => {
    expect(moveCursor({ index: 3, selection: null }, 4, false, 10)).toEqual({ index: 4, selection: null });
    expect(moveCursor({ index: 0, selection: null }, -1, false, 10)).toEqual({ index: 0, selection: null });
    expect(moveCursor({ index: 9, selection: null }, 19, false, 10)).toEqual({ index: 9, selection: null });
  });

  it('grows a selection from its anchor with extend and drops it on a plain move', () => {
    const first = moveCursor({ index: 2, selection: null }, 3, true, 10);
    expect(first).toEqual({ index: 3, selection: { anchor: 2, focus: 3 } });
    const second = moveCursor(first, 5, true, 10);
    expect(second).toEqual({ index: 5, selection: { anchor: 2, focus: 5 } });
    expect(targetRange(second)).toEqual([2, 5]);
    expect(moveCursor(second, 0, true, 10)).toEqual({ index: 0, selection: { anchor: 2, focus: 0 } });
    expect(targetRange(moveCursor(second, 0, true, 10))).toEqual([0, 2]);
    expect(moveCursor(second, 6, false, 10)).toEqual({ index: 6, selection: null });
    expect(moveCursor(first, 2, true, 10)).toEqual({ index: 2, selection: null });
  });

  it('advances past the labelled range, staying on the last slice at the end', () => {
    expect(advanceAfterLabel({ index: 3, selection: null }, 10)).toEqual({ index: 4, selection: null });
    expect(advanceAfterLabel({ index: 2, selection: { anchor: 6, focus: 2 } }, 10)).toEqual({ index: 7, selection: null });
    expect(advanceAfterLabel({ index: 9, selection: null }, 10)).toEqual({ index: 9, selection: null });
  });

  it('finds the first slice a change touched, for undo to show it', () => {
    const slices = ['s0', 's1', 's2', 's3'];
    expect(firstTouchedIndex(slices, ['s3', 's1'])).toBe(1);
    expect(firstTouchedIndex(slices, ['item-answer'])).toBeNull();
    expect(firstTouchedIndex(slices, [])).toBeNull();
  });
});
