import { describe, expect, it } from 'vitest';
import { FUNDUS_GRADING_LABEL_SET, UC_ENDOSCOPY_LABEL_SET } from '../../core/labelSets/builtin';
import type { FrameSprites } from '../../core/item';
import { frameActionForKey, steppedPosition } from './frameKeymap';
import { firstOpenQuestion, frameQuestions, nextOpenQuestion } from './frameQuestions';
import { extendSelection, isSelected, selectedFrames, toggleInSelection } from './frameSelection';
import { gridColumns, gridRows, sheetsAround, sheetsInRows, spriteCell } from './gridGeometry';

const sprites: FrameSprites = { version: 'v', cellWidth: 160, cellHeight: 120, columns: 10, rows: 10, sheets: 200 };
const press = (key: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean }> = {}) => ({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

describe('grid geometry', () => {
  it('fits whole cells with gaps, at least one', () => {
    expect(gridColumns(160, 160)).toBe(1);
    expect(gridColumns(323, 160)).toBe(1);
    expect(gridColumns(324, 160)).toBe(2);
    expect(gridColumns(10, 160)).toBe(1);
    expect(gridRows(20_000, 7)).toBe(2858);
  });
  it('finds a frame in its sheet row by row', () => {
    expect(spriteCell(0, sprites)).toEqual({ sheet: 0, x: 0, y: 0 });
    expect(spriteCell(13, sprites)).toEqual({ sheet: 0, x: 480, y: 120 });
    expect(spriteCell(100, sprites)).toEqual({ sheet: 1, x: 0, y: 0 });
    expect(spriteCell(19_999, sprites)).toEqual({ sheet: 199, x: 1440, y: 1080 });
  });
  it('names only the sheets of the rows in view', () => {
    const shown = Array.from({ length: 20_000 }, (_, i) => i);
    expect([...sheetsInRows(shown, 8, 0, 5, sprites)]).toEqual([0]);
    expect([...sheetsInRows(shown, 8, 13, 14, sprites)]).toEqual([1]);
    expect([...sheetsInRows(shown, 8, 11, 13, sprites)]).toEqual([0, 1]);
    // A filtered grid shows frames far apart: their own sheets.
    expect([...sheetsInRows([5, 250, 19_999], 8, 0, 0, sprites)]).toEqual([0, 2, 199]);
  });
  it('adds the next sheet each way beyond the rows in view, so a scroll finds it loaded', () => {
    const shown = Array.from({ length: 20_000 }, (_, i) => i);
    expect([...sheetsAround(shown, 8, 0, 5, sprites, 1)].sort((a, b) => a - b)).toEqual([0, 1]);
    expect([...sheetsAround(shown, 8, 13, 14, sprites, 1)].sort((a, b) => a - b)).toEqual([0, 1, 2]);
    expect([...sheetsAround(shown, 8, 2498, 2499, sprites, 1)].sort((a, b) => a - b)).toEqual([198, 199]);
    expect([...sheetsAround(shown, 8, 13, 14, sprites, 2)].sort((a, b) => a - b)).toEqual([0, 1, 2, 3]);
  });
  it('adds at most the asked number of sheets each way under a sparse filter', () => {
    const everyHundredth = Array.from({ length: 200 }, (_, i) => i * 100);
    // Row 10 of 8 columns shows frames 8,000…8,700 (sheets 80…87): one more sheet each side.
    expect([...sheetsAround(everyHundredth, 8, 10, 10, sprites, 1)].sort((a, b) => a - b)).toEqual([79, 80, 81, 82, 83, 84, 85, 86, 87, 88]);
  });
});

describe('frame selection', () => {
  it('extends from the current frame and keeps the anchor', () => {
    const first = extendSelection(null, 4, 5);
    const second = extendSelection(first, 5, 8);
    expect(selectedFrames(second)).toEqual([4, 5, 6, 7, 8]);
    expect(selectedFrames(extendSelection(second, 8, 2))).toEqual([2, 3, 4]);
  });
  it('toggles single frames with Ctrl and joins them to a Shift range', () => {
    const picked = toggleInSelection(toggleInSelection(null, 1, 3), 3, 9);
    expect(picked && selectedFrames(picked)).toEqual([1, 3, 9]);
    const untoggled = picked && toggleInSelection(picked, 9, 3);
    expect(untoggled && selectedFrames(untoggled)).toEqual([1, 9]);
    const ranged = extendSelection(untoggled, 9, 11);
    expect(selectedFrames(ranged)).toEqual([1, 9, 10, 11]);
    expect(isSelected(ranged, 10)).toBe(true);
    expect(isSelected(ranged, 5)).toBe(false);
    expect(toggleInSelection(toggleInSelection(null, 2, 2), 2, 2)).toBeNull();
  });
});

describe('questions of a frame', () => {
  it('asks fundus photographs every per-image question and Mayo frames their per-frame ones', () => {
    expect(frameQuestions(FUNDUS_GRADING_LABEL_SET).map((q) => q.id)).toEqual(['gradable', 'dr', 'dme', 'glaucoma', 'amd']);
    expect(frameQuestions(UC_ENDOSCOPY_LABEL_SET).map((q) => q.id)).toEqual(['mayo', 'site']);
  });
  it('moves to the next open question, wrapping, and says when none is left', () => {
    const questions = frameQuestions(FUNDUS_GRADING_LABEL_SET);
    const open = new Set(['gradable', 'dme', 'amd']);
    const isOpen = (q: { id: string }) => open.has(q.id);
    expect(nextOpenQuestion(questions, 0, isOpen)).toBe(2);
    expect(nextOpenQuestion(questions, 2, isOpen)).toBe(4);
    expect(nextOpenQuestion(questions, 4, isOpen)).toBe(0);
    expect(nextOpenQuestion(questions, 1, () => false)).toBeNull();
    expect(firstOpenQuestion(questions, isOpen)).toBe(0);
    expect(firstOpenQuestion(questions, () => false)).toBe(0);
  });
});

describe('frame keys', () => {
  const mayo = frameQuestions(UC_ENDOSCOPY_LABEL_SET)[0] ?? null;
  it('answers with class keys, moves with arrows, selects with Shift', () => {
    expect(frameActionForKey(press('2'), mayo)).toEqual({ type: 'label', classCode: mayo?.classes[2]?.code });
    expect(frameActionForKey(press('ArrowDown'), mayo)).toEqual({ type: 'step', by: 'row', delta: 1, extend: false });
    expect(frameActionForKey(press('ArrowLeft', { shiftKey: true }), mayo)).toEqual({ type: 'step', by: 'frame', delta: -1, extend: true });
    expect(frameActionForKey(press('z', { ctrlKey: true }), mayo)).toEqual({ type: 'undo' });
    expect(frameActionForKey(press('Z', { ctrlKey: true, shiftKey: true }), mayo)).toEqual({ type: 'redo' });
    expect(frameActionForKey(press('?'), mayo)).toEqual({ type: 'help' });
    expect(frameActionForKey(press('+'), mayo)).toEqual({ type: 'zoom', delta: 1 });
    expect(frameActionForKey(press('q'), mayo)).toEqual({ type: 'question', delta: 1 });
    expect(frameActionForKey(press('Q', { shiftKey: true }), mayo)).toEqual({ type: 'question', delta: -1 });
    expect(frameActionForKey(press('Tab'), mayo)).toBeNull();
    expect(frameActionForKey(press('w'), mayo)).toBeNull();
  });
  it('accepts (A) or rejects (X) a region proposal on the frame, every one shown with Shift; a class keyed A keeps its key', () => {
    expect(frameActionForKey(press('a'), mayo)).toEqual({ type: 'proposal', decision: 'accepted', all: false });
    expect(frameActionForKey(press('x'), null)).toEqual({ type: 'proposal', decision: 'rejected', all: false });
    expect(frameActionForKey(press('A', { shiftKey: true }), mayo)).toEqual({ type: 'proposal', decision: 'accepted', all: true });
    expect(frameActionForKey(press('X', { shiftKey: true }), null)).toEqual({ type: 'proposal', decision: 'rejected', all: true });
    const keyedA = mayo && { ...mayo, classes: mayo.classes.map((c, i) => (i === 0 ? { ...c, key: 'a' } : c)) };
    expect(frameActionForKey(press('a'), keyedA)).toEqual({ type: 'label', classCode: mayo?.classes[0]?.code });
  });
  it('clamps steps to the frames shown', () => {
    expect(steppedPosition(3, 'row', 1, 8, 100)).toBe(11);
    expect(steppedPosition(95, 'row', 1, 8, 100)).toBe(99);
    expect(steppedPosition(0, 'frame', -1, 8, 100)).toBe(0);
    expect(steppedPosition(0, 'frame', 1, 8, 0)).toBe(0);
  });
});
