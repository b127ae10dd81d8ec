import { Enums as CoreEnums, type Types } from '@cornerstonejs/core';
import {
  addTool,
  Enums as ToolEnums,
  init as initTools,
  PanTool,
  StackScrollTool,
  state as toolsState,
  store as toolsStore,
  ToolGroupManager,
  WindowLevelTool,
  ZoomTool,
} from '@cornerstonejs/tools';

/**
 * The viewer's tools and their mouse bindings, in one place. Tools only change the display
 * (window, zoom, pan, slice); annotations never live in Cornerstone. This module is imported
 * only through `lazyTools.ts`, so @cornerstonejs/tools stays out of the first-slice chunk.
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

/** Both calls are idempotent, so every viewer may call this. */
function initViewerTools(): void {
  initTools();
  for (const Tool of VIEWER_TOOLS) addTool(Tool);
}

/**
 * Tools hook an element's mouse and wheel events when core announces ELEMENT_ENABLED. Ours was
 * enabled before this module loaded, so the announcement is replayed for it; elements enabled
 * after tools' init were already hooked and must not be hooked twice.
 */
function hookEnabledElement(detail: Types.EventTypes.ElementEnabledEventDetail): void {
  if (toolsState.enabledElements.includes(detail.element)) return;
  toolsStore.addEnabledElement(new CustomEvent(CoreEnums.Events.ELEMENT_ENABLED, { detail }));
}

/** Creates the tool group of one enabled viewport; the returned function destroys it. */
export function attachViewerTools(toolGroupId: string, viewport: Types.IViewport): () => void {
  initViewerTools();
  hookEnabledElement({
    element: viewport.element,
    viewportId: viewport.id,
    renderingEngineId: viewport.renderingEngineId,
  });
  const group = ToolGroupManager.createToolGroup(toolGroupId);
  if (!group) throw new Error(`Tool group ${toolGroupId} already exists`);
  for (const { toolName, bindings } of BINDINGS) {
    group.addTool(toolName);
    group.setToolActive(toolName, { bindings });
  }
  group.addViewport(viewport.id, viewport.renderingEngineId);
  return () => ToolGroupManager.destroyToolGroup(toolGroupId);
}
