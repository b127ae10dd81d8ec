import type { AnnotationRecord } from './annotation';
import type { Progress } from './api';
import { countsAsLabelled } from './targetLabels';

/**
 * Targets (slices, frames…) among `targetIds` that carry a settled label, over a plain list
 * of records (a snapshot, a migration). An open document keeps this count itself
 * (`RecordStore.labelledTargets`), so no edit recounts.
 */
export function progressOfRecords(records: Iterable<AnnotationRecord>, targetIds: readonly string[]): Progress {
  const targets = new Set(targetIds);
  const labelled = new Set<string>();
  for (const record of records) {
    if (countsAsLabelled(record) && targets.has(record.targetId)) labelled.add(record.targetId);
  }
  return { labelled: labelled.size, total: targets.size };
}
