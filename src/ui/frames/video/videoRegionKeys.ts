/**
 * Who hears a key in the player once the frame has a region layer. Tagging mode (no region tool):
 * every key is the player's, but B and P enter region mode unless the range question binds them.
 * Region mode: the region layer hears a key first (tools, region classes, Enter, Backspace,
 * Delete, Esc) — so a key that the region question and the range question both bind picks the
 * region class — except the transport keys, which stay the player's so a person can step to the
 * next frame and mark a range while drawing. Space is a transport key but waits: a frame being
 * drawn on does not play away (see `holdsStill`). A and X decide the frame's region proposals as
 * the grid's keys do (frameDecisions.ts), unless a range class takes the key.
 */
import type { Question } from '../../../core/labelSet';
import type { ToolId } from '../../../core/tools';
import { regionToolForKey } from '../regions/frameRegionTools';
import { playerAction, type PlayerKey } from './playerKeys';

const TRANSPORT: ReadonlySet<string> = new Set(['step', 'togglePlay', 'markIn', 'markOut']);

/** Whether the player keeps `press` in region mode (stepping, Space, `[` `]`). */
export function playerKeepsInRegionMode(press: PlayerKey): boolean {
  // No question: class keys are never transport, so none is needed to tell them apart.
  const action = playerAction(press, null, 1);
  return action !== null && TRANSPORT.has(action.type);
}

/** The region tool a plain key picks in the player's tagging mode (B box, P polygon), unless a range class answers to it. */
export function regionToolForPlayerKey(press: PlayerKey, rangeQuestion: Question | null): ToolId | undefined {
  if (press.ctrlKey || press.metaKey || press.altKey || press.shiftKey) return undefined;
  const lower = press.key.toLowerCase();
  if (rangeQuestion?.classes.some((c) => c.key?.toLowerCase() === lower)) return undefined;
  return regionToolForKey(lower);
}

export interface ProposalKey {
  readonly decision: 'accepted' | 'rejected';
  /** Shift: every proposal shown on the frame. */
  readonly all: boolean;
}

/** A accepts, X rejects (the selected proposal, else the frame's best), unless a range class answers to the key: its tag wins, as a class key wins over the grid's proposal keys. */
export function proposalKeyInPlayer(press: PlayerKey, rangeQuestion: Question | null): ProposalKey | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  const lower = press.key.toLowerCase();
  if (lower !== 'a' && lower !== 'x') return null;
  if (rangeQuestion?.classes.some((c) => c.key?.toLowerCase() === lower)) return null;
  return { decision: lower === 'a' ? 'accepted' : 'rejected', all: press.shiftKey };
}
