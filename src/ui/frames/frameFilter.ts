/**
 * Which frames the grid shows: all, those the current question has no settled answer for yet,
 * those answered with one class, or those where a model's proposal waits for a decision.
 */
import type { TargetLabel } from '../../core/annotation';
import { isSettled } from '../../core/targetLabels';

export type FrameFilter =
  | { readonly kind: 'all' }
  | { readonly kind: 'untagged' }
  | { readonly kind: 'pending' }
  | { readonly kind: 'class'; readonly code: string };

/** Whether a frame whose answer to the current question is `label` passes `filter`. */
export function passes(filter: FrameFilter, label: TargetLabel | undefined): boolean {
  const settled = label !== undefined && isSettled(label) && label.classCodes.length > 0;
  switch (filter.kind) {
    case 'all':
      return true;
    case 'untagged':
      return !settled;
    case 'pending':
      return label?.provenance.decision === 'pending';
    case 'class':
      return settled && label.classCodes.includes(filter.code);
  }
}

/** The frame to move to after answering at grid position `position`: the next one shown, else the last. */
export function frameAfter(shown: readonly number[], position: number): number | null {
  return shown[Math.min(position + 1, shown.length - 1)] ?? null;
}
