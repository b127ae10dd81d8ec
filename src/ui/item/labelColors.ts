import type { AnnotationDocument } from '../../core/annotation';
import type { LabelClass, LabelSet } from '../../core/labelSet';
import { labelsByTarget } from '../../core/targetLabels';

/** Per slice (in order), the classes of its label; empty when unlabelled. */
export function classesPerTarget(doc: AnnotationDocument | null, targetIds: readonly string[], labelSet: LabelSet): LabelClass[][] {
  const labels = doc ? labelsByTarget(doc) : new Map();
  const byCode = new Map(labelSet.classes.map((c) => [c.code, c]));
  return targetIds.map((targetId) =>
    (labels.get(targetId)?.classCodes ?? []).flatMap((code: string) => {
      const labelClass = byCode.get(code);
      return labelClass ? [labelClass] : [];
    }),
  );
}

/** CSS background of a cell carrying these classes: one colour, or equal stripes for several. */
export function cellBackground(classes: readonly LabelClass[]): string | undefined {
  if (classes.length === 0) return undefined;
  if (classes.length === 1) return classes[0]?.color;
  const step = 100 / classes.length;
  const stops = classes.map((c, i) => `${c.color} ${i * step}% ${(i + 1) * step}%`);
  return `linear-gradient(to right, ${stops.join(', ')})`;
}
