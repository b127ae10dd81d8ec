/**
 * Keyboard shortcuts of the item page as a pure mapping from a key press to an action, so the
 * bindings are tested without a browser.
 */
import type { LabelClass, Question } from '../../core/labelSet';
import { viewerActionForKey, type ViewerAction } from './viewerKeymap';

export type ItemAction =
  | { readonly type: 'label'; readonly classCode: string }
  | { readonly type: 'clear' }
  | { readonly type: 'step'; readonly delta: number; readonly extend: boolean }
  | { readonly type: 'jump'; readonly to: 'first' | 'last'; readonly extend: boolean }
  | { readonly type: 'undo' }
  | { readonly type: 'redo' }
  | { readonly type: 'help' }
  | { readonly type: 'deselect' }
  /** A: accept the proposal on this slice (Shift: every one shown in the series); X: reject. */
  | { readonly type: 'proposal'; readonly decision: 'accepted' | 'rejected'; readonly all: boolean }
  /** `,` / `.`: the previous or next series of the study (the study panel's order). */
  | { readonly type: 'series'; readonly delta: 1 | -1 }
  /** Presets, tools, cine, corner text, reformats (viewerKeymap.ts). */
  | { readonly type: 'viewer'; readonly action: ViewerAction };

export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

/** Previous and next series of the study: `<` and `>` on their keys, as a study browser steps. */
export const SERIES_KEYS = { previous: ',', next: '.' } as const;

/** Slices skipped by PageUp / PageDown. */
export const PAGE_STEP = 10;

/** Ctrl/⌘ + Z undoes, Ctrl/⌘ + Shift + Z or Ctrl/⌘ + Y redoes (every reading page); null for other Ctrl keys. */
export function historyActionForKey(press: KeyPress): { readonly type: 'undo' | 'redo' } | null {
  const lower = press.key.toLowerCase();
  if (lower === 'z') return press.shiftKey ? { type: 'redo' } : { type: 'undo' };
  if (lower === 'y' && !press.shiftKey) return { type: 'redo' };
  return null;
}

/** The class of `question` bound to `key` (case-insensitive), if any. */
export function classForKey(question: Question | null, key: string): LabelClass | undefined {
  return question?.classes.find((c) => c.key !== undefined && c.key.toLowerCase() === key.toLowerCase());
}

/** `question`: the one the class keys answer. */
export function actionForKey(press: KeyPress, question: Question | null): ItemAction | null {
  const command = press.ctrlKey || press.metaKey;
  const key = press.key;
  if (press.altKey) return null;
  if (command) return historyActionForKey(press);
  const extend = press.shiftKey;
  switch (key) {
    case 'ArrowDown':
    case 'ArrowRight':
      return { type: 'step', delta: 1, extend };
    case 'ArrowUp':
    case 'ArrowLeft':
      return { type: 'step', delta: -1, extend };
    case 'PageDown':
      return { type: 'step', delta: PAGE_STEP, extend };
    case 'PageUp':
      return { type: 'step', delta: -PAGE_STEP, extend };
    case 'Home':
      return { type: 'jump', to: 'first', extend };
    case 'End':
      return { type: 'jump', to: 'last', extend };
    case 'Delete':
    case 'Backspace':
      return { type: 'clear' };
    case '?':
      return { type: 'help' };
    case 'Escape':
      return { type: 'deselect' };
  }
  const labelClass = classForKey(question, key);
  if (labelClass) return { type: 'label', classCode: labelClass.code };
  // After the class keys: a label set whose class is keyed A or X keeps its key.
  const lower = key.toLowerCase();
  if (lower === 'a' || lower === 'x') return { type: 'proposal', decision: lower === 'a' ? 'accepted' : 'rejected', all: press.shiftKey };
  if (key === SERIES_KEYS.previous) return { type: 'series', delta: -1 };
  if (key === SERIES_KEYS.next) return { type: 'series', delta: 1 };
  const viewer = viewerActionForKey(key);
  return viewer ? { type: 'viewer', action: viewer } : null;
}
