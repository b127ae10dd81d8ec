import { describe, expect, it } from 'vitest';
import type { Point } from '../../annotation';
import { mulberry32 } from '../../random';
import { NO_MODIFIERS } from '../../tools/common';
import type { ToolEffect } from '../../tools/tool';
import { testEditor } from '../../testing/records';
import { huWithin, paintCapsule } from '../labelmap';
import { MASK_BRUSH_RADIUS, maskBrushTool, maskEraserTool, thresholdBrushTool, type MaskBrushState } from './brushMaskTool';
import type { MaskTool, MaskToolContext } from './maskTool';
import { apply, maskContext, SLICE, stored } from './testContext';

const ALT = { ...NO_MODIFIERS, alt: true };

/** Presses at the first point, drags through the rest, releases at the last; answers the effects of the release. */
function stroke(tool: MaskTool<MaskBrushState>, state: MaskBrushState, points: readonly Point[], ctx: MaskToolContext, modifiers = NO_MODIFIERS): { state: MaskBrushState; effects: readonly ToolEffect[] } {
  let s = tool.handle(state, { type: 'down', point: points[0]!, modifiers }, ctx).state;
  for (const point of points.slice(1, -1)) s = tool.handle(s, { type: 'move', point, modifiers, pressed: true }, ctx).state;
  return tool.handle(s, { type: 'up', point: points[points.length - 1]!, modifiers }, ctx);
}

describe('mask brush', () => {
  it('a stroke is one mask/set of the slice × class, stored as runs; nothing is sent before release', () => {
    const { editor } = testEditor();
    const ctx = maskContext(editor);
    let state = maskBrushTool.initial();
    const down = maskBrushTool.handle(state, { type: 'down', point: [10, 10], modifiers: NO_MODIFIERS }, ctx);
    expect(down.effects).toEqual([]);
    expect(maskBrushTool.preview(down.state, ctx)).toMatchObject({ brush: { center: [10, 10], radius: MASK_BRUSH_RADIUS.initial, mode: 'paint' } });
    state = maskBrushTool.handle(down.state, { type: 'move', point: [20, 10], modifiers: NO_MODIFIERS, pressed: true }, ctx).state;
    const up = maskBrushTool.handle(state, { type: 'up', point: [30, 10], modifiers: NO_MODIFIERS }, ctx);
    expect(up.effects).toHaveLength(1);
    expect(up.effects[0]).toMatchObject({ type: 'execute', command: { name: 'mask/set', params: { questionId: 'lesion', targetId: 'slice-1', classCode: 'lesion', width: 64, height: 64 } } });
    apply(editor, up.effects);
    const expected = new Uint8Array(64 * 64);
    paintCapsule(expected, SLICE, [10, 10], [20, 10], MASK_BRUSH_RADIUS.initial, 1);
    paintCapsule(expected, SLICE, [20, 10], [30, 10], MASK_BRUSH_RADIUS.initial, 1);
    expect(stored(editor)).toEqual(expected);
    expect(editor.store.size).toBe(1);
  });

  it('erases with Alt, and the eraser tool erases without it; erasing everything removes the record', () => {
    const { editor } = testEditor();
    const ctx = maskContext(editor);
    apply(editor, stroke(maskBrushTool, maskBrushTool.initial(), [[10, 10], [12, 10]], ctx).effects);
    const painted = stored(editor).reduce((n, v) => n + v, 0);
    apply(editor, stroke(maskBrushTool, maskBrushTool.initial(), [[10, 10], [10, 10]], ctx, ALT).effects);
    const left = stored(editor).reduce((n, v) => n + v, 0);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(painted);
    expect(maskEraserTool.preview(maskEraserTool.handle(maskEraserTool.initial(), { type: 'move', point: [1, 1], modifiers: NO_MODIFIERS, pressed: false }, ctx).state, ctx)).toMatchObject({ brush: { mode: 'erase' } });
    const big = { ...maskEraserTool.initial(), radius: 30 };
    apply(editor, stroke(maskEraserTool, big, [[10, 10], [12, 10]], ctx).effects);
    expect(editor.store.size).toBe(0);
  });

  it("the preview's touched rectangle holds every pixel the stroke changed so far", () => {
    const { editor } = testEditor();
    const ctx = maskContext(editor);
    apply(editor, stroke(maskBrushTool, maskBrushTool.initial(), [[40, 40], [50, 40]], ctx).effects);
    const before = stored(editor);
    let state = maskBrushTool.handle(maskBrushTool.initial(), { type: 'down', point: [10, 10], modifiers: NO_MODIFIERS }, ctx).state;
    for (const point of [[20, 12], [30, 30], [12, 40]] as const) {
      state = maskBrushTool.handle(state, { type: 'move', point, modifiers: NO_MODIFIERS, pressed: true }, ctx).state;
      const { labels, touched } = maskBrushTool.preview(state, ctx) ?? {};
      if (!labels || !touched) throw new Error('a stroke in progress previews its labels and where it touched them');
      let changed = 0;
      labels.forEach((value, i) => {
        if (value === before[i]) return;
        changed += 1;
        const [column, row] = [i % SLICE.width, Math.floor(i / SLICE.width)];
        expect(column >= touched.left && column <= touched.right && row >= touched.top && row <= touched.bottom).toBe(true);
      });
      expect(changed).toBeGreaterThan(0);
    }
  });

  it('[ and ] shrink and grow the tip within its limits; Escape drops a stroke; cancel clears the cursor', () => {
    const { editor } = testEditor();
    const ctx = maskContext(editor);
    let state = maskBrushTool.initial();
    state = maskBrushTool.handle(state, { type: 'key', key: ']', modifiers: NO_MODIFIERS }, ctx).state;
    expect(state.radius).toBeCloseTo(MASK_BRUSH_RADIUS.initial * MASK_BRUSH_RADIUS.factor);
    for (let i = 0; i < 40; i++) state = maskBrushTool.handle(state, { type: 'key', key: '[', modifiers: NO_MODIFIERS }, ctx).state;
    expect(state.radius).toBe(MASK_BRUSH_RADIUS.min);
    for (let i = 0; i < 40; i++) state = maskBrushTool.handle(state, { type: 'key', key: ']', modifiers: NO_MODIFIERS }, ctx).state;
    expect(state.radius).toBe(MASK_BRUSH_RADIUS.max);
    state = maskBrushTool.handle(state, { type: 'down', point: [5, 5], modifiers: NO_MODIFIERS }, ctx).state;
    state = maskBrushTool.handle(state, { type: 'key', key: 'Escape', modifiers: NO_MODIFIERS }, ctx).state;
    expect(maskBrushTool.handle(state, { type: 'up', point: [5, 5], modifiers: NO_MODIFIERS }, ctx).effects).toEqual([]);
    expect(maskBrushTool.preview(maskBrushTool.handle(state, { type: 'cancel' }, ctx).state, ctx)).toBeNull();
  });
});

describe('threshold brush', () => {
  it('paints only pixels whose HU lies in the range, erases regardless with Alt, and paints nothing before the HU is read', () => {
    const { editor } = testEditor();
    const hu = Array.from({ length: 64 * 64 }, (_, i) => (i % 64 < 12 ? 70 : 20));
    const ctx = maskContext(editor, { hu, huRange: [50, 90] });
    apply(editor, stroke(thresholdBrushTool, { ...thresholdBrushTool.initial(), radius: 6 }, [[10, 10], [14, 10]], ctx).effects);
    const labels = stored(editor);
    const accept = huWithin(hu, [50, 90]);
    expect(labels.some((v, i) => v === 1 && !accept(i))).toBe(false);
    expect(labels[10 * 64 + 11]).toBe(1);
    expect(labels[10 * 64 + 13]).toBe(0);
    apply(editor, stroke(thresholdBrushTool, { ...thresholdBrushTool.initial(), radius: 20 }, [[10, 10], [10, 10]], ctx, ALT).effects);
    expect(editor.store.size).toBe(0);
    const blind = maskContext(editor, { hu: null });
    apply(editor, stroke(thresholdBrushTool, thresholdBrushTool.initial(), [[10, 10], [14, 10]], blind).effects);
    expect(editor.store.size).toBe(0);
  });
});

describe('RLE editing against a naive Uint8 model', () => {
  it('random strokes of every brush, with undo and redo, leave exactly the pixels the model says', () => {
    const random = mulberry32(2026);
    const { editor } = testEditor();
    const hu = Array.from({ length: 64 * 64 }, () => Math.round(random() * 140));
    const ctx = maskContext(editor, { hu, huRange: [50, 90] });
    // The model's history: the labelmap after each applied stroke, and where undo stands.
    const history: Uint8Array[] = [new Uint8Array(64 * 64)];
    let at = 0;
    const tools = [maskBrushTool, maskEraserTool, thresholdBrushTool] as const;
    for (let step = 0; step < 60; step++) {
      const roll = random();
      if (roll < 0.15 && at > 0) {
        editor.undo();
        at -= 1;
      } else if (roll < 0.25 && at < history.length - 1) {
        editor.redo();
        at += 1;
      } else {
        const which = Math.floor(random() * 3);
        const tool = tools[which]!;
        const radius = 1 + random() * 8;
        const points: Point[] = Array.from({ length: 2 + Math.floor(random() * 4) }, () => [random() * 70 - 3, random() * 70 - 3] as const);
        const alt = random() < 0.2;
        const model = history[at]!.slice();
        const value = which === 1 || alt ? 0 : 1;
        const filter = which === 2 && value === 1 ? huWithin(hu, [50, 90]) : undefined;
        paintCapsule(model, SLICE, points[0]!, points[0]!, radius, value, filter);
        for (let k = 1; k < points.length; k++) paintCapsule(model, SLICE, points[k - 1]!, points[k]!, radius, value, filter);
        const before = editor.store.get('mask:lesion:slice-1:lesion');
        apply(editor, stroke(tool, { ...tool.initial(), radius }, points, ctx, alt ? ALT : NO_MODIFIERS).effects);
        // A stroke that changes nothing makes no undo step.
        if (editor.store.get('mask:lesion:slice-1:lesion') !== before) {
          history.splice(at + 1, history.length, model);
          at += 1;
        }
      }
      expect(stored(editor)).toEqual(history[at]);
    }
  });
});
