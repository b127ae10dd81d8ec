import type { AnnotationRecord } from './annotation';
import type { Progress } from './api';
import { countsAsLabelled } from './targetLabels';

/**
 * Targets (slices, frames…) among `targetIds` (in reading order) that carry a settled label, a
 * range label counting every frame it spans, over a plain list of records (a snapshot, a
 * migration). An open document keeps this count itself (`RecordStore.labelledTargets`), so no
 * edit recounts.
 */
export function progressOfRecords(records: Iterable<AnnotationRecord>, targetIds: readonly string[]): Progress {
  const targets = new Set(targetIds);
  const order = new Map(targetIds.map((id, i) => [id, i] as const));
  const labelled = new Set<string>();
  for (const record of records) {
    if (!countsAsLabelled(record) || !targets.has(record.targetId)) continue;
    const first = order.get(record.targetId) ?? 0;
    const last = record.endTargetId === undefined ? undefined : order.get(record.endTargetId);
    if (last === undefined || last < first) labelled.add(record.targetId);
    else for (const id of targetIds.slice(first, last + 1)) labelled.add(id);
  }
  return { labelled: labelled.size, total: targets.size };
}
