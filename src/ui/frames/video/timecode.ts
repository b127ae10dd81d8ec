/**
 * A video frame's time as an editor shows it, `mm:ss.ff`: minutes, seconds, and the frame inside
 * that second (0-based, two digits), so two neighbouring frames never show the same time.
 * Frames are 0-based video frames; `fps` the video's average rate (frames per second).
 */
export function formatTimecode(frame: number, fps: number): string {
  const rate = Math.max(1, Math.round(fps));
  const seconds = Math.floor(frame / rate);
  const inSecond = frame - seconds * rate;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(seconds / 60))}:${pad(seconds % 60)}.${pad(inSecond)}`;
}

/** Frames in one second of video (at least 1): what Shift+←/→ steps. */
export function framesPerSecondStep(fps: number): number {
  return Math.max(1, Math.round(fps));
}
