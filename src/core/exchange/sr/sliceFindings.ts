/**
 * The per-slice findings an SR reports: every slice a slice question's label (one slice, or a
 * range of slices) gives a class with a standard code. A class without one (SAH absent,
 * uncertain) names no finding other software could read, so it is not reported.
 */
import type { TargetLabel } from '../../annotation';
import type { SeriesItem } from '../../item';
import type { Coding, LabelClass, Question } from '../../labelSet';
import { spanOf, targetOrder } from '../../recordStore';

export interface SliceFinding {
  /** Index of the slice in the series' order. */
  readonly sliceIndex: number;
  readonly question: Question;
  readonly labelClass: LabelClass;
  readonly coding: Coding;
}

/** Findings in slice order, then question and class order; a slice two labels give the same class is one finding. */
export function sliceFindings(series: SeriesItem, questions: readonly Question[], labels: readonly TargetLabel[]): SliceFinding[] {
  const order = targetOrder(series.slices.map((slice) => slice.targetId));
  const found = new Map<string, SliceFinding>();
  questions.forEach((question, questionIndex) => {
    if (question.target !== 'slice') return;
    for (const label of labels) {
      if (label.questionId !== question.id) continue;
      const span = spanOf(label, order);
      if (!span) continue;
      question.classes.forEach((labelClass, classIndex) => {
        const { coding } = labelClass;
        if (!coding || !label.classCodes.includes(labelClass.code)) return;
        for (let sliceIndex = span.first; sliceIndex <= span.last; sliceIndex += 1) {
          const key = [sliceIndex, questionIndex, classIndex].map((n) => String(n).padStart(6, '0')).join(':');
          found.set(key, { sliceIndex, question, labelClass, coding });
        }
      });
    }
  });
  return [...found.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, finding]) => finding);
}
