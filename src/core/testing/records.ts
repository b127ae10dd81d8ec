/** Small builders of documents and records for tests across core, client and server. */
import type { AnnotationDocument, AnnotationRecord, Geometry, Provenance, Shape, TargetLabel } from '../annotation';

export const T0 = '2024-05-01T08:00:00.000Z';

export function humanProvenance(authorId = 'u1', at = T0): Provenance {
  return { authorId, createdAt: at, updatedAt: at, source: { kind: 'human' } };
}

export function modelProvenance(name = 'sah-net', version = '1.0.0', at = T0): Provenance {
  return { authorId: `model:${name}`, createdAt: at, updatedAt: at, source: { kind: 'model', name, version } };
}

export function labelRecord(targetId: string, classCodes: readonly string[], provenance = humanProvenance()): TargetLabel {
  return { type: 'label', id: `label:${targetId}`, targetId, classCodes, provenance };
}

export function shapeRecord(
  id: string,
  targetId: string,
  geometry: Geometry = { type: 'point', point: [1, 2] },
  classCode = 'sah.present',
  provenance = humanProvenance(),
): Shape {
  return { type: 'shape', id, targetId, classCode, geometry, provenance };
}

export function documentOf(records: readonly AnnotationRecord[], labelSetId = 'sah-slice'): AnnotationDocument {
  return {
    itemId: 'item-1',
    annotatorId: 'u1',
    labelSetId,
    labelSetVersion: 1,
    records: Object.fromEntries(records.map((r) => [r.id, r])),
  };
}
