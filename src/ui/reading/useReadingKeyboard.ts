import { useEffect, useRef } from 'react';
import type { Question } from '../../core/labelSet';
import { typingInto } from './typingInto';

/** What the handler reads of a key event besides what the page's keymap reads. */
export interface ReadingKeyEvent {
  readonly defaultPrevented: boolean;
  readonly isComposing: boolean;
  readonly target: EventTarget | null;
  preventDefault(): void;
}

/** A reading page's bindings: the action a key press asks for (`question`: the one the class keys answer), null for none. */
export type ReadingKeymap<E, A> = (press: E, question: Question | null) => A | null;

/**
 * One key press on a reading page: a key another handler took, one typed into a text field or
 * one still composing (an IME) is left alone; a bound key is taken and its action run.
 */
export function readingKeyHandler<P, A>(keymap: ReadingKeymap<P, A>, question: Question | null, onAction: (action: A) => void): (event: P & ReadingKeyEvent) => void {
  return (event) => {
    if (event.defaultPrevented || event.isComposing || typingInto(event.target)) return;
    const action = keymap(event, question);
    if (action === null) return;
    event.preventDefault();
    onAction(action);
  };
}

/** Runs a reading page's shortcuts (the CT series', the slide's) while `enabled` (no dialog open). */
export function useReadingKeyboard<A>(keymap: ReadingKeymap<KeyboardEvent, A>, question: Question | null, enabled: boolean, onAction: (action: A) => void): void {
  const handler = useRef(onAction);
  handler.current = onAction;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = readingKeyHandler(keymap, question, (action: A) => handler.current(action));
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [keymap, question, enabled]);
}
