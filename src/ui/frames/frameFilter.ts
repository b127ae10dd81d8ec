/**
 * Which frames the grid shows: all, those the current question has no settled answer for yet,
 * those answered with one class, or those where a model's proposal waits for a decision (the
 * current question's answer, or a box of the region question).
 */
import type { DocumentView } from '../../core/annotation';
import { isPendingProposal } from '../../core/proposalFilter';
import { isSettled, labelAt } from '../../core/targetLabels';

export type FrameFilter =
  | { readonly kind: 'all' }
  | { readonly kind: 'untagged' }
  | { readonly kind: 'pending' }
  | { readonly kind: 'class'; readonly code: string };

/**
 * Whether frame `targetId` passes `filter` for the current question (none: only "pending" filters,
 * by the frame's boxes). O(records on the frame): the label and the boxes come from the
 * document's per-target index, never a walk over the document.
 */
export function framePasses(filter: FrameFilter, doc: DocumentView, questionId: string | undefined, targetId: string): boolean {
  const label = questionId === undefined ? undefined : labelAt(doc, questionId, targetId);
  const settled = label !== undefined && isSettled(label) && label.classCodes.length > 0;
  switch (filter.kind) {
    case 'all':
      return true;
    case 'untagged':
      return questionId === undefined || !settled;
    case 'pending':
      return label?.provenance.decision === 'pending' || hasPendingBox(doc, targetId);
    case 'class':
      return questionId === undefined || (settled && label.classCodes.includes(filter.code));
  }
}

/**
 * Whether a model's region proposal on the frame waits for a decision, whatever the confidence
 * slider hides: "pending" counts what is left to decide, as the label proposals' filter does.
 */
function hasPendingBox(doc: DocumentView, targetId: string): boolean {
  return doc.recordsAt(targetId).some((record) => record.type === 'shape' && isPendingProposal(record));
}

/** The frame to move to after answering at grid position `position`: the next one shown, else the last. */
export function frameAfter(shown: readonly number[], position: number): number | null {
  return shown[Math.min(position + 1, shown.length - 1)] ?? null;
}
