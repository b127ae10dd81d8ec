import type { AnnotationDocument, TargetLabel } from './annotation';
import type { LabelSet } from './labelSet';
import { labelsByTarget } from './targetLabels';

export interface ItemAnswer {
  /** The item-level class by the label set's rule; null without a rule or before any ranked label. */
  readonly classCode: string | null;
  /** Every target carries a label, so the answer is final. */
  readonly complete: boolean;
  readonly labelled: number;
  readonly total: number;
}

/**
 * Derives the item's answer from its target labels, e.g. a series is "SAH present" if any slice
 * is. With only some targets labelled, the best class so far is still reported (not complete).
 */
export function deriveItemAnswer(labelSet: LabelSet, doc: AnnotationDocument | null, targetIds: readonly string[]): ItemAnswer {
  const targets = new Set(targetIds);
  const labels = doc ? labelsByTarget(doc) : new Map<string, TargetLabel>();
  const present = new Set<string>();
  let labelled = 0;
  for (const targetId of targets) {
    const label = labels.get(targetId);
    if (!label || label.classCodes.length === 0) continue;
    labelled += 1;
    for (const code of label.classCodes) present.add(code);
  }
  const priority = labelSet.itemAnswer?.priority ?? [];
  const classCode = priority.find((code) => present.has(code)) ?? null;
  return { classCode, complete: targets.size > 0 && labelled === targets.size, labelled, total: targets.size };
}
