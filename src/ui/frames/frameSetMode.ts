import type { FrameSetItem } from '../../core/item';
import type { QuestionTarget } from '../../core/labelSet';

/** How a frame set is shown: the grid of frames, or the player with its timeline (videos). */
export type FrameSetMode = 'grid' | 'player';

/** The player first for a video with a question about runs of frames, else the grid. */
export function firstFrameSetMode(frameSet: Pick<FrameSetItem, 'source'>, questionTargets: readonly QuestionTarget[]): FrameSetMode {
  return frameSet.source === 'video' && questionTargets.includes('frameRange') ? 'player' : 'grid';
}

/** The key that shows each mode (no modifier): G the grid, V the player. */
export const MODE_KEYS: Readonly<Record<FrameSetMode, string>> = { grid: 'g', player: 'v' };

/**
 * The mode a key press switches to from `mode`, or null: G or V with no modifier, unless a class
 * of the label set is answered by that key (its answer wins: the workspace's keys see it first).
 */
export function modeForKey(
  press: { readonly key: string; readonly ctrlKey: boolean; readonly metaKey: boolean; readonly altKey: boolean },
  mode: FrameSetMode,
  classKeys: readonly string[],
): FrameSetMode | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  const key = press.key.toLowerCase();
  if (classKeys.some((classKey) => classKey.toLowerCase() === key)) return null;
  const wanted = (Object.keys(MODE_KEYS) as FrameSetMode[]).find((m) => MODE_KEYS[m] === key);
  return wanted && wanted !== mode ? wanted : null;
}
