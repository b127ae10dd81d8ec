/**
 * What a key does in the video player: ←/→ or ,/. step one frame (with Shift one second), Space
 * plays or pauses, `[` and `]` set the in and out marks, Escape clears marks and selection,
 * Delete (or Backspace) removes the selected range, and a class key of the range question tags
 * the marked range. Modified keys (Ctrl, ⌘, Alt) are left to the app (undo, redo).
 */
import type { Question } from '../../../core/labelSet';

export type PlayerAction =
  | { readonly type: 'step'; readonly delta: number }
  | { readonly type: 'togglePlay' }
  | { readonly type: 'markIn' }
  | { readonly type: 'markOut' }
  | { readonly type: 'clear' }
  | { readonly type: 'removeSelected' }
  | { readonly type: 'tag'; readonly classCode: string };

export interface PlayerKey {
  readonly key: string;
  readonly shiftKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
}

export function playerAction(event: PlayerKey, question: Question | null, framesPerSecond: number): PlayerAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  switch (event.key) {
    case 'ArrowLeft':
    case ',':
      return { type: 'step', delta: event.shiftKey ? -framesPerSecond : -1 };
    case 'ArrowRight':
    case '.':
      return { type: 'step', delta: event.shiftKey ? framesPerSecond : 1 };
    case ' ':
      return { type: 'togglePlay' };
    case '[':
      return { type: 'markIn' };
    case ']':
      return { type: 'markOut' };
    case 'Escape':
      return { type: 'clear' };
    case 'Delete':
    case 'Backspace':
      return { type: 'removeSelected' };
  }
  const chosen = question?.classes.find((c) => c.key === event.key);
  return chosen ? { type: 'tag', classCode: chosen.code } : null;
}
