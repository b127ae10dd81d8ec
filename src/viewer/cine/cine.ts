/**
 * Cine: paging through the slices at a steady rate, looping at the end. A state machine over
 * explicit times (ms, any monotonic clock), so it is tested without timers: the slice to show
 * is a function of the time, never a count of ticks, and a slow frame skips slices rather than
 * letting playback fall behind.
 */

export const MIN_FPS = 1;
export const MAX_FPS = 30;
export const DEFAULT_FPS = 10;

export type CineState =
  | { readonly playing: false; readonly fps: number }
  /** Playing since `startedAt` from slice `startIndex`. */
  | { readonly playing: true; readonly fps: number; readonly startedAt: number; readonly startIndex: number };

export function clampFps(fps: number): number {
  return Math.min(MAX_FPS, Math.max(MIN_FPS, Math.round(fps)));
}

export function stoppedCine(fps = DEFAULT_FPS): CineState {
  return { playing: false, fps: clampFps(fps) };
}

export function play(state: CineState, now: number, index: number): CineState {
  return { playing: true, fps: state.fps, startedAt: now, startIndex: index };
}

export function pause(state: CineState): CineState {
  return { playing: false, fps: state.fps };
}

export function toggle(state: CineState, now: number, index: number): CineState {
  return state.playing ? pause(state) : play(state, now, index);
}

/** A new rate counts from the slice shown now, so changing speed never jumps. */
export function setFps(state: CineState, fps: number, now: number, index: number): CineState {
  const next = clampFps(fps);
  return state.playing ? { playing: true, fps: next, startedAt: now, startIndex: index } : { playing: false, fps: next };
}

/** The slice cine shows at `now` of `count` slices (looping); `null` when it is not playing. */
export function frameAt(state: CineState, now: number, count: number): number | null {
  if (!state.playing || count <= 0) return null;
  const elapsed = Math.max(0, now - state.startedAt);
  const steps = Math.floor((elapsed * state.fps) / 1000);
  return (state.startIndex + steps) % count;
}
