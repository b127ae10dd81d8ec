import { useEffect, useRef } from 'react';
import type { Question } from '../../core/labelSet';
import { actionForKey, type ItemAction } from './keymap';

/** Text fields keep their keys; buttons, the slider and the page body do not. */
export function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['range', 'checkbox', 'radio', 'button', 'submit'].includes(target.type);
}

/** Runs the item page's shortcuts while `enabled` (no dialog open). */
export function useItemKeyboard(question: Question | null, enabled: boolean, onAction: (action: ItemAction) => void): void {
  const handler = useRef(onAction);
  handler.current = onAction;
  useEffect(() => {
    if (!enabled) return;
    function onKeyDown(event: KeyboardEvent): void {
      if (event.defaultPrevented || event.isComposing || typingInto(event.target)) return;
      const action = actionForKey(event, question);
      if (!action) return;
      event.preventDefault();
      handler.current(action);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [question, enabled]);
}
