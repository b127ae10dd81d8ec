/**
 * Which proposals a reader is shown: pending ones (nobody has decided yet) whose score reaches the
 * confidence threshold chosen for their question. The confidence slider moves the threshold; the
 * proposals below it are hidden, not deleted, and "accept all" never takes them.
 */
import type { AnnotationRecord, DocumentView, TargetLabel } from './annotation';
import type { Box } from './bounds';
import { labelAt } from './targetLabels';

/** Per question id, the lowest score shown; a question not named shows every pending proposal. */
export type ConfidenceThresholds = Readonly<Record<string, number>>;

/** A model's proposal nobody has decided on yet. */
export function isPendingProposal(record: AnnotationRecord): boolean {
  return record.provenance.origin.kind === 'model' && record.provenance.decision === 'pending';
}

/** The model's score for a proposal (0 when the model gave none, so it is shown only at threshold 0). */
export function proposalScore(record: AnnotationRecord): number {
  const { origin } = record.provenance;
  return origin.kind === 'model' ? (origin.score ?? 0) : 0;
}

/** Whether `record` is a pending proposal shown at these thresholds. */
export function isShownProposal(record: AnnotationRecord, thresholds: ConfidenceThresholds): boolean {
  return isPendingProposal(record) && proposalScore(record) >= (thresholds[record.questionId] ?? 0);
}

/**
 * The shown label proposals answering `questionId` on these targets (a series' slices), in order.
 * O(targets): one indexed look-up each.
 */
export function shownLabelProposals(doc: DocumentView, questionId: string, targetIds: readonly string[], thresholds: ConfidenceThresholds): TargetLabel[] {
  return targetIds.flatMap((targetId) => {
    const label = labelAt(doc, questionId, targetId);
    return label && isShownProposal(label, thresholds) ? [label] : [];
  });
}

/** The shown outline proposals on `targetId` within `box` (a slide's view). O(records in the box). */
export function shownShapeProposals(doc: DocumentView & Required<Pick<DocumentView, 'recordsIn'>>, targetId: string, box: Box, thresholds: ConfidenceThresholds): AnnotationRecord[] {
  return doc.recordsIn(targetId, box).filter((record) => record.type === 'shape' && isShownProposal(record, thresholds));
}

/** The shown outline proposals on `targetId` (a frame), highest score first. O(records on the target). */
export function shownProposalsOn(doc: DocumentView, targetId: string, thresholds: ConfidenceThresholds): AnnotationRecord[] {
  return doc
    .recordsAt(targetId)
    .filter((record) => record.type === 'shape' && isShownProposal(record, thresholds))
    .sort((a, b) => proposalScore(b) - proposalScore(a));
}
