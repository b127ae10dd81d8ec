import type { AnnotationRecord, DocumentView, TargetLabel } from './annotation';
import { isLive } from './annotation';

/**
 * The live label answering `questionId` on `targetId`, whatever its id (a person's, or a model's
 * proposal). O(1) on a `RecordStore`; O(records on that target) on a view without `labelAt`.
 */
export function labelAt(doc: DocumentView, questionId: string, targetId: string): TargetLabel | undefined {
  if (doc.labelAt) return doc.labelAt(questionId, targetId);
  for (const record of doc.recordsAt(targetId)) {
    if (record.type === 'label' && record.questionId === questionId && isLive(record)) return record;
  }
  return undefined;
}

/**
 * Whether any of these targets carries a label record of `questionId`, decided or not: a person's
 * answer, or a model's proposal even when rejected (the reader has seen the model's answer there).
 * O(records on those targets).
 */
export function hasLabelRecords(doc: DocumentView, questionId: string, targetIds: readonly string[]): boolean {
  return targetIds.some((targetId) => doc.recordsAt(targetId).some((record) => record.type === 'label' && record.questionId === questionId));
}

/** Whether a record is settled work: a person's, or a proposal a person accepted or edited. */
export function isSettled(record: AnnotationRecord): boolean {
  const { origin, decision } = record.provenance;
  return origin.kind === 'human' || decision === 'accepted' || decision === 'edited';
}

/** Whether a record makes its target count as labelled in progress: a settled, non-empty label. */
export function countsAsLabelled(record: AnnotationRecord): record is TargetLabel {
  return record.type === 'label' && record.classCodes.length > 0 && isSettled(record);
}
