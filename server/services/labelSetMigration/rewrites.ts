/**
 * Writes one page of records a migration (or its undo) gave new classes: each a new version with
 * its op in the log the change feed reads, so clients' record-level sync picks it up like any edit.
 */
import type { Transaction } from 'kysely';
import type { AnnotationRecord } from '../../../src/core/annotation';
import { RECORD_SCHEMA } from '../../../src/core/records';
import { lockDocument, toNumber } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { recordColumns } from '../annotations/recordRow';
import { appendOps, upsertRecords } from '../annotations/recordWrites';
import type { DocumentRow } from './pages';

export interface Rewrite {
  readonly id: string;
  /** The version this write makes (the stored one + 1). */
  readonly version: number;
  readonly record: AnnotationRecord;
}

/** Who rewrites, when, and under which op id (`label-set-migration:<run>` or `label-set-migration-undo:<run>`). */
export interface RewriteStamp {
  readonly userId: string;
  readonly at: string;
  readonly opId: string;
}

/** Takes the document's lock and answers the revision its rewrites will carry (stored only once something is rewritten). */
export async function openDocument(trx: Transaction<Database>, doc: DocumentRow): Promise<number> {
  await lockDocument(trx, doc.itemId, doc.annotatorId);
  const head = await trx.selectFrom('annotation_docs').select('revision').where('id', '=', doc.id).executeTakeFirstOrThrow();
  return toNumber(head.revision) + 1;
}

export async function closeDocument(trx: Transaction<Database>, doc: DocumentRow, revision: number, at: string): Promise<void> {
  await trx.updateTable('annotation_docs').set({ revision, updated_at: at }).where('id', '=', doc.id).execute();
}

export async function writeRewrites(trx: Transaction<Database>, doc: DocumentRow, revision: number, stamp: RewriteStamp, rewrites: readonly Rewrite[]): Promise<void> {
  if (rewrites.length === 0) return;
  const seqOf = await appendOps(
    trx,
    rewrites.map(({ id, version, record }) => ({
      item_id: doc.itemId,
      annotator_id: doc.annotatorId,
      revision,
      record_id: id,
      version,
      kind: 'put' as const,
      body: JSON.stringify(record),
      schema: RECORD_SCHEMA[record.type],
      author_id: stamp.userId,
      op_id: stamp.opId,
      created_at: stamp.at,
    })),
  );
  await upsertRecords(
    trx,
    rewrites.map(({ id, version, record }) => ({
      item_id: doc.itemId,
      annotator_id: doc.annotatorId,
      record_id: id,
      version,
      schema: RECORD_SCHEMA[record.type],
      ...recordColumns(record),
      updated_at: stamp.at,
      updated_seq: seqOf.get(id) ?? 0,
    })),
    'keep spans',
  );
}
