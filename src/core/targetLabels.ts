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

/** Whether a record is settled work: a person's, or a proposal a person accepted or edited. */
export function isSettled(record: AnnotationRecord): boolean {
  const { origin, decision } = record.provenance;
  return origin.kind === 'human' || decision === 'accepted' || decision === 'edited';
}

/** Whether a record makes its target count as labelled in progress: a settled, non-empty label. */
export function countsAsLabelled(record: AnnotationRecord): record is TargetLabel {
  return record.type === 'label' && record.classCodes.length > 0 && isSettled(record);
}
