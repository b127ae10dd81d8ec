import { describe, expect, it } from 'vitest';
import { clampFps, frameAt, pause, play, setFps, stoppedCine, toggle } from './cine';

describe('cine', () => {
  it('shows nothing of its own while stopped', () => {
    expect(frameAt(stoppedCine(10), 5000, 24)).toBeNull();
  });

  it('advances one slice per 1/fps seconds from where it started', () => {
    const playing = play(stoppedCine(10), 1000, 5);
    expect(frameAt(playing, 1000, 24)).toBe(5);
    expect(frameAt(playing, 1099, 24)).toBe(5);
    expect(frameAt(playing, 1100, 24)).toBe(6);
    expect(frameAt(playing, 2000, 24)).toBe(15);
  });

  it('loops from the last slice to the first', () => {
    const playing = play(stoppedCine(4), 0, 22);
    expect(frameAt(playing, 250, 24)).toBe(23);
    expect(frameAt(playing, 500, 24)).toBe(0);
    expect(frameAt(playing, 500 + 24 * 250, 24)).toBe(0);
  });

  it('skips slices after a late frame instead of falling behind', () => {
    const playing = play(stoppedCine(30), 0, 0);
    expect(frameAt(playing, 1000, 100)).toBe(30);
  });

  it('toggles between playing from the current slice and paused, keeping the rate', () => {
    const playing = toggle(stoppedCine(12), 100, 3);
    expect(playing).toEqual({ playing: true, fps: 12, startedAt: 100, startIndex: 3 });
    expect(toggle(playing, 200, 4)).toEqual({ playing: false, fps: 12 });
    expect(pause(playing)).toEqual({ playing: false, fps: 12 });
  });

  it('changes speed from the slice on screen, without a jump', () => {
    const playing = play(stoppedCine(10), 0, 0);
    const faster = setFps(playing, 20, 1000, 10);
    expect(frameAt(faster, 1000, 24)).toBe(10);
    expect(frameAt(faster, 1050, 24)).toBe(11);
    expect(setFps(stoppedCine(10), 25, 0, 0)).toEqual({ playing: false, fps: 25 });
  });

  it('keeps the rate within 1–30 fps', () => {
    expect(clampFps(0)).toBe(1);
    expect(clampFps(31)).toBe(30);
    expect(clampFps(12.4)).toBe(12);
    expect(stoppedCine(100).fps).toBe(30);
  });
});
