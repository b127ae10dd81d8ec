import { describe, expect, it } from 'vitest';
import { ENDOSCOPY_VIDEO_LABEL_SET } from '../../../core/labelSets/builtin';
import { playerAction } from './playerKeys';

const EVENT = ENDOSCOPY_VIDEO_LABEL_SET.questions[0]!;
const press = (key: string, modifiers: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) =>
  playerAction({ key, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...modifiers }, EVENT, 25);

describe('playerAction', () => {
  it('steps one frame by arrows or , and ., one second with Shift', () => {
    expect([press('ArrowLeft'), press(','), press('ArrowRight'), press('.')]).toEqual([-1, -1, 1, 1].map((delta) => ({ type: 'step', delta })));
    expect(press('ArrowLeft', { shiftKey: true })).toEqual({ type: 'step', delta: -25 });
    expect(press('ArrowRight', { shiftKey: true })).toEqual({ type: 'step', delta: 25 });
  });

  it('plays, marks, clears and removes', () => {
    expect([press(' '), press('['), press(']'), press('Escape'), press('Delete'), press('Backspace')].map((a) => a?.type)).toEqual([
      'togglePlay',
      'markIn',
      'markOut',
      'clear',
      'removeSelected',
      'removeSelected',
    ]);
  });

  it('tags by the class keys of the range question, and leaves modified and other keys alone', () => {
    expect(press('1')).toEqual({ type: 'tag', classCode: 'event.bleeding' });
    expect(press('5')).toEqual({ type: 'tag', classCode: 'event.notAssessable' });
    expect(press('9')).toBeNull();
    expect(press('z', { ctrlKey: true })).toBeNull();
    expect(playerAction({ key: '1', shiftKey: false, ctrlKey: false, metaKey: false, altKey: false }, null, 25)).toBeNull();
  });
});
