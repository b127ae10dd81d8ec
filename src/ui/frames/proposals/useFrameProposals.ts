/**
 * Model proposals on a frame set, the grid page's side of them: the runs it offers, the region
 * proposals shown on the current frame at the confidence sliders, and A / X deciding on the
 * selected one (none selected: the frame's highest-scoring one), with Shift on every one shown on
 * the frame. The panel is the CT and slide pages' ProposalPanel; edits to a proposal go through
 * the region tools, which keep its model origin.
 */
import { useCallback, useMemo, useState } from 'react';
import type { FrameSetItem } from '../../../core/item';
import { shownProposalsOn, type ConfidenceThresholds } from '../../../core/proposalFilter';
import { appServices, appStore, useAppStore, type OpenItem } from '../../../store';
import type { RunChoice } from '../../proposals/ProposalPanel';
import type { FrameRegionSession } from '../regions/frameRegionSession';
import { proposalsToDecide, selectedAmong } from './frameDecisions';
import { frameRunChoices } from './frameRunChoices';

const NO_THRESHOLDS: ConfidenceThresholds = {};
const NO_IDS: readonly string[] = [];

export interface FrameProposals {
  readonly choices: readonly RunChoice[];
  readonly thresholds: ConfidenceThresholds;
  /** The proposals shown on the current frame, highest score first. */
  readonly shownIds: readonly string[];
  /** Why the last decision could not be taken, when it could not. */
  readonly refusal: string | null;
  decide(decision: 'accepted' | 'rejected', all: boolean): void;
  /** Region mode keeps A and X for the page while the selection holds a shown proposal (X may be a region class's key). */
  keepsKey(event: KeyboardEvent): boolean;
}

export function useFrameProposals({
  open,
  frameSet,
  current,
  selected,
  session,
}: {
  readonly open: OpenItem;
  readonly frameSet: FrameSetItem;
  readonly current: number;
  /** The grid's selected frames, ascending. */
  readonly selected: readonly number[];
  readonly session: FrameRegionSession | null;
}): FrameProposals {
  const { itemId, document, changes } = open;
  const targetId = open.targetIds[current];
  const thresholds = useAppStore((state) => (state.proposals?.itemId === itemId ? state.proposals.thresholds : NO_THRESHOLDS));
  const [refusal, setRefusal] = useState<string | null>(null);
  const loadFrame = useCallback((frameTarget: string) => appServices().api.loadFrame(itemId, frameTarget), [itemId]);
  const choices = useMemo(() => frameRunChoices(frameSet, { current, selected, count: frameSet.frames.length }, loadFrame), [frameSet, current, selected, loadFrame]);
  const shownIds = useMemo(
    () => (document && targetId !== undefined ? shownProposalsOn(document, targetId, thresholds).map((record) => record.id) : NO_IDS),
    // `document` changes in place; `changes` says when.
    [document, changes, targetId, thresholds],
  );

  const decide = (decision: 'accepted' | 'rejected', all: boolean) => {
    const ids = proposalsToDecide(shownIds, session?.snapshot().selection ?? null, all);
    const outcome = appStore().getState().decideProposals(ids, decision);
    setRefusal(outcome.kind === 'refused' ? outcome.reason : null);
  };

  const keepsKey = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return false;
    const lower = event.key.toLowerCase();
    return (lower === 'a' || lower === 'x') && selectedAmong(shownIds, session?.snapshot().selection ?? null).length > 0;
  };

  return { choices, thresholds, shownIds, refusal, decide, keepsKey };
}
