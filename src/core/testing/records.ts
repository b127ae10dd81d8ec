/** Small builders of items, documents and records for tests across core, client and server. */
import type { AnnotationRecord, DocumentKey, Geometry, Provenance, Shape, TargetLabel } from '../annotation';
import type { Item } from '../item';
import { targetLabelId } from '../recordIds';

export const T0 = '2024-05-01T08:00:00.000Z';

export function humanProvenance(authorId = 'u1', at = T0): Provenance {
  return { origin: { kind: 'human' }, createdAt: at, updatedAt: at, authors: [authorId] };
}

export function modelProvenance(modelId = 'sah-net', version = '1.0.0', at = T0): Provenance {
  return {
    origin: { kind: 'model', modelId, version, contentHash: 'a'.repeat(64), runId: 'run-1', threshold: 0.5, score: 0.9 },
    createdAt: at,
    updatedAt: at,
    authors: [],
    decision: 'pending',
  };
}

export function labelRecord(targetId: string, classCodes: readonly string[], provenance = humanProvenance(), questionId = 'sah'): TargetLabel {
  return { type: 'label', id: targetLabelId(questionId, targetId), questionId, targetId, classCodes, provenance };
}

export function shapeRecord(
  id: string,
  targetId: string,
  geometry: Geometry = { type: 'point', point: [1, 2] },
  classCode = 'lesion',
  provenance = humanProvenance(),
  questionId = 'lesion',
): Shape {
  return { type: 'shape', id, questionId, targetId, classCode, geometry, provenance };
}

export const DOC_KEY: DocumentKey = { itemId: 'item-1', annotatorId: 'u1', labelSetId: 'sah-slice', labelSetVersion: 1 };

/** A series item of `count` 64×64 slices `slice-1`…`slice-N`. */
export function seriesItem(count = 5, id = 'item-1'): Item {
  return {
    id,
    datasetId: 'ds-1',
    title: 'Series',
    content: {
      kind: 'series',
      modality: 'CT',
      studyInstanceUid: '1.2',
      seriesInstanceUid: '1.2.3',
      seriesDescription: 'Head',
      orientation: [1, 0, 0, 0, 1, 0],
      rows: 64,
      columns: 64,
      pixelSpacing: [0.5, 0.5],
      slices: Array.from({ length: count }, (_, i) => ({
        targetId: `slice-${i + 1}`,
        fileId: `file-${i + 1}`,
        sopInstanceUid: `1.2.3.${i + 1}`,
        instanceNumber: i + 1,
        position: [0, 0, i * 5] as const,
      })),
    },
  };
}

export function recordsById(records: readonly AnnotationRecord[]): Map<string, AnnotationRecord> {
  return new Map(records.map((r) => [r.id, r]));
}
