/**
 * Playback from decoded frames: which frame is due at a moment, which to show when it is not
 * loaded yet, and which to fetch ahead. Time runs on the clock (ms), not on how fast frames
 * arrive: a frame that is late is dropped, never waited for, so playback does not drift behind.
 */

/** Speeds offered, slowest first. */
export const PLAYBACK_RATES: readonly number[] = [0.25, 0.5, 1, 2, 4];

export interface PlaybackClock {
  /** The 0-based frame shown when play started. */
  readonly startFrame: number;
  /** When play started (ms, the same clock as `now`). */
  readonly startedAt: number;
  /** Frames per second of the video. */
  readonly fps: number;
  /** Speed, 1 = real time. */
  readonly rate: number;
}

/** The frame due at `now`, stopping at the last frame. */
export function frameDue(clock: PlaybackClock, now: number, frameCount: number): number {
  const elapsed = Math.max(0, now - clock.startedAt) / 1000;
  return Math.min(frameCount - 1, clock.startFrame + Math.floor(elapsed * clock.fps * clock.rate));
}

/**
 * The frame to show now: the due one when loaded, else the latest loaded frame between the one on
 * screen and the due one (frames in between are dropped), else the one on screen.
 */
export function frameToShow(due: number, shown: number, isReady: (frame: number) => boolean): number {
  for (let frame = due; frame > shown; frame -= 1) if (isReady(frame)) return frame;
  return shown;
}

/**
 * Frames to fetch ahead of `frame`: about half a second of playback at this rate (at least 2,
 * at most `limit`), skipping the frames a fast rate would drop anyway.
 */
export function framesAhead(frame: number, fps: number, rate: number, frameCount: number, limit = 24): number[] {
  const perTick = Math.max(1, Math.round((fps * rate) / 30));
  const count = Math.min(limit, Math.max(2, Math.ceil((fps * rate) / 2 / perTick)));
  const ahead: number[] = [];
  for (let i = 1; i <= count; i += 1) {
    const next = frame + i * perTick;
    if (next >= frameCount) break;
    ahead.push(next);
  }
  return ahead;
}
