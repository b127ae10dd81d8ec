import { describe, expect, it } from 'vitest';
import type { ModelPrompt } from '../models/modelInput';
import { ToolHarness } from '../testing/toolHarness';
import { clickOutlineTool } from './clickOutlineTool';
import { NO_MODIFIERS } from './common';

const positive = (x: number, y: number): ModelPrompt => ({ kind: 'point', point: [x, y], positive: true });
const negative = (x: number, y: number): ModelPrompt => ({ kind: 'point', point: [x, y], positive: false });

/** Each prompt effect as [its prompts, refine]. */
const asked = (h: ToolHarness<unknown>) => h.prompts.map((p) => [p.prompts, p.refine]);

describe('the click-to-outline tool', () => {
  it('a click asks for a new outline from one positive point, for the image, question and class in use', () => {
    const h = new ToolHarness(clickOutlineTool, { classCode: 'lesion.adenoma' });
    h.click([120.5, 80.25]);
    expect(h.prompts).toEqual([{ type: 'prompt', prompts: [positive(120.5, 80.25)], targetId: 'slide-1', questionId: 'lesion', classCode: 'lesion.adenoma', refine: false }]);
    expect(h.preview).toEqual({ prompts: [positive(120.5, 80.25)] });
    expect(h.commands).toEqual([]);
  });

  it('Shift+click adds a positive point and Alt+click a negative one to the outline, asking again with every prompt so far', () => {
    const h = new ToolHarness(clickOutlineTool);
    h.click([100, 100]);
    h.click([140, 100], { shift: true });
    h.click([200, 100], { alt: true });
    expect(asked(h)).toEqual([
      [[positive(100, 100)], false],
      [[positive(100, 100), positive(140, 100)], true],
      [[positive(100, 100), positive(140, 100), negative(200, 100)], true],
    ]);
    h.click([300, 300]);
    expect(asked(h).at(-1)).toEqual([[positive(300, 300)], false]);
  });

  it('Alt+click with no outline asked for does nothing; Shift+click then starts one', () => {
    const h = new ToolHarness(clickOutlineTool);
    h.click([100, 100], { alt: true });
    expect(h.prompts).toEqual([]);
    expect(h.preview).toBeNull();
    h.click([100, 100], { shift: true });
    expect(asked(h)).toEqual([[[positive(100, 100)], false]]);
  });

  it('a drag asks for a new outline within its box, previewed as a rubber box once it is a drag', () => {
    const h = new ToolHarness(clickOutlineTool);
    h.click([10, 10]);
    h.down([300, 200]);
    h.move([302, 201], {}, true);
    expect(h.preview).toEqual({ prompts: [positive(10, 10)] });
    h.move([100, 50], {}, true);
    expect(h.preview).toEqual({ prompts: [positive(10, 10)], box: { minX: 100, minY: 50, maxX: 300, maxY: 200 } });
    h.up([100, 50]);
    const box: ModelPrompt = { kind: 'box', topLeft: [100, 50], bottomRight: [300, 200] };
    h.click([150, 120], { shift: true });
    expect(asked(h).slice(1)).toEqual([
      [[box], false],
      [[box, positive(150, 120)], true],
    ]);
  });

  it('tells a click from a drag in screen px: a few screen px is still a click when zoomed out', () => {
    const h = new ToolHarness(clickOutlineTool, { imagePxPerScreenPx: 10 });
    h.drag([[1000, 1000], [1020, 1000]]);
    h.drag([[2000, 2000], [2040, 2030]]);
    expect(asked(h)).toEqual([
      [[positive(1000, 1000)], false],
      [[{ kind: 'box', topLeft: [2000, 2000], bottomRight: [2040, 2030] }], false],
    ]);
  });

  it('Enter or Escape ends the outline: its preview goes, nothing is asked, and the next click starts afresh', () => {
    for (const key of ['Enter', 'Escape']) {
      const h = new ToolHarness(clickOutlineTool);
      h.click([100, 100]);
      expect(h.key(key)).toEqual([]);
      expect(h.preview).toBeNull();
      h.click([120, 100], { alt: true });
      h.click([120, 100], { shift: true });
      expect(asked(h)).toEqual([
        [[positive(100, 100)], false],
        [[positive(120, 100)], false],
      ]);
    }
  });

  it('cancel drops the outline and a drag in progress', () => {
    const h = new ToolHarness(clickOutlineTool);
    h.click([100, 100]);
    h.down([200, 200]);
    h.move([260, 260], {}, true);
    h.send({ type: 'cancel' });
    expect(h.preview).toBeNull();
    h.up([260, 260]);
    h.click([110, 100], { alt: true });
    expect(h.prompts).toHaveLength(1);
  });

  it('keeps prompts inside the image: a click beyond it lies in its last pixel, a box is clamped, a flat one asks nothing', () => {
    const h = new ToolHarness(clickOutlineTool, { imageSize: { width: 500, height: 400 } });
    h.click([650, -20.123]);
    h.drag([[-50, 300], [700, 450]]);
    h.drag([[-50, 300], [-80, 100]]);
    expect(asked(h)).toEqual([
      [[positive(499.99, 0)], false],
      [[{ kind: 'box', topLeft: [0, 300], bottomRight: [500, 400] }], false],
    ]);
  });

  it('a double-click asks for one outline, not two', () => {
    const h = new ToolHarness(clickOutlineTool);
    h.doubleClick([100, 100]);
    expect(asked(h)).toEqual([[[positive(100, 100)], false]]);
  });

  it('an outline belongs to its image: on another one Shift+click starts anew and Alt+click does nothing', () => {
    const h = new ToolHarness(clickOutlineTool);
    h.click([100, 100]);
    const elsewhere = { ...h.context, targetId: 'slide-2' };
    const clickThere = (modifiers: typeof NO_MODIFIERS) => {
      const down = clickOutlineTool.handle(h.state, { type: 'down', point: [120, 100], modifiers }, elsewhere);
      const up = clickOutlineTool.handle(down.state, { type: 'up', point: [120, 100], modifiers }, elsewhere);
      h.state = up.state;
      return up.effects;
    };
    expect(clickThere({ ...NO_MODIFIERS, alt: true })).toEqual([]);
    expect(clickOutlineTool.preview(h.state, elsewhere)).toBeNull();
    expect(clickThere({ ...NO_MODIFIERS, shift: true })).toEqual([{ type: 'prompt', prompts: [positive(120, 100)], targetId: 'slide-2', questionId: 'lesion', classCode: 'lesion.carcinoma', refine: false }]);
  });
});
