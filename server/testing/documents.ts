/** Records, ops and batch requests for server tests. */
import type { LightMyRequestResponse } from 'fastify';
import type { AnnotationRecord, Geometry, Provenance, Shape, TargetLabel } from '../../src/core/annotation';
import type { OpBatch } from '../../src/core/api';
import { targetLabelId } from '../../src/core/recordIds';
import type { RecordOp } from '../../src/core/records';
import type { SignedIn, TestServer } from './testServer';

export const AT = '2026-01-15T09:00:00.000Z';

export function humanBy(authorId: string, at = AT): Provenance {
  return { origin: { kind: 'human' }, createdAt: at, updatedAt: at, authors: [authorId] };
}

/** A pending proposal of a model run, as an annotator's client writes it. */
export function proposal(at = AT): Provenance {
  return {
    origin: { kind: 'model', modelId: 'sah-net', version: '1.0.0', contentHash: 'a'.repeat(64), runId: 'run-1', score: 0.9 },
    createdAt: at,
    updatedAt: at,
    authors: [],
    decision: 'pending',
  };
}

/** The label of `questionId` on one target, with the record id every device uses for it. */
export function label(targetId: string, code: string, provenance: Provenance, questionId = 'sah'): TargetLabel {
  return { type: 'label', id: targetLabelId(questionId, targetId), questionId, targetId, classCodes: [code], provenance };
}

export function shape(id: string, targetId: string, geometry: Geometry, provenance: Provenance, classCode = 'lesion.bleed', questionId = 'lesion'): Shape {
  return { type: 'shape', id, questionId, targetId, classCode, geometry, provenance };
}

export const put = (record: AnnotationRecord, baseVersion = 0): RecordOp => ({ kind: 'put', id: record.id, baseVersion, record });
export const del = (id: string, baseVersion: number): RecordOp => ({ kind: 'delete', id, baseVersion });

/** PATCH …/annotations/me with an Idempotency-Key (null: none). */
export function patchBatch(server: TestServer, who: SignedIn, itemId: string, key: string | null, batch: OpBatch | unknown): Promise<LightMyRequestResponse> {
  return server.app.inject({
    method: 'PATCH',
    url: `/api/items/${itemId}/annotations/me`,
    headers: { ...who.auth, ...(key === null ? {} : { 'idempotency-key': key }) },
    payload: batch as object,
  });
}
