import type { AnnotationDocument, TargetLabel } from './annotation';

/** Id of the label record commands create for a target: one label per target, the same id on every device. */
export function targetLabelId(targetId: string): string {
  return `label:${targetId}`;
}

/** The label record of each labelled target, whatever its id (e.g. one written by a model). */
export function labelsByTarget(doc: AnnotationDocument): Map<string, TargetLabel> {
  const out = new Map<string, TargetLabel>();
  for (const record of Object.values(doc.records)) if (record.type === 'label') out.set(record.targetId, record);
  return out;
}
