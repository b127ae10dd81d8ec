import { useCallback, useRef } from 'react';

/**
 * A function of one identity for the component's life that calls the latest `handler`: a memoised
 * child handed it (the frame grid and its rows) does not render again each time the parent renders
 * a new closure. For event handlers, not for use during render.
 */
export function useLatestCallback<A extends unknown[], R>(handler: (...args: A) => R): (...args: A) => R {
  const latest = useRef(handler);
  // As useReadingKeyboard keeps its handler: the closure of the last render is the one to call.
  latest.current = handler;
  return useCallback((...args: A) => latest.current(...args), []);
}
