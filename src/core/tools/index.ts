import { brushTool } from './brushTool';
import { keepState } from './common';
import { clickOutlineTool } from './clickOutlineTool';
import { ellipseTool } from './ellipseTool';
import { freehandTool } from './freehandTool';
import { pointTool } from './pointTool';
import { polygonTool } from './polygonTool';
import { rectangleTool } from './rectangleTool';
import { selectTool } from './selectTool';
import type { Tool, ToolContext, ToolEffect, ToolId, ToolInput, ToolPreview } from './tool';

export { createToolContext, type ToolContextOptions } from './context';
export type { Tool, ToolContext, ToolEffect, ToolId, ToolInput, ToolPreview } from './tool';

/** A tool at work: its state kept inside, so a workspace holds one object per active tool. */
export interface ActiveTool {
  readonly id: ToolId;
  handle(input: ToolInput, ctx: ToolContext): readonly ToolEffect[];
  preview(ctx: ToolContext): ToolPreview | null;
}

export interface ToolEntry {
  readonly id: ToolId;
  /** The key that picks the tool (the viewer's rotation uses keys of its own). */
  readonly key: string;
  /** The i18n message of its toolbar name (`tool.polygon` …); English and Japanese live in src/i18n. */
  readonly messageKey: `tool.${ToolId}`;
  /** A fresh run of the tool from its initial state. */
  activate(): ActiveTool;
}

function entry<S>(tool: Tool<S>, key: string): ToolEntry {
  return { id: tool.id, key, messageKey: `tool.${tool.id}`, activate: () => ({ id: tool.id, ...keepState(tool) }) };
}

/** Every drawing and editing tool, in toolbar order; the registry is a plain array. */
export const TOOLS: readonly ToolEntry[] = [
  entry(selectTool, 'v'),
  entry(polygonTool, 'p'),
  entry(freehandTool, 'f'),
  entry(rectangleTool, 'r'),
  entry(ellipseTool, 'e'),
  entry(pointTool, 't'),
  entry(brushTool, 'b'),
  entry(clickOutlineTool, 'w'),
];

export function findTool(id: ToolId): ToolEntry {
  const found = TOOLS.find((t) => t.id === id);
  if (!found) throw new Error(`no tool ${JSON.stringify(id)}`);
  return found;
}

/** The tool a key picks, if any. */
export function toolForKey(key: string): ToolEntry | undefined {
  return TOOLS.find((t) => t.key === key);
}
