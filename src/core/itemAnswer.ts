import type { DocumentView } from './annotation';
import type { Question } from './labelSet';
import { isSettled, labelAt } from './targetLabels';

export interface ItemAnswer {
  /** The item-level class by the question's rule; null without a rule or before any ranked label. */
  readonly classCode: string | null;
  /** Every target carries an answer, so the item's answer is final. */
  readonly complete: boolean;
  readonly labelled: number;
  readonly total: number;
}

/**
 * Derives the item's answer to a per-target question, e.g. a series is "SAH present" if any slice
 * is. With only some targets answered, the best class so far is still reported (not complete).
 */
export function deriveItemAnswer(question: Question, doc: DocumentView | null, targetIds: readonly string[]): ItemAnswer {
  const targets = new Set(targetIds);
  const present = new Set<string>();
  let labelled = 0;
  for (const targetId of targets) {
    const label = doc ? labelAt(doc, question.id, targetId) : undefined;
    // A proposal nobody has looked at does not decide the item's answer.
    if (!label || label.classCodes.length === 0 || !isSettled(label)) continue;
    labelled += 1;
    for (const code of label.classCodes) present.add(code);
  }
  const priority = question.itemAnswer?.priority ?? [];
  const classCode = priority.find((code) => present.has(code)) ?? null;
  return { classCode, complete: targets.size > 0 && labelled === targets.size, labelled, total: targets.size };
}
