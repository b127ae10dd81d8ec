/**
 * The CT viewer's reading keys (window presets, tools, cine, corner text, reformats) as a pure
 * mapping, consulted after the label set's class keys so a label set keeps every key it binds.
 */
import { maskToolForKey, type MaskToolId } from '../../core/masks/tools';
import { READING_TOOLS, type ReadingToolName } from '../../viewer/measure/readingTools';
import type { PresetName } from '../../viewer/windowing';

export type ViewerAction =
  | { readonly type: 'preset'; readonly name: PresetName }
  | { readonly type: 'tool'; readonly tool: ReadingToolName }
  | { readonly type: 'cine' }
  | { readonly type: 'cineSpeed'; readonly delta: 1 | -1 }
  | { readonly type: 'context' }
  | { readonly type: 'reformat' }
  /** A mask tool picked (where the label set has a mask question). */
  | { readonly type: 'maskTool'; readonly tool: MaskToolId }
  /** A key for the active mask tool: brush size, closing a contour. */
  | { readonly type: 'maskToolKey'; readonly key: string };

/** Window presets by key: mnemonic letters, `0` for the file's own window. */
export const PRESET_KEYS: ReadonlyArray<readonly [key: string, preset: PresetName]> = [
  ['0', 'default'],
  ['b', 'brain'],
  ['d', 'subdural'],
  ['k', 'stroke'],
  ['t', 'softTissue'],
  ['o', 'bone'],
];

export const CINE_KEY = 'c';
export const CONTEXT_KEY = 'i';
export const REFORMAT_KEY = 'm';
/** Cine faster / slower (both keys of each, as `+` needs Shift on many layouts). */
export const CINE_FASTER_KEYS = ['+', '='] as const;
export const CINE_SLOWER_KEYS = ['-', '_'] as const;
/** Passed to the active mask tool: `[` `]` shrink and grow the brush, Enter closes a contour. */
export const MASK_TOOL_KEYS = ['[', ']', 'Enter'] as const;

/** `key` exactly as the event gives it: Shift+B ("B") is not B's preset. */
export function viewerActionForKey(key: string): ViewerAction | null {
  const preset = PRESET_KEYS.find(([k]) => k === key);
  if (preset) return { type: 'preset', name: preset[1] };
  const tool = READING_TOOLS.find((t) => t.key === key);
  if (tool) return { type: 'tool', tool: tool.name };
  if (key === CINE_KEY) return { type: 'cine' };
  if ((CINE_FASTER_KEYS as readonly string[]).includes(key)) return { type: 'cineSpeed', delta: 1 };
  if ((CINE_SLOWER_KEYS as readonly string[]).includes(key)) return { type: 'cineSpeed', delta: -1 };
  if (key === CONTEXT_KEY) return { type: 'context' };
  if (key === REFORMAT_KEY) return { type: 'reformat' };
  const maskTool = maskToolForKey(key);
  if (maskTool) return { type: 'maskTool', tool: maskTool.id };
  if ((MASK_TOOL_KEYS as readonly string[]).includes(key)) return { type: 'maskToolKey', key };
  return null;
}
