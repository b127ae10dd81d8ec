/**
 * Keyboard of the frame grid as a pure mapping from a key press to an action, so the bindings are
 * tested without a browser. Class keys answer the current question (see `frameQuestions.ts`).
 */
import type { Question } from '../../core/labelSet';
import type { ToolId } from '../../core/tools';
import { classForKey, historyActionForKey, type KeyPress } from '../item/keymap';
import { regionToolForKey } from './regions/frameRegionTools';

export type FrameAction =
  | { readonly type: 'label'; readonly classCode: string }
  | { readonly type: 'clear' }
  /** ±1 frame (left/right) or ± one grid row (up/down); with `extend` the selection grows. */
  | { readonly type: 'step'; readonly by: 'frame' | 'row'; readonly delta: 1 | -1; readonly extend: boolean }
  | { readonly type: 'jump'; readonly to: 'first' | 'last'; readonly extend: boolean }
  | { readonly type: 'question'; readonly delta: 1 | -1 }
  | { readonly type: 'zoom'; readonly delta: 1 | -1 }
  | { readonly type: 'undo' }
  | { readonly type: 'redo' }
  | { readonly type: 'help' }
  | { readonly type: 'deselect' }
  /** B, P, V: a region tool on the large view (region mode; see regions/). */
  | { readonly type: 'regionTool'; readonly tool: ToolId }
  /** A: accept the selected region proposal, else the frame's best one (Shift: every one shown on the frame); X: reject. */
  | { readonly type: 'proposal'; readonly decision: 'accepted' | 'rejected'; readonly all: boolean };

export function frameActionForKey(press: KeyPress, question: Question | null): FrameAction | null {
  const key = press.key;
  if (press.altKey) return null;
  if (press.ctrlKey || press.metaKey) return historyActionForKey(press);
  const extend = press.shiftKey;
  switch (key) {
    case 'ArrowRight':
      return { type: 'step', by: 'frame', delta: 1, extend };
    case 'ArrowLeft':
      return { type: 'step', by: 'frame', delta: -1, extend };
    case 'ArrowDown':
      return { type: 'step', by: 'row', delta: 1, extend };
    case 'ArrowUp':
      return { type: 'step', by: 'row', delta: -1, extend };
    case 'Home':
      return { type: 'jump', to: 'first', extend };
    case 'End':
      return { type: 'jump', to: 'last', extend };
    case 'Delete':
    case 'Backspace':
      return { type: 'clear' };
    case 'Escape':
      return { type: 'deselect' };
    case '?':
      return { type: 'help' };
  }
  // Class keys before the zoom keys: a label set may bind any key to a class.
  const chosen = classForKey(question, key);
  if (chosen) return { type: 'label', classCode: chosen.code };
  const regionTool = regionToolForKey(key);
  if (regionTool) return { type: 'regionTool', tool: regionTool };
  // The CT and slide pages' proposal keys, after the class keys: a question keyed A or X keeps its key.
  const lower = key.toLowerCase();
  if (lower === 'a' || lower === 'x') return { type: 'proposal', decision: lower === 'a' ? 'accepted' : 'rejected', all: press.shiftKey };
  // Q, not Tab: Tab must keep moving the focus for those who work the page by keyboard alone.
  if (lower === 'q') return { type: 'question', delta: press.shiftKey ? -1 : 1 };
  if (key === '+' || key === '=') return { type: 'zoom', delta: 1 };
  if (key === '-') return { type: 'zoom', delta: -1 };
  return null;
}

/** The grid position after a step of `delta` frames or rows, clamped to the `count` shown. */
export function steppedPosition(position: number, by: 'frame' | 'row', delta: 1 | -1, columns: number, count: number): number {
  if (count <= 0) return 0;
  const next = position + delta * (by === 'row' ? columns : 1);
  return Math.min(count - 1, Math.max(0, next));
}
