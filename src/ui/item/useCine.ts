import { useCallback, useEffect, useRef, useState } from 'react';
import { frameAt, setFps, stoppedCine, toggle, type CineState } from '../../viewer/cine/cine';

export interface Cine {
  readonly state: CineState;
  toggle(): void;
  setFps(fps: number): void;
}

/**
 * Plays the series by asking the page for the slice `frameAt` gives for each animation frame;
 * the page's slice stays the one source of truth, so labelling keys keep working while it plays.
 */
export function useCine(count: number, index: number, goTo: (index: number) => void): Cine {
  const [state, setState] = useState<CineState>(() => stoppedCine());
  const indexRef = useRef(index);
  indexRef.current = index;
  const goToRef = useRef(goTo);
  goToRef.current = goTo;

  useEffect(() => {
    if (!state.playing) return;
    let frame = requestAnimationFrame(function tick() {
      const next = frameAt(state, performance.now(), count);
      if (next !== null && next !== indexRef.current) goToRef.current(next);
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [state, count]);

  return {
    state,
    toggle: useCallback(() => setState((s) => toggle(s, performance.now(), indexRef.current)), []),
    setFps: useCallback((fps: number) => setState((s) => setFps(s, fps, performance.now(), indexRef.current)), []),
  };
}
