/**
 * Ids of records that must be the same on every device, so two devices answering the same
 * question for the same target write the same record (and meet as a conflict, not a duplicate).
 */

/** The label record of one question on one target (or the first target of a range). */
export function targetLabelId(questionId: string, targetId: string): string {
  return `label:${questionId}:${targetId}`;
}

/** The labelmap of one class of a region question on one target. */
export function maskId(questionId: string, targetId: string, classCode: string): string {
  return `mask:${questionId}:${targetId}:${classCode}`;
}
