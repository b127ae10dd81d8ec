import type { FrameSetItem } from '../../core/item';
import type { QuestionTarget } from '../../core/labelSet';

/** How a frame set is shown: the grid of frames, or the player with its timeline (videos). */
export type FrameSetMode = 'grid' | 'player';

/** The player first for a video with a question about runs of frames, else the grid. */
export function firstFrameSetMode(frameSet: Pick<FrameSetItem, 'source'>, questionTargets: readonly QuestionTarget[]): FrameSetMode {
  return frameSet.source === 'video' && questionTargets.includes('frameRange') ? 'player' : 'grid';
}
