/**
 * How a record looks: its class's colour from the label set, dashed while it is a model's
 * proposal nobody has decided on, not drawn at all once rejected (kept for the acceptance rate,
 * hidden everywhere) or while its score is below the confidence its question is shown at.
 */
import type { AnnotationRecord } from '../../core/annotation';
import type { Question } from '../../core/labelSet';
import { isPendingProposal, isShownProposal, type ConfidenceThresholds } from '../../core/proposalFilter';

/** The colour of outlines whose class the label set does not know (an older version's class). */
export const UNKNOWN_CLASS_COLOR = '#9e9e9e';

export type OutlineLook = 'hidden' | 'solid' | 'proposal';

const EVERY_SCORE: ConfidenceThresholds = {};

/** Without thresholds every pending proposal is drawn (the outline cache keeps them all, so moving a slider rebuilds nothing). */
export function lookOf(record: AnnotationRecord, thresholds: ConfidenceThresholds = EVERY_SCORE): OutlineLook {
  if (record.provenance.decision === 'rejected') return 'hidden';
  if (!isPendingProposal(record)) return 'solid';
  return isShownProposal(record, thresholds) ? 'proposal' : 'hidden';
}

/**
 * Class codes of the region question with their colours, by index: index `codes.length` is the
 * slot of any class the question does not name.
 */
export class ClassPalette {
  readonly codes: readonly string[];
  readonly colors: readonly string[];
  private readonly indexOf = new Map<string, number>();

  constructor(question: Pick<Question, 'classes'> | null) {
    const classes = question?.classes ?? [];
    this.codes = classes.map((c) => c.code);
    this.colors = [...classes.map((c) => c.color), UNKNOWN_CLASS_COLOR];
    this.codes.forEach((code, i) => this.indexOf.set(code, i));
  }

  /** Slots, the unknown one included. */
  get size(): number {
    return this.colors.length;
  }

  index(code: string): number {
    return this.indexOf.get(code) ?? this.codes.length;
  }

  color(code: string): string {
    return this.colors[this.index(code)] as string;
  }
}

/** `#rrggbb` → [r, g, b]; anything else → grey. */
export function rgbOf(color: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!match) return [158, 158, 158];
  return [parseInt(match[1] as string, 16), parseInt(match[2] as string, 16), parseInt(match[3] as string, 16)];
}
