import type { AnnotationDocument } from './annotation';
import type { Progress } from './api';

/** Targets (slices, frames…) that carry at least one target label, out of `targetIds`. */
export function progressOf(doc: AnnotationDocument | null, targetIds: readonly string[]): Progress {
  const labelled = labelledTargets(doc);
  let count = 0;
  for (const id of new Set(targetIds)) if (labelled.has(id)) count += 1;
  return { labelled: count, total: new Set(targetIds).size };
}

/** Ids of targets with a non-empty target label. */
export function labelledTargets(doc: AnnotationDocument | null): Set<string> {
  const out = new Set<string>();
  if (!doc) return out;
  for (const record of Object.values(doc.records)) {
    if (record.type === 'label' && record.classCodes.length > 0) out.add(record.targetId);
  }
  return out;
}
