/**
 * A label set is the versioned schema of one annotation task: a list of questions, each asked of
 * one kind of target (a slice, a frame, a slide, a region…), with its classes and how they may be
 * combined. An endoscopy frame can carry a Mayo subscore and an anatomical site; a slide a Group
 * 1–5 diagnosis and lesion outlines.
 */

/**
 * What one answer of a question is attached to. `series`, `slide` and `image` answer for the
 * whole item (or image); `slice` and `frame` for one of its images; `frameRange` for a run of
 * consecutive frames or slices (one record); `region` for an outline or mask drawn on an image.
 */
export type QuestionTarget = 'series' | 'slice' | 'frame' | 'frameRange' | 'image' | 'slide' | 'region';

/**
 * `single`: exactly one class per answer; `multiple`: any non-empty set of classes; `grade`: one
 * class of an ordered scale (classes in ascending order, e.g. Mayo 0–3 or DR 0–4).
 */
export type AnswerKind = 'single' | 'multiple' | 'grade';

/** A coded concept, e.g. SNOMED CT or RadLex, where a standard code exists. */
export interface Coding {
  readonly scheme: string;
  readonly code: string;
  readonly meaning: string;
}

export interface LocalizedText {
  readonly en: string;
  readonly ja: string;
}

export interface LabelClass {
  /** Stable machine code inside the question, e.g. `sah.present`. */
  readonly code: string;
  readonly name: LocalizedText;
  /** CSS colour, `#rrggbb`. */
  readonly color: string;
  /** One key that applies this class (`1`, `a`…); unique inside the question. */
  readonly key?: string;
  readonly coding?: Coding;
}

/**
 * How an item-level answer is derived from per-target answers: the first class of `priority`
 * that any target carries wins (e.g. present > uncertain > absent).
 */
export interface ItemAnswerRule {
  readonly kind: 'priority';
  readonly priority: readonly string[];
}

export interface Question {
  /** Stable id inside the set, part of every answer record's id (e.g. `sah`). */
  readonly id: string;
  readonly name: LocalizedText;
  readonly target: QuestionTarget;
  readonly kind: AnswerKind;
  readonly classes: readonly LabelClass[];
  /** An item is complete only when every target of a required question is answered. */
  readonly required: boolean;
  readonly itemAnswer?: ItemAnswerRule;
}

export interface LabelSet {
  readonly id: string;
  readonly version: number;
  readonly name: LocalizedText;
  /** At least one; the first is the one the keyboard answers by default. */
  readonly questions: readonly Question[];
}

/** The question with this id, or undefined. */
export function findQuestion(labelSet: LabelSet, questionId: string): Question | undefined {
  return labelSet.questions.find((q) => q.id === questionId);
}

/** Questions answered by a label record (everything but regions, which are shapes and masks). */
export function isLabelQuestion(question: Question): boolean {
  return question.target !== 'region';
}
