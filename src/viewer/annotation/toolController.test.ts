import { describe, expect, it } from 'vitest';
import type { Point } from '../../core/annotation';
import type { Modifiers, Tool, ToolCommand, ToolContext } from '../../core/tools/tool';
import type { ToolEntry } from '../../core/tools';
import { ToolController, type PromptEffect, type ToolControllerOptions } from './toolController';

/** A registry entry of a test tool, as the core registry makes them: each run keeps its own state. */
function entryOf<S>(tool: Tool<S>, key: string): ToolEntry {
  return {
    id: tool.id,
    key,
    messageKey: `tool.${tool.id}`,
    activate() {
      let state = tool.initial();
      return {
        id: tool.id,
        handle(input, ctx) {
          const step = tool.handle(state, input, ctx);
          state = step.state;
          return step.effects;
        },
        preview: (ctx) => tool.preview(state, ctx),
      };
    },
  };
}

const NONE: Modifiers = { shift: false, alt: false, ctrl: false };

/** A test tool: each click adds a vertex; Enter adds a polyline of them and hands over to select; Escape drops them. */
const clicks: Tool<readonly Point[]> = {
  id: 'polygon',
  initial: () => [],
  handle(state, input, ctx) {
    if (input.type === 'down') return { state: [...state, input.point], effects: [] };
    if (input.type === 'cancel' || (input.type === 'key' && input.key === 'Escape')) return { state: [], effects: [] };
    if (input.type === 'key' && input.key === 'Enter' && state.length >= 2) {
      const command: ToolCommand = { name: 'shape/add', params: { targetId: ctx.targetId, classCode: ctx.classCode, geometry: { type: 'polyline', points: state } } };
      return { state: [], effects: [{ type: 'execute', command }, { type: 'select', ids: ['new-1'] }, { type: 'switchTool', tool: 'select' }] };
    }
    return { state, effects: [] };
  },
  preview: (state) => (state.length > 0 ? { geometry: { type: 'polyline', points: state } } : null),
};

/**
 * A test select tool: a click selects 'hit' when it is near the origin, else clears; Delete removes
 * the selection; a double-click answers a notice (as a vertex drag that would cross does).
 */
const select: Tool<null> = {
  id: 'select',
  initial: () => null,
  handle(state, input, ctx) {
    if (input.type === 'down') return { state, effects: [{ type: 'select', ids: Math.hypot(...input.point) < 5 ? ['hit'] : [] }] };
    if (input.type === 'doubleClick') return { state, effects: [{ type: 'notice', notice: 'outlineWouldCross' }] };
    if (input.type === 'key' && input.key === 'Delete') {
      return { state, effects: [...ctx.selection].map((id) => ({ type: 'execute' as const, command: { name: 'shape/remove' as const, params: { id } } })) };
    }
    return { state, effects: [] };
  },
  preview: () => null,
};

/** A test click-to-outline tool: each click asks for an outline there. */
const prompter: Tool<null> = {
  id: 'clickOutline',
  initial: () => null,
  handle(state, input, ctx) {
    if (input.type !== 'down') return { state, effects: [] };
    return { state, effects: [{ type: 'prompt', prompts: [{ kind: 'point', point: input.point, positive: true }], targetId: ctx.targetId, questionId: ctx.questionId, classCode: ctx.classCode, refine: false }] };
  },
  preview: () => null,
};

function setUp(overrides: Partial<ToolControllerOptions> = {}) {
  const ran: (readonly ToolCommand[])[] = [];
  let changes = 0;
  let refuse: string | null = null;
  const contexts: { selection: string[]; classCode: string }[] = [];
  const controller = new ToolController({
    tools: [entryOf(select, 'v'), entryOf(clicks, 'p'), entryOf(prompter, 'w')],
    classes: [
      { code: 'lesion.carcinoma', key: 'c' },
      { code: 'lesion.adenoma', key: 'a' },
    ],
    context(selection, classCode): ToolContext {
      contexts.push({ selection: [...selection], classCode });
      return {
        targetId: 'slide-1',
        questionId: 'lesion',
        classCode,
        imagePxPerScreenPx: 1,
        imageSize: { width: 1000, height: 1000 },
        selection,
        classForKey: () => undefined,
        shape: () => undefined,
        shapeAt: () => null,
        shapesIn: () => [],
      };
    },
    run(commands) {
      ran.push(commands);
      return refuse;
    },
    notice: (notice) => `notice: ${notice}`,
    onChange: () => (changes += 1),
    editable: () => true,
    ...overrides,
  });
  return { controller, ran, contexts, changes: () => changes, refuseWith: (reason: string | null) => (refuse = reason) };
}

const down = (x: number, y: number) => ({ type: 'down' as const, point: [x, y] as const, modifiers: NONE });

describe('ToolController', () => {
  it('starts panning (no tool) with the first class; H goes back to panning', () => {
    const { controller, ran } = setUp();
    expect(controller.toolId).toBe('pan');
    expect(controller.classCode).toBe('lesion.carcinoma');
    controller.input(down(1, 1));
    expect(controller.key('Delete', NONE)).toBe(false);
    expect(controller.preview()).toBeNull();
    controller.key('v', NONE);
    expect(controller.toolId).toBe('select');
    controller.key('h', NONE);
    expect(controller.toolId).toBe('pan');
    expect(ran).toEqual([]);
  });

  it('runs a tool from its key to its command: the command, the new selection, the hand-over', () => {
    const { controller, ran, changes } = setUp();
    expect(controller.key('p', NONE)).toBe(true);
    expect(controller.key('a', NONE)).toBe(true);
    controller.input(down(10, 10));
    controller.input(down(50, 10));
    expect(controller.preview()).toEqual({ geometry: { type: 'polyline', points: [[10, 10], [50, 10]] } });
    expect(controller.key('Enter', NONE)).toBe(true);
    expect(ran).toEqual([[{ name: 'shape/add', params: { targetId: 'slide-1', classCode: 'lesion.adenoma', geometry: { type: 'polyline', points: [[10, 10], [50, 10]] } } }]]);
    expect([...controller.selection]).toEqual(['new-1']);
    expect(controller.toolId).toBe('select');
    expect(changes()).toBeGreaterThan(3);
  });

  it('cancels a drawing in progress when the tool changes, so nothing half-drawn survives', () => {
    const { controller, ran } = setUp();
    controller.setTool('polygon');
    controller.input(down(1, 1));
    controller.input(down(2, 2));
    controller.setTool('select');
    controller.setTool('polygon');
    expect(controller.preview()).toBeNull();
    controller.key('Enter', NONE);
    expect(ran).toEqual([]);
  });

  it('hands editing keys to the tool and leaves other keys and Ctrl combinations to the page', () => {
    const { controller, ran } = setUp();
    controller.setTool('select');
    controller.input(down(1, 1));
    expect(controller.key('Delete', NONE)).toBe(true);
    expect(ran).toEqual([[{ name: 'shape/remove', params: { id: 'hit' } }]]);
    expect(controller.key('z', NONE)).toBe(false);
    expect(controller.key('p', { ...NONE, ctrl: true })).toBe(false);
    // Shift+R rotates the slide and Shift+F goes full screen: not the rectangle or freehand tool.
    expect(controller.key('R', { ...NONE, shift: true })).toBe(false);
    expect(controller.key('F', { ...NONE, shift: true })).toBe(false);
    expect(controller.toolId).toBe('select');
  });

  it('gives the selection a class key’s class, as one command, when the command set can', () => {
    const { controller, ran } = setUp({ classChange: (ids, classCode) => ({ name: 'shape/update', params: { id: `${ids.join(',')}:${classCode}`, geometry: { type: 'point', point: [0, 0] } } }) });
    controller.key('a', NONE);
    expect(ran).toEqual([]);
    controller.setTool('select');
    controller.input(down(0, 0));
    controller.key('c', NONE);
    expect(ran).toHaveLength(1);
    expect(ran[0]?.[0]?.params).toMatchObject({ id: 'hit:lesion.carcinoma' });
    expect(controller.classCode).toBe('lesion.carcinoma');
  });

  it('offers only panning and selecting while the item cannot be edited', () => {
    const { controller } = setUp({ editable: () => false });
    controller.key('p', NONE);
    expect(controller.toolId).toBe('pan');
    controller.key('v', NONE);
    expect(controller.toolId).toBe('select');
  });

  it('keeps the reason of a refused command for the user', () => {
    const { controller, refuseWith } = setUp();
    refuseWith('shape/remove: no record "hit"');
    controller.setTool('select');
    controller.input(down(0, 0));
    controller.key('Delete', NONE);
    expect(controller.lastRefusal).toBe('shape/remove: no record "hit"');
  });

  it('shows a tool notice where a refusal is, until the next command runs', () => {
    const { controller } = setUp();
    controller.setTool('select');
    controller.input({ type: 'doubleClick', point: [0, 0], modifiers: NONE });
    expect(controller.lastRefusal).toBe('notice: outlineWouldCross');
    controller.input(down(0, 0));
    controller.key('Delete', NONE);
    expect(controller.lastRefusal).toBeNull();
  });

  it('drops selected ids a diff removes or rejects, and keeps the rest', () => {
    const { controller } = setUp();
    controller.setTool('select');
    controller.input(down(0, 0));
    expect([...controller.selection]).toEqual(['hit']);
    controller.pruneSelection({ other: [null, null] });
    expect([...controller.selection]).toEqual(['hit']);
    controller.pruneSelection({ hit: [null, null] });
    expect([...controller.selection]).toEqual([]);
  });

  it('gives the tools the selection and class of the moment', () => {
    const { controller, contexts } = setUp();
    controller.setTool('select');
    controller.input(down(0, 0));
    controller.key('a', NONE);
    controller.input(down(100, 100));
    expect(contexts.at(-1)).toEqual({ selection: ['hit'], classCode: 'lesion.adenoma' });
  });

  it('hands a click-prompt to the page, and selects the outline it gave or tells why there is none', () => {
    const asked: PromptEffect[] = [];
    const { controller } = setUp({ prompt: (effect) => asked.push(effect) });
    controller.key('w', NONE);
    controller.input(down(40, 50));
    expect(asked).toEqual([{ type: 'prompt', prompts: [{ kind: 'point', point: [40, 50], positive: true }], targetId: 'slide-1', questionId: 'lesion', classCode: 'lesion.carcinoma', refine: false }]);
    controller.tell('Nothing to outline there');
    expect(controller.lastRefusal).toBe('Nothing to outline there');
    controller.select(['outlined-1']);
    expect([...controller.selection]).toEqual(['outlined-1']);
    expect(controller.lastRefusal).toBeNull();
  });
});
