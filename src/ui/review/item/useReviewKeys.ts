/** The reviewer's keys: A approves, R returns, M pins the return to a point, N / P go to the next / previous difference; not while typing or with a modifier held. */
import { useEffect, useRef } from 'react';
import { typingInto } from '../../reading/typingInto';

export type ReviewKey = 'approve' | 'return' | 'pin' | 'nextDifference' | 'previousDifference';

const KEYS: Readonly<Record<string, ReviewKey>> = { a: 'approve', r: 'return', m: 'pin', n: 'nextDifference', p: 'previousDifference' };

export function useReviewKeys(enabled: boolean, onKey: (key: ReviewKey) => void): void {
  // The latest handler, so the listener is added once and never sees stale state.
  const handler = useRef(onKey);
  handler.current = onKey;
  useEffect(() => {
    if (!enabled) return;
    const listener = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.repeat || typingInto(event.target)) return;
      const key = KEYS[event.key.toLowerCase()];
      if (!key) return;
      event.preventDefault();
      handler.current(key);
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [enabled]);
}
