import type { LabelClass, Question } from '../../core/labelSet';
import { isShownProposal, proposalScore, type ConfidenceThresholds } from '../../core/proposalFilter';
import type { RecordStore } from '../../core/recordStore';
import { isSettled } from '../../core/targetLabels';
import { classesOf } from './labelColors';

/** A slice's shown proposal: what the model proposes, with its score (drawn hollow and dashed). */
export interface ProposedCell {
  readonly id: string;
  readonly classes: readonly LabelClass[];
  readonly score: number;
}

export interface SliceCell {
  /** A person's answer (their own, or a proposal they accepted or edited). */
  readonly settled: readonly LabelClass[];
  /** A pending proposal at or above the confidence slider; null otherwise. */
  readonly proposed: ProposedCell | null;
}

/**
 * Per target (in order), its settled answer to `question` and its shown proposal. A proposal below
 * the slider is in neither: hidden, not gone. O(targets), one indexed look-up each.
 */
export function sliceCells(document: RecordStore | null, targetIds: readonly string[], question: Question, thresholds: ConfidenceThresholds): SliceCell[] {
  const byCode = new Map(question.classes.map((c) => [c.code, c]));
  return targetIds.map((targetId) => {
    const label = document?.labelAt(question.id, targetId);
    if (!label) return { settled: [], proposed: null };
    if (isSettled(label)) return { settled: classesOf(label.classCodes, byCode), proposed: null };
    if (!isShownProposal(label, thresholds)) return { settled: [], proposed: null };
    return { settled: [], proposed: { id: label.id, classes: classesOf(label.classCodes, byCode), score: proposalScore(label) } };
  });
}
