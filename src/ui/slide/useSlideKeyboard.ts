import { useEffect, useRef } from 'react';
import type { Question } from '../../core/labelSet';
import { typingInto } from '../item/useItemKeyboard';
import { slideActionForKey, type SlideAction } from './slideKeymap';

/** Runs the slide page's shortcuts while `enabled` (no dialog open); keys another handler took are left alone. */
export function useSlideKeyboard(question: Question | null, enabled: boolean, onAction: (action: SlideAction) => void): void {
  const handler = useRef(onAction);
  handler.current = onAction;
  useEffect(() => {
    if (!enabled) return;
    function onKeyDown(event: KeyboardEvent): void {
      if (event.defaultPrevented || event.isComposing || typingInto(event.target)) return;
      const action = slideActionForKey(event, question);
      if (!action) return;
      event.preventDefault();
      handler.current(action);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [question, enabled]);
}
