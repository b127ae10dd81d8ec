import { describe, expect, it } from 'vitest';
import { GASTRIC_BIOPSY_LABEL_SET } from '../../core/labelSets/builtin';
import { slideActionForKey, type SlideKeyPress } from './slideKeymap';

const group = GASTRIC_BIOPSY_LABEL_SET.questions.find((q) => q.id === 'group') ?? null;
const press = (key: string, extra: Partial<SlideKeyPress> = {}): SlideKeyPress => ({
  key,
  code: /^\d$/.test(key) ? `Digit${key}` : `Key${key.toUpperCase()}`,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...extra,
});

describe('slide page keys', () => {
  it('answer the Group question with 1–5', () => {
    expect(slideActionForKey(press('1'), group)).toEqual({ type: 'answer', classCode: 'group.1' });
    expect(slideActionForKey(press('5'), group)).toEqual({ type: 'answer', classCode: 'group.5' });
    expect(slideActionForKey(press('6'), group)).toBeNull();
    expect(slideActionForKey(press('1'), null)).toBeNull();
  });

  it('step magnification with +/− and jump to a step with Shift+1…6 (by physical key)', () => {
    expect(slideActionForKey(press('+', { shiftKey: true, code: 'Equal' }), group)).toEqual({ type: 'zoomStep', direction: 1 });
    expect(slideActionForKey(press('=', { code: 'Equal' }), group)).toEqual({ type: 'zoomStep', direction: 1 });
    expect(slideActionForKey(press('-', { code: 'Minus' }), group)).toEqual({ type: 'zoomStep', direction: -1 });
    expect(slideActionForKey(press('!', { shiftKey: true, code: 'Digit1' }), group)).toEqual({ type: 'magnificationStep', index: 0 });
    expect(slideActionForKey(press('^', { shiftKey: true, code: 'Digit6' }), group)).toEqual({ type: 'magnificationStep', index: 5 });
    expect(slideActionForKey(press('&', { shiftKey: true, code: 'Digit7' }), group)).toBeNull();
  });

  it('rotate with Shift+R / Shift+L, go home with 0, full screen with Shift+F; plain r and f stay the tools\'', () => {
    expect(slideActionForKey(press('R', { shiftKey: true, code: 'KeyR' }), group)).toEqual({ type: 'rotate', degrees: 90 });
    expect(slideActionForKey(press('L', { shiftKey: true, code: 'KeyL' }), group)).toEqual({ type: 'rotate', degrees: -90 });
    expect(slideActionForKey(press('0'), group)).toEqual({ type: 'home' });
    expect(slideActionForKey(press('F', { shiftKey: true, code: 'KeyF' }), group)).toEqual({ type: 'fullScreen' });
    expect(slideActionForKey(press('r', { code: 'KeyR' }), group)).toBeNull();
    expect(slideActionForKey(press('f', { code: 'KeyF' }), group)).toBeNull();
    expect(slideActionForKey(press('?', { shiftKey: true, code: 'Slash' }), group)).toEqual({ type: 'help' });
  });

  it('undo and redo as on the CT page', () => {
    expect(slideActionForKey(press('z', { ctrlKey: true }), group)).toEqual({ type: 'undo' });
    expect(slideActionForKey(press('Z', { ctrlKey: true, shiftKey: true }), group)).toEqual({ type: 'redo' });
    expect(slideActionForKey(press('y', { metaKey: true }), group)).toEqual({ type: 'redo' });
  });

  it('leave the annotation layer its keys', () => {
    for (const key of ['c', 'a', 'o', 'Delete', 'Backspace', 'Escape', 'Enter', '[', ']']) {
      expect(slideActionForKey(press(key), group)).toBeNull();
    }
    expect(slideActionForKey(press('1', { altKey: true }), group)).toBeNull();
  });

  it('accepts or rejects every AI outline shown in view with Shift+A / Shift+X, leaving plain A to the adenoma class', () => {
    expect(slideActionForKey(press('A', { shiftKey: true }), group)).toEqual({ type: 'proposalsInView', decision: 'accepted' });
    expect(slideActionForKey(press('X', { shiftKey: true }), group)).toEqual({ type: 'proposalsInView', decision: 'rejected' });
    expect(slideActionForKey(press('a'), group)).toBeNull();
  });
});
