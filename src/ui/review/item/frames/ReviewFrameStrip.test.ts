import { describe, expect, it } from 'vitest';
import { stripStart } from './ReviewFrameStrip';

describe('the review strip window', () => {
  it('centres the current frame, kept inside the frame set', () => {
    expect(stripStart(100, 20_000, 31)).toBe(85);
    expect(stripStart(3, 20_000, 31)).toBe(0);
    expect(stripStart(19_999, 20_000, 31)).toBe(19_969);
  });

  it('starts at the first frame when the set is shorter than the window', () => {
    expect(stripStart(5, 12, 31)).toBe(0);
  });
});
