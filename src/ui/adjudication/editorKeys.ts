/** What a key does while the lead edits a region's drawing (the drawing tools take theirs first). */
import type { Modifiers } from '../../core/tools/tool';

export type EditorKeyAction = 'save' | 'cancel' | 'undo' | 'redo';

/** What the tool has in hand: an outline being drawn (it takes Enter and Escape), a selection (it takes Escape). */
export interface ToolHold {
  readonly drawing: boolean;
  readonly selected: boolean;
}

export function editorKeyAction(key: string, modifiers: Modifiers, hold: ToolHold): EditorKeyAction | null {
  if (modifiers.alt) return null;
  if (modifiers.ctrl) {
    const lower = key.toLowerCase();
    if (lower === 'z') return modifiers.shift ? 'redo' : 'undo';
    return lower === 'y' ? 'redo' : null;
  }
  if (key === 'Enter') return hold.drawing ? null : 'save';
  if (key === 'Escape') return hold.drawing || hold.selected ? null : 'cancel';
  return null;
}
