import { describe, expect, it } from 'vitest';
import { GASTRIC_BIOPSY_LABEL_SET } from '../labelSets/builtin';
import { NO_MODIFIERS } from './common';
import { findTool, toolForKey, TOOLS } from './index';
import { ToolHarness } from '../testing/toolHarness';
import { selectTool } from './selectTool';

describe('the tool registry', () => {
  it('lists every tool once with its key and toolbar message', () => {
    expect(TOOLS.map((t) => [t.id, t.key, t.messageKey])).toEqual([
      ['select', 'v', 'tool.select'],
      ['polygon', 'p', 'tool.polygon'],
      ['freehand', 'f', 'tool.freehand'],
      ['rectangle', 'r', 'tool.rectangle'],
      ['ellipse', 'e', 'tool.ellipse'],
      ['point', 't', 'tool.point'],
      ['brush', 'b', 'tool.brush'],
      ['clickOutline', 'w', 'tool.clickOutline'],
    ]);
    expect(toolForKey('e')?.id).toBe('ellipse');
    expect(toolForKey('x')).toBeUndefined();
    expect(findTool('brush').key).toBe('b');
  });

  it('tool keys collide with no class key of the gastric-biopsy set', () => {
    const classKeys = GASTRIC_BIOPSY_LABEL_SET.questions.flatMap((q) => q.classes.map((c) => c.key));
    for (const tool of TOOLS) expect(classKeys).not.toContain(tool.key);
  });

  it('an activated tool keeps its own state between inputs, and each activation starts afresh', () => {
    const { context } = new ToolHarness(selectTool);
    const polygon = findTool('polygon').activate();
    for (const point of [[10, 10], [50, 10], [50, 50]] as const) polygon.handle({ type: 'down', point, modifiers: NO_MODIFIERS }, context);
    expect(polygon.preview(context)?.handles).toHaveLength(3);
    const effects = polygon.handle({ type: 'key', key: 'Enter', modifiers: NO_MODIFIERS }, context);
    expect(effects.map((e) => e.type === 'execute' && e.command.name)).toEqual(['shape/add']);
    expect(polygon.preview(context)).toBeNull();
    const again = findTool('polygon').activate();
    polygon.handle({ type: 'down', point: [1, 1], modifiers: NO_MODIFIERS }, context);
    expect(again.preview(context)).toBeNull();
  });
});
