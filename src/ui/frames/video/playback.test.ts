import { describe, expect, it } from 'vitest';
import { frameDue, framesAhead, frameToShow } from './playback';

describe('frameDue', () => {
  const clock = { startFrame: 10, startedAt: 1_000, fps: 25, rate: 1 };
  it('advances by fps × rate frames per second from where play started', () => {
    expect(frameDue(clock, 1_000, 1_000)).toBe(10);
    expect(frameDue(clock, 2_000, 1_000)).toBe(35);
    expect(frameDue({ ...clock, rate: 0.25 }, 2_000, 1_000)).toBe(16);
    expect(frameDue({ ...clock, rate: 4 }, 1_500, 1_000)).toBe(60);
  });

  it('stops at the last frame', () => {
    expect(frameDue(clock, 100_000, 50)).toBe(49);
  });
});

describe('frameToShow', () => {
  it('shows the due frame when it is loaded', () => {
    expect(frameToShow(12, 10, () => true)).toBe(12);
  });

  it('drops late frames: the newest loaded one up to the due one, else keeps the one on screen', () => {
    expect(frameToShow(14, 10, (f) => f === 11 || f === 12)).toBe(12);
    expect(frameToShow(14, 10, () => false)).toBe(10);
  });
});

describe('framesAhead', () => {
  it('fetches about half a second ahead, not past the end', () => {
    expect(framesAhead(0, 25, 1, 1_000)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(framesAhead(998, 25, 1, 1_000)).toEqual([999]);
  });

  it('at 4× skips the frames a 30 Hz screen would drop, and stays bounded', () => {
    const ahead = framesAhead(0, 25, 4, 20_000);
    expect(ahead[0]).toBe(3);
    expect(ahead.length).toBeLessThanOrEqual(24);
    expect(framesAhead(0, 0.2, 0.25, 100)).toEqual([1, 2]);
  });
});
