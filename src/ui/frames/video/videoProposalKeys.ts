/**
 * A and X in the player decide the frame's region proposals as the grid's keys do (frameDecisions.ts:
 * the selected one, else the frame's best; Shift every one shown on the frame), unless the range
 * question binds the key to a class: its tag wins, as a class key wins over the grid's proposal keys.
 */
import type { Question } from '../../../core/labelSet';
import type { PlayerKey } from './playerKeys';

export interface ProposalKey {
  readonly decision: 'accepted' | 'rejected';
  /** Shift: every proposal shown on the frame. */
  readonly all: boolean;
}

export function proposalKeyInPlayer(press: PlayerKey, rangeQuestion: Question | null): ProposalKey | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  const lower = press.key.toLowerCase();
  if (lower !== 'a' && lower !== 'x') return null;
  if (rangeQuestion?.classes.some((c) => c.key?.toLowerCase() === lower)) return null;
  return { decision: lower === 'a' ? 'accepted' : 'rejected', all: press.shiftKey };
}
