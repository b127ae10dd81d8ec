/**
 * A label set is the versioned schema of one annotation task: which classes exist, what they
 * apply to, and how a whole item's answer is derived from its parts.
 */

/** What a label of this set is attached to. */
export type LabelTarget = 'slice' | 'frame' | 'image' | 'region';

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
  /** Stable machine code inside the set, e.g. `sah.present`. */
  readonly code: string;
  readonly name: LocalizedText;
  /** CSS colour, `#rrggbb`. */
  readonly color: string;
  /** One key that applies this class (`1`, `a`…); unique inside the set. */
  readonly key?: string;
  readonly coding?: Coding;
}

/**
 * How an item-level answer is derived from target labels: the first class of `priority` that
 * any target carries wins (e.g. present > uncertain > absent).
 */
export interface ItemAnswerRule {
  readonly kind: 'priority';
  readonly priority: readonly string[];
}

export interface LabelSet {
  readonly id: string;
  readonly version: number;
  readonly name: LocalizedText;
  readonly target: LabelTarget;
  readonly choice: 'single' | 'multi';
  readonly classes: readonly LabelClass[];
  readonly itemAnswer?: ItemAnswerRule;
}
