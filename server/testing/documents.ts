/** Annotation documents for tests: slice labels of the SAH label set. */
import type { AnnotationDocument, TargetLabel } from '../../src/core/annotation';
import { SAH_SLICE_LABEL_SET } from '../../src/core/labelSets/builtin';

/** `labels` maps a slice index to a class code, e.g. `{ 0: 'sah.present' }`. */
export function sliceLabelDocument(
  itemId: string,
  annotatorId: string,
  targetIds: readonly string[],
  labels: Readonly<Record<number, string>>,
): AnnotationDocument {
  const records: Record<string, TargetLabel> = {};
  for (const [index, code] of Object.entries(labels)) {
    const targetId = targetIds[Number(index)];
    if (!targetId) throw new Error(`no slice ${index}`);
    const id = `label-${index}`;
    records[id] = {
      type: 'label',
      id,
      targetId,
      classCodes: [code],
      provenance: { authorId: annotatorId, createdAt: '2026-01-15T09:00:00.000Z', updatedAt: '2026-01-15T09:00:00.000Z', source: { kind: 'human' } },
    };
  }
  return { itemId, annotatorId, labelSetId: SAH_SLICE_LABEL_SET.id, labelSetVersion: SAH_SLICE_LABEL_SET.version, records };
}
