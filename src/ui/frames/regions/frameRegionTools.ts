/**
 * The region tools of a frame: the slide viewer's own state machines (core/tools) under keys that
 * leave the grid's alone — B box, P polygon, V select — and what Esc means in region mode.
 */
import { findTool, type ToolEntry, type ToolId } from '../../../core/tools';
import type { ToolPreview } from '../../../core/tools/tool';

function keyed(id: ToolId, key: string): ToolEntry {
  return { ...findTool(id), key };
}

/** Box (CVAT's and Label Studio's B… for "bounding box"), polygon, select; every other slide tool is left out (frames get boxes and polygons). */
export const FRAME_REGION_TOOLS: readonly ToolEntry[] = [keyed('rectangle', 'b'), keyed('polygon', 'p'), keyed('select', 'v')];

/**
 * The drawing tool a plain key picks in tagging mode, if any: B or P enter region mode. V selects
 * only once in it (the region session hears it first), so in tagging mode V stays the player's key.
 */
export function regionToolForKey(key: string): ToolId | undefined {
  const lower = key.toLowerCase();
  return FRAME_REGION_TOOLS.find((tool) => tool.key === lower && tool.id !== 'select')?.id;
}

/**
 * Whether Esc in region mode goes back to tagging: only once nothing is under way. Before that it
 * is the tool's (drops a polygon being drawn or a box being dragged, clears the selection).
 */
export function escapeLeavesRegionMode(preview: ToolPreview | null, selection: ReadonlySet<string>): boolean {
  return selection.size === 0 && !preview?.geometry && !preview?.box;
}

/** The message naming a mode: a region tool's, or tagging for anything else (no tool). */
export function regionModeName(tool: string) {
  switch (tool) {
    case 'rectangle':
    case 'polygon':
    case 'select':
      return `frames.regions.tool.${tool}` as const;
    default:
      return 'frames.regions.tool.pan' as const;
  }
}
