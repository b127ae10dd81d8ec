import { describe, expect, it } from 'vitest';
import { NO_MODIFIERS } from '../../tools/common';
import { testEditor } from '../../testing/records';
import { floodFillTool } from './floodFillTool';
import { apply, maskContext, stored } from './testContext';

describe('flood fill', () => {
  // A 10×10 clot of 60 HU at (20…29, 20…29) in 30 HU brain.
  const hu = Array.from({ length: 64 * 64 }, (_, i) => (i % 64 >= 20 && i % 64 < 30 && i >= 20 * 64 && i < 30 * 64 ? 60 : 30));

  it('a click in range fills the connected region as one mask/set; Alt clears it; a click out of range does nothing', () => {
    const { editor } = testEditor();
    const ctx = maskContext(editor, { hu, huRange: [50, 90] });
    const click = (point: readonly [number, number], modifiers = NO_MODIFIERS) => floodFillTool.handle(floodFillTool.initial(), { type: 'down', point, modifiers }, ctx).effects;
    const effects = click([25, 25]);
    expect(effects).toHaveLength(1);
    apply(editor, effects);
    expect(stored(editor).reduce((n, v) => n + v, 0)).toBe(100);
    expect(click([5, 5])).toEqual([]);
    apply(editor, click([22, 22], { ...NO_MODIFIERS, alt: true }));
    expect(editor.store.size).toBe(0);
  });

  it('does nothing before the slice HU values are read', () => {
    const { editor } = testEditor();
    expect(floodFillTool.handle(floodFillTool.initial(), { type: 'down', point: [25, 25], modifiers: NO_MODIFIERS }, maskContext(editor)).effects).toEqual([]);
  });
});
