import type { DifferingUnit } from '../agreement';
import type { LabelSet } from '../labelSet';

/**
 * How a WG lead settles one differing unit: take one reader's answer there (`pick`, the reader's
 * id), or give their own classes (`edit`, label questions only: a region is settled by picking a
 * reader's drawing).
 */
export type ConsensusDecision = { readonly pick: string } | { readonly edit: { readonly classCodes: readonly string[] } };

/** The current decision on one unit of an item; `version` counts the decisions taken on it (1, 2, …). */
export interface DecidedUnit {
  readonly questionId: string;
  readonly targetKey: string;
  readonly decision: ConsensusDecision;
  readonly version: number;
  readonly decidedBy: string;
  /** ISO-8601 UTC. */
  readonly decidedAt: string;
}

/** One key per (question, unit), for maps. */
export function unitKeyOf(unit: { readonly questionId: string; readonly targetKey: string }): string {
  return `${unit.questionId}\u0000${unit.targetKey}`;
}

export function isPick(decision: ConsensusDecision): decision is { readonly pick: string } {
  return 'pick' in decision;
}

/** Why `decision` cannot settle `unit` (an English sentence), or null when it can. */
export function decisionProblem(labelSet: LabelSet, unit: DifferingUnit, decision: ConsensusDecision): string | null {
  if (isPick(decision)) {
    return unit.answers.some((answer) => answer.readerId === decision.pick) ? null : `${decision.pick} is not one of the readers who handed in this item`;
  }
  const question = labelSet.questions.find((q) => q.id === unit.questionId);
  if (!question) return `the label set has no question ${unit.questionId}`;
  if (question.target === 'region') return 'a region is settled by picking one reader’s drawing; editing a region is not supported';
  const { classCodes } = decision.edit;
  const unknown = classCodes.find((code) => !question.classes.some((c) => c.code === code));
  if (unknown !== undefined) return `${unknown} is not a class of question ${question.id}`;
  if (new Set(classCodes).size !== classCodes.length) return 'each class may be given once';
  if (question.kind === 'multiple') return classCodes.length === 0 ? 'choose at least one class' : null;
  return classCodes.length === 1 ? null : `question ${question.id} takes exactly one class`;
}
