import type { AnnotationRecord } from '../../core/annotation';
import type { LabelClass, Question } from '../../core/labelSet';

/** The classes named by `codes`, in that order, skipping codes the question does not know. */
export function classesOf(codes: readonly string[], byCode: ReadonlyMap<string, LabelClass>): LabelClass[] {
  return codes.flatMap((code) => {
    const labelClass = byCode.get(code);
    return labelClass ? [labelClass] : [];
  });
}

/** CSS background of a cell carrying these classes: one colour, or equal stripes for several. */
export function cellBackground(classes: readonly LabelClass[]): string | undefined {
  if (classes.length === 0) return undefined;
  if (classes.length === 1) return classes[0]?.color;
  const step = 100 / classes.length;
  const stops = classes.map((c, i) => `${c.color} ${i * step}% ${(i + 1) * step}%`);
  return `linear-gradient(to right, ${stops.join(', ')})`;
}

/**
 * The class codes one version of a conflicting record carries: a label's answer to `question`, or
 * an outline's class (a region question's); none for a deleted record or anything else.
 */
export function versionCodes(record: AnnotationRecord | null, question: Question): readonly string[] {
  if (record?.type === 'label') return record.questionId === question.id ? record.classCodes : [];
  if (record?.type === 'shape') return [record.classCode];
  return [];
}
