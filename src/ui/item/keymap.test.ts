import { describe, expect, it } from 'vitest';
import { SAH_SLICE_LABEL_SET } from '../../core/labelSets/builtin';
import { actionForKey, PAGE_STEP, type KeyPress } from './keymap';

const [SAH] = SAH_SLICE_LABEL_SET.questions;

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('actionForKey', () => {
  it('maps each class key of the label set to labelling with that class', () => {
    expect(actionForKey(press('1'), SAH ?? null)).toEqual({ type: 'label', classCode: 'sah.present' });
    expect(actionForKey(press('2'), SAH ?? null)).toEqual({ type: 'label', classCode: 'sah.absent' });
    expect(actionForKey(press('3'), SAH ?? null)).toEqual({ type: 'label', classCode: 'sah.uncertain' });
    expect(actionForKey(press('4'), SAH ?? null)).toBeNull();
    expect(actionForKey(press('1'), null)).toBeNull();
  });

  it('undoes with Ctrl+Z and redoes with Ctrl+Shift+Z, Ctrl+Y and Cmd+Shift+Z', () => {
    expect(actionForKey(press('z', { ctrlKey: true }), null)).toEqual({ type: 'undo' });
    expect(actionForKey(press('Z', { ctrlKey: true, shiftKey: true }), null)).toEqual({ type: 'redo' });
    expect(actionForKey(press('y', { ctrlKey: true }), null)).toEqual({ type: 'redo' });
    expect(actionForKey(press('z', { metaKey: true, shiftKey: true }), null)).toEqual({ type: 'redo' });
    expect(actionForKey(press('1', { ctrlKey: true }), SAH ?? null)).toBeNull();
  });

  it('navigates with arrows, pages and Home/End, extending the selection with Shift', () => {
    expect(actionForKey(press('ArrowDown'), null)).toEqual({ type: 'step', delta: 1, extend: false });
    expect(actionForKey(press('ArrowLeft', { shiftKey: true }), null)).toEqual({ type: 'step', delta: -1, extend: true });
    expect(actionForKey(press('PageDown'), null)).toEqual({ type: 'step', delta: PAGE_STEP, extend: false });
    expect(actionForKey(press('Home'), null)).toEqual({ type: 'jump', to: 'first', extend: false });
    expect(actionForKey(press('End', { shiftKey: true }), null)).toEqual({ type: 'jump', to: 'last', extend: true });
  });

  it('opens help with ? and ignores Alt chords', () => {
    expect(actionForKey(press('?', { shiftKey: true }), null)).toEqual({ type: 'help' });
    expect(actionForKey(press('1', { altKey: true }), SAH ?? null)).toBeNull();
  });

  it('accepts (A) or rejects (X) the proposal on the slice, and every one shown with Shift', () => {
    expect(actionForKey(press('a'), SAH ?? null)).toEqual({ type: 'proposal', decision: 'accepted', all: false });
    expect(actionForKey(press('x'), SAH ?? null)).toEqual({ type: 'proposal', decision: 'rejected', all: false });
    expect(actionForKey(press('A', { shiftKey: true }), SAH ?? null)).toEqual({ type: 'proposal', decision: 'accepted', all: true });
    expect(actionForKey(press('X', { shiftKey: true }), SAH ?? null)).toEqual({ type: 'proposal', decision: 'rejected', all: true });
    expect(actionForKey(press('a', { ctrlKey: true }), SAH ?? null)).toBeNull();
  });

  it('steps to the previous (,) or next (.) series of the study, leaving the keys to a class bound to them', () => {
    expect(actionForKey(press(','), SAH ?? null)).toEqual({ type: 'series', delta: -1 });
    expect(actionForKey(press('.'), SAH ?? null)).toEqual({ type: 'series', delta: 1 });
    expect(actionForKey(press('.', { ctrlKey: true }), SAH ?? null)).toBeNull();
    const keyedDot = { ...SAH!, classes: [{ ...SAH!.classes[0]!, key: '.' }] };
    expect(actionForKey(press('.'), keyedDot)).toEqual({ type: 'label', classCode: 'sah.present' });
  });

  it('leaves A to a class keyed A', () => {
    const keyedA = { ...SAH!, classes: [{ ...SAH!.classes[0]!, key: 'a' }] };
    expect(actionForKey(press('a'), keyedA)).toEqual({ type: 'label', classCode: 'sah.present' });
  });
});

describe('viewer keys', () => {
  it('choose window presets, tools, cine, corner text and reformats after the class keys', () => {
    expect(actionForKey(press('b'), SAH ?? null)).toEqual({ type: 'viewer', action: { type: 'preset', name: 'brain' } });
    expect(actionForKey(press('k'), SAH ?? null)).toEqual({ type: 'viewer', action: { type: 'preset', name: 'stroke' } });
    expect(actionForKey(press('0'), SAH ?? null)).toEqual({ type: 'viewer', action: { type: 'preset', name: 'default' } });
    expect(actionForKey(press('l'), SAH ?? null)).toEqual({ type: 'viewer', action: { type: 'tool', tool: 'length' } });
    expect(actionForKey(press('w'), SAH ?? null)).toEqual({ type: 'viewer', action: { type: 'tool', tool: 'window' } });
    expect(actionForKey(press('c'), SAH ?? null)).toEqual({ type: 'viewer', action: { type: 'cine' } });
    expect(actionForKey(press('+', { shiftKey: true }), SAH ?? null)).toEqual({ type: 'viewer', action: { type: 'cineSpeed', delta: 1 } });
    expect(actionForKey(press('-'), SAH ?? null)).toEqual({ type: 'viewer', action: { type: 'cineSpeed', delta: -1 } });
    expect(actionForKey(press('i'), SAH ?? null)).toEqual({ type: 'viewer', action: { type: 'context' } });
    expect(actionForKey(press('m'), SAH ?? null)).toEqual({ type: 'viewer', action: { type: 'reformat' } });
  });

  it('pick the mask tools by their keys and pass brush size and Enter to the active one', () => {
    expect(actionForKey(press('g'), SAH ?? null)).toEqual({ type: 'viewer', action: { type: 'maskTool', tool: 'maskBrush' } });
    expect(actionForKey(press('h'), SAH ?? null)).toEqual({ type: 'viewer', action: { type: 'maskTool', tool: 'thresholdBrush' } });
    expect(actionForKey(press('u'), SAH ?? null)).toEqual({ type: 'viewer', action: { type: 'maskTool', tool: 'maskEraser' } });
    expect(actionForKey(press(']'), SAH ?? null)).toEqual({ type: 'viewer', action: { type: 'maskToolKey', key: ']' } });
    expect(actionForKey(press('Enter'), SAH ?? null)).toEqual({ type: 'viewer', action: { type: 'maskToolKey', key: 'Enter' } });
  });

  it('leave Shift+letters, Ctrl+letters and the label set\'s own keys alone', () => {
    expect(actionForKey(press('B', { shiftKey: true }), SAH ?? null)).toBeNull();
    expect(actionForKey(press('b', { ctrlKey: true }), SAH ?? null)).toBeNull();
    const keyedB = SAH ? { ...SAH, classes: SAH.classes.map((c, i) => (i === 0 ? { ...c, key: 'b' } : c)) } : null;
    expect(actionForKey(press('b'), keyedB)).toMatchObject({ type: 'label' });
  });
});
