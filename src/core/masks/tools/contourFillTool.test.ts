import { describe, expect, it } from 'vitest';
import { NO_MODIFIERS } from '../../tools/common';
import { testEditor } from '../../testing/records';
import { contourFillTool, type ContourFillState } from './contourFillTool';
import { apply, maskContext, stored } from './testContext';

const sum = (labels: Uint8Array) => labels.reduce((n, v) => n + v, 0);

function click(state: ContourFillState, point: readonly [number, number], ctx: ReturnType<typeof maskContext>, modifiers = NO_MODIFIERS) {
  const down = contourFillTool.handle(state, { type: 'down', point, modifiers }, ctx);
  const up = contourFillTool.handle(down.state, { type: 'up', point, modifiers }, ctx);
  return { state: up.state, effects: [...down.effects, ...up.effects] };
}

describe('contour fill', () => {
  it('clicked vertices closed on the first vertex fill the polygon: one mask/set', () => {
    const { editor } = testEditor();
    const ctx = maskContext(editor);
    let state = contourFillTool.initial();
    for (const p of [[10, 10], [30, 10], [30, 20]] as const) {
      const next = click(state, p, ctx);
      expect(next.effects).toEqual([]);
      state = next.state;
    }
    expect(contourFillTool.preview(state, ctx)?.contour).toHaveLength(4);
    state = contourFillTool.handle(state, { type: 'move', point: [10, 20], modifiers: NO_MODIFIERS, pressed: false }, ctx).state;
    state = click(state, [10, 20], ctx).state;
    const closed = click(state, [11, 11], ctx);
    expect(closed.effects).toHaveLength(1);
    apply(editor, closed.effects);
    expect(sum(stored(editor))).toBe(20 * 10);
    expect(contourFillTool.preview(closed.state, ctx)).toBeNull();
  });

  it('a drag draws freehand and fills on release; Alt cuts the contour out', () => {
    const { editor } = testEditor();
    const ctx = maskContext(editor);
    const drag = (points: readonly (readonly [number, number])[], modifiers = NO_MODIFIERS) => {
      let state = contourFillTool.handle(contourFillTool.initial(), { type: 'down', point: points[0]!, modifiers }, ctx).state;
      for (const point of points.slice(1, -1)) state = contourFillTool.handle(state, { type: 'move', point, modifiers, pressed: true }, ctx).state;
      return contourFillTool.handle(state, { type: 'up', point: points[points.length - 1]!, modifiers }, ctx).effects;
    };
    apply(editor, drag([[10, 10], [40, 10], [40, 40], [10, 40]]));
    expect(sum(stored(editor))).toBe(900);
    apply(editor, drag([[20, 20], [30, 20], [30, 30], [20, 30]], { ...NO_MODIFIERS, alt: true }));
    expect(sum(stored(editor))).toBe(800);
    editor.undo();
    expect(sum(stored(editor))).toBe(900);
  });

  it('Enter and double-click close, Backspace drops the last vertex, Escape and fewer than three vertices fill nothing', () => {
    const { editor } = testEditor();
    const ctx = maskContext(editor);
    let state = contourFillTool.initial();
    for (const p of [[10, 10], [30, 10], [50, 50], [30, 20]] as const) state = click(state, p, ctx).state;
    state = contourFillTool.handle(state, { type: 'key', key: 'Backspace', modifiers: NO_MODIFIERS }, ctx).state;
    expect(state.points).toHaveLength(3);
    const enter = contourFillTool.handle(state, { type: 'key', key: 'Enter', modifiers: NO_MODIFIERS }, ctx);
    expect(enter.effects).toHaveLength(1);
    state = click(click(contourFillTool.initial(), [1, 1], ctx).state, [5, 1], ctx).state;
    expect(contourFillTool.handle(state, { type: 'doubleClick', point: [5, 1], modifiers: NO_MODIFIERS }, ctx).effects).toEqual([]);
    state = click(click(click(contourFillTool.initial(), [1, 1], ctx).state, [9, 1], ctx).state, [9, 9], ctx).state;
    expect(contourFillTool.handle(state, { type: 'doubleClick', point: [9, 9], modifiers: NO_MODIFIERS }, ctx).effects).toHaveLength(1);
    expect(contourFillTool.handle(state, { type: 'key', key: 'Escape', modifiers: NO_MODIFIERS }, ctx).state.points).toEqual([]);
  });
});
