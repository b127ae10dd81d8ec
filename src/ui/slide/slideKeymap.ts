/**
 * Keyboard shortcuts of the slide page as a pure mapping from a key press to an action. Digits
 * 1–5 answer the slide question (Group 1–5), so magnification steps sit on Shift+1…6 (read from
 * the physical key: Shift+1 types "!" on most layouts). The annotation layer's keys (tools, the
 * outline classes c/a/o, Delete, Escape, Enter) are not bound here: that layer handles them, so
 * the view's own letters are Shift+R / Shift+L (rotate right / left) and Shift+F (full screen).
 */
import type { Question } from '../../core/labelSet';

export type SlideAction =
  | { readonly type: 'answer'; readonly classCode: string }
  | { readonly type: 'undo' }
  | { readonly type: 'redo' }
  | { readonly type: 'help' }
  | { readonly type: 'zoomStep'; readonly direction: 1 | -1 }
  /** The n-th magnification step (0 = ×1.25). */
  | { readonly type: 'magnificationStep'; readonly index: number }
  | { readonly type: 'rotate'; readonly degrees: 90 | -90 }
  | { readonly type: 'home' }
  | { readonly type: 'fullScreen' }
  /** Shift+A / Shift+X: accept or reject every AI outline shown in view (plain A is a class key there). */
  | { readonly type: 'proposalsInView'; readonly decision: 'accepted' | 'rejected' };

export interface SlideKeyPress {
  readonly key: string;
  /** The physical key (`Digit1`), independent of layout and Shift. */
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

const STEP_KEY = /^Digit([1-6])$/;

/** `question`: the slide question the class keys answer. */
export function slideActionForKey(press: SlideKeyPress, question: Question | null): SlideAction | null {
  if (press.altKey) return null;
  if (press.ctrlKey || press.metaKey) {
    const lower = press.key.toLowerCase();
    if (lower === 'z') return press.shiftKey ? { type: 'redo' } : { type: 'undo' };
    if (lower === 'y' && !press.shiftKey) return { type: 'redo' };
    return null;
  }
  const step = press.shiftKey ? STEP_KEY.exec(press.code) : null;
  if (step) return { type: 'magnificationStep', index: Number(step[1]) - 1 };
  switch (press.key) {
    case '+':
    case '=':
      return { type: 'zoomStep', direction: 1 };
    case '-':
      return { type: 'zoomStep', direction: -1 };
  }
  // Plain letters are the annotation layer's (tools, classes): the view's letters take Shift.
  if (press.shiftKey) {
    switch (press.code) {
      case 'KeyR':
        return { type: 'rotate', degrees: 90 };
      case 'KeyL':
        return { type: 'rotate', degrees: -90 };
      case 'KeyF':
        return { type: 'fullScreen' };
      case 'KeyA':
        return { type: 'proposalsInView', decision: 'accepted' };
      case 'KeyX':
        return { type: 'proposalsInView', decision: 'rejected' };
    }
  }
  switch (press.key) {
    case '0':
      return { type: 'home' };
    case '?':
      return { type: 'help' };
  }
  if (press.shiftKey) return null;
  const answer = question?.classes.find((c) => c.key !== undefined && c.key.toLowerCase() === press.key.toLowerCase());
  return answer ? { type: 'answer', classCode: answer.code } : null;
}
