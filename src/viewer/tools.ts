import {
  addTool,
  Enums as ToolEnums,
  PanTool,
  StackScrollTool,
  ToolGroupManager,
  WindowLevelTool,
  ZoomTool,
} from '@cornerstonejs/tools';

/**
 * The viewer's tools and their mouse bindings, in one place. Tools only change the display
 * (window, zoom, pan, slice); annotations never live in Cornerstone.
 */
const { MouseBindings, KeyboardBindings } = ToolEnums;

const VIEWER_TOOLS = [WindowLevelTool, PanTool, ZoomTool, StackScrollTool] as const;

const BINDINGS: ReadonlyArray<{
  readonly toolName: string;
  readonly bindings: Array<{ mouseButton: number; modifierKey?: number }>;
}> = [
  { toolName: WindowLevelTool.toolName, bindings: [{ mouseButton: MouseBindings.Primary }] },
  {
    toolName: PanTool.toolName,
    bindings: [
      { mouseButton: MouseBindings.Auxiliary },
      { mouseButton: MouseBindings.Primary, modifierKey: KeyboardBindings.Ctrl },
    ],
  },
  { toolName: ZoomTool.toolName, bindings: [{ mouseButton: MouseBindings.Secondary }] },
  { toolName: StackScrollTool.toolName, bindings: [{ mouseButton: MouseBindings.Wheel }] },
];

/** Adds the tool classes to Cornerstone's registry (idempotent). */
export function registerViewerTools(): void {
  for (const Tool of VIEWER_TOOLS) addTool(Tool);
}

/** Creates the tool group of one viewport; the returned function destroys it. */
export function attachViewerTools(
  toolGroupId: string,
  viewportId: string,
  renderingEngineId: string,
): () => void {
  const group = ToolGroupManager.createToolGroup(toolGroupId);
  if (!group) throw new Error(`Tool group ${toolGroupId} already exists`);
  for (const { toolName, bindings } of BINDINGS) {
    group.addTool(toolName);
    group.setToolActive(toolName, { bindings });
  }
  group.addViewport(viewportId, renderingEngineId);
  return () => ToolGroupManager.destroyToolGroup(toolGroupId);
}
