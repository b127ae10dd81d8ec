/**
 * Upgrades stored record bodies to the current schema (`RECORD_SCHEMA`), one step per version.
 * Used by the server's database migration, the browser's IndexedDB upgrade and anything reading
 * an exported document, so old records mean the same everywhere.
 *
 * Schema 1 (the foundation): no question id; provenance `{ authorId, source, acceptedBy }`;
 * label ids `label:<target>`, mask ids `mask:<target>:<class>`.
 * Schema 2: every record answers a question; provenance keeps the origin, every author and the
 * decision on a proposal; ids name the question.
 */
import type { AnnotationRecord, Provenance, RecordOrigin } from '../annotation';
import { RECORD_SCHEMA } from '../records';
import { maskId, targetLabelId } from '../recordIds';

interface ProvenanceV1 {
  readonly authorId: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly source: { readonly kind: 'human' } | { readonly kind: 'model'; readonly name: string; readonly version: string };
  readonly acceptedBy?: string;
}

type RecordV1 = Record<string, unknown> & {
  readonly type: AnnotationRecord['type'];
  readonly id: string;
  readonly targetId: string;
  readonly provenance: ProvenanceV1;
  readonly classCode?: string;
};

function provenanceV2(p: ProvenanceV1): Provenance {
  if (p.source.kind === 'human') {
    return { origin: { kind: 'human' }, createdAt: p.createdAt, updatedAt: p.updatedAt, authors: [p.authorId] };
  }
  // Schema 1 kept no model hash or run: say so rather than invent them.
  const origin: RecordOrigin = { kind: 'model', modelId: p.source.name, version: p.source.version, contentHash: 'unknown', runId: 'unknown' };
  return {
    origin,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    authors: p.acceptedBy ? [p.acceptedBy] : [],
    decision: p.acceptedBy ? 'accepted' : 'pending',
    ...(p.acceptedBy ? { decidedBy: p.acceptedBy } : {}),
  };
}

function fromV1(record: RecordV1, questionId: string): AnnotationRecord {
  const provenance = provenanceV2(record.provenance);
  const base = { ...record, questionId, provenance } as unknown as AnnotationRecord;
  if (record.type === 'label') return { ...base, id: targetLabelId(questionId, record.targetId) } as AnnotationRecord;
  if (record.type === 'mask' && typeof record.classCode === 'string' && record.id === `mask:${record.targetId}:${record.classCode}`) {
    return { ...base, id: maskId(questionId, record.targetId, record.classCode) } as AnnotationRecord;
  }
  return base;
}

/**
 * The record in the current schema. `questionId` is the question a schema-1 record answered (its
 * label set's only one, see `legacyQuestionId`). Throws on a schema this code does not know (a
 * newer client wrote it): guessing would corrupt it.
 */
export function upgradeRecord(body: unknown, schema: number, questionId: string): AnnotationRecord {
  const type = (body as { type?: keyof typeof RECORD_SCHEMA } | null)?.type;
  const current = type && Object.hasOwn(RECORD_SCHEMA, type) ? RECORD_SCHEMA[type] : undefined;
  if (current === undefined) throw new Error(`not an annotation record: ${JSON.stringify(body)?.slice(0, 80)}`);
  if (schema === current) return body as AnnotationRecord;
  if (schema === 1) return fromV1(body as RecordV1, questionId);
  throw new Error(`record schema ${schema} of a ${type} is not known here (current: ${current})`);
}
