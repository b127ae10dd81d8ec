import { keepState } from '../../tools/common';
import type { ToolEffect, ToolInput } from '../../tools/tool';
import { maskBrushTool, maskEraserTool, thresholdBrushTool } from './brushMaskTool';
import { contourFillTool } from './contourFillTool';
import { floodFillTool } from './floodFillTool';
import type { MaskTool, MaskToolContext, MaskToolId, MaskToolPreview } from './maskTool';

export type { MaskToolContext, MaskToolId, MaskToolPreview } from './maskTool';

/** A mask tool at work, its state kept inside (one object per active tool, as src/core/tools does). */
export interface ActiveMaskTool {
  readonly id: MaskToolId;
  handle(input: ToolInput, ctx: MaskToolContext): readonly ToolEffect[];
  preview(ctx: MaskToolContext): MaskToolPreview | null;
}

export interface MaskToolEntry {
  readonly id: MaskToolId;
  /**
   * The key that picks it on the CT viewer. Clear of the reading keys (w l n e r, presets 0 b d k
   * t o, c i m + -), the label keys 1–9, A/X for proposals and `[` `]` (brush size).
   */
  readonly key: string;
  /** Its i18n message (`maskTool.maskBrush` …). */
  readonly messageKey: `maskTool.${MaskToolId}`;
  activate(): ActiveMaskTool;
}

function entry<S>(tool: MaskTool<S>, key: string): MaskToolEntry {
  return { id: tool.id, key, messageKey: `maskTool.${tool.id}`, activate: () => ({ id: tool.id, ...keepState(tool) }) };
}

/** The mask tools in toolbar order; the registry is a plain array. */
export const MASK_TOOLS: readonly MaskToolEntry[] = [
  entry(maskBrushTool, 'g'),
  entry(maskEraserTool, 'u'),
  entry(thresholdBrushTool, 'h'),
  entry(contourFillTool, 'j'),
  entry(floodFillTool, 'q'),
];

/** The mask tool a key picks, if any. */
export function maskToolForKey(key: string): MaskToolEntry | undefined {
  return MASK_TOOLS.find((t) => t.key === key);
}

export function findMaskTool(id: MaskToolId): MaskToolEntry {
  const found = MASK_TOOLS.find((t) => t.id === id);
  if (!found) throw new Error(`no mask tool ${JSON.stringify(id)}`);
  return found;
}
