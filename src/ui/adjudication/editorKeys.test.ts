import { describe, expect, it } from 'vitest';
import { editorKeyAction } from './editorKeys';

const plain = { shift: false, alt: false, ctrl: false };
const ctrl = { ...plain, ctrl: true };
const free = { drawing: false, selected: false };

describe('editorKeyAction', () => {
  it('saves on Enter and cancels on Escape when the tool holds nothing', () => {
    expect(editorKeyAction('Enter', plain, free)).toBe('save');
    expect(editorKeyAction('Escape', plain, free)).toBe('cancel');
    expect(editorKeyAction('j', plain, free)).toBeNull();
  });

  it('leaves Enter and Escape to an outline being drawn, and Escape to a selection', () => {
    expect(editorKeyAction('Enter', plain, { drawing: true, selected: false })).toBeNull();
    expect(editorKeyAction('Escape', plain, { drawing: true, selected: false })).toBeNull();
    expect(editorKeyAction('Escape', plain, { drawing: false, selected: true })).toBeNull();
    expect(editorKeyAction('Enter', plain, { drawing: false, selected: true })).toBe('save');
  });

  it('undoes on Ctrl+Z, redoes on Ctrl+Shift+Z or Ctrl+Y, and ignores Alt', () => {
    expect(editorKeyAction('z', ctrl, free)).toBe('undo');
    expect(editorKeyAction('Z', { ...ctrl, shift: true }, free)).toBe('redo');
    expect(editorKeyAction('y', ctrl, free)).toBe('redo');
    expect(editorKeyAction('Enter', ctrl, free)).toBeNull();
    expect(editorKeyAction('z', { ...ctrl, alt: true }, free)).toBeNull();
  });
});
