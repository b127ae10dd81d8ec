/**
 * How a record looks: its class's colour from the label set, dashed while it is a model's
 * proposal nobody has decided on, not drawn at all once rejected (kept for the acceptance rate,
 * hidden everywhere).
 */
import type { AnnotationRecord } from '../../../core/annotation';
import type { Question } from '../../../core/labelSet';

/** The colour of outlines whose class the label set does not know (an older version's class). */
export const UNKNOWN_CLASS_COLOR = '#9e9e9e';

export type OutlineLook = 'hidden' | 'solid' | 'proposal';

export function lookOf(record: AnnotationRecord): OutlineLook {
  const decision = record.provenance.decision;
  if (decision === 'rejected') return 'hidden';
  return record.provenance.origin.kind === 'model' && decision === 'pending' ? 'proposal' : 'solid';
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
