/**
 * What a viewing page holds back until its first screen is on screen (a slide's first tiles, a
 * series' first slice): overlays and side panels render, fetch and build their state in the tasks
 * after that paint, not in the ones between the image's arrival and its draw (wsi-tiles bench:
 * ~0.8 s there on a slide).
 */
import { useEffect, useState } from 'react';

/** Runs `run` in a task after the next frame, so after what is pending has been painted. */
export function afterNextPaint(run: () => void): () => void {
  let task: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    task = setTimeout(run, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(task);
  };
}

/**
 * False until `shown` has been true for one painted frame, or `fallbackMs` after mount for a
 * screen that never comes (a chunk that failed, a link too slow): then true for good.
 */
export function useFirstScreenDue(shown: boolean, fallbackMs: number): boolean {
  const [due, setDue] = useState(false);
  useEffect(() => {
    if (due) return undefined;
    const fallback = setTimeout(() => setDue(true), fallbackMs);
    const painted = shown ? afterNextPaint(() => setDue(true)) : () => undefined;
    return () => {
      clearTimeout(fallback);
      painted();
    };
  }, [shown, due, fallbackMs]);
  return due;
}
