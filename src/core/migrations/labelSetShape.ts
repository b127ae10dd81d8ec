/**
 * Label sets written before questions existed had one implicit question: `target`, `choice`,
 * `classes` and `itemAnswer` at the top level. This upgrades such a body to the current shape; a
 * current body passes through unchanged. Stored sets are upgraded once by a database migration,
 * and everything that reads a set from outside (a file, an old cache) goes through here too.
 */
import type { LabelSet, QuestionTarget } from '../labelSet';

/** Question ids given to the built-in sets' single question; any other legacy set gets `main`. */
const LEGACY_QUESTION_IDS: Readonly<Record<string, string>> = { 'sah-slice': 'sah', 'ich-subtype': 'ich' };

export function legacyQuestionId(labelSetId: string): string {
  return LEGACY_QUESTION_IDS[labelSetId] ?? 'main';
}

interface LegacyLabelSet {
  readonly id: string;
  readonly version: number;
  readonly name: LabelSet['name'];
  readonly target: QuestionTarget;
  readonly choice: 'single' | 'multi';
  readonly classes: LabelSet['questions'][number]['classes'];
  readonly itemAnswer?: LabelSet['questions'][number]['itemAnswer'];
}

function isLegacy(x: unknown): x is LegacyLabelSet {
  return typeof x === 'object' && x !== null && !('questions' in x) && 'classes' in x;
}

/** The current shape of a label set body (unknown input is returned as is, for the validator to judge). */
export function upgradeLabelSetShape(x: unknown): unknown {
  if (!isLegacy(x)) return x;
  const upgraded: LabelSet = {
    id: x.id,
    version: x.version,
    name: x.name,
    questions: [
      {
        id: legacyQuestionId(x.id),
        name: x.name,
        target: x.target,
        // An outline or mask carries one class: a legacy region set's `multi` meant nothing, and
        // today's validator requires region questions to be single choice.
        kind: x.choice === 'multi' && x.target !== 'region' ? 'multiple' : 'single',
        classes: x.classes,
        required: true,
        ...(x.itemAnswer ? { itemAnswer: x.itemAnswer } : {}),
      },
    ],
  };
  return upgraded;
}
