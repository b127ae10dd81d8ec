/** j / k or the arrow keys move the queue's selection, Enter opens it; not while typing in a control. */
import { useEffect } from 'react';

const MOVES: Readonly<Record<string, number>> = { j: 1, ArrowDown: 1, k: -1, ArrowUp: -1 };

export function useQueueKeys(move: (delta: number) => void, open: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, select, textarea, [contenteditable="true"]')) return;
      const delta = MOVES[event.key];
      if (delta !== undefined) {
        event.preventDefault();
        move(delta);
      } else if (event.key === 'Enter' && !target?.closest('button, a')) {
        event.preventDefault();
        open();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [move, open]);
}
