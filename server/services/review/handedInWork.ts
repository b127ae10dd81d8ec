/**
 * The work readers handed in on an item (submitted or approved), as the agreement module reads it:
 * one document per reader, records upgraded to the current schema. What review, adjudication and
 * agreement compare; O(records of the item) per call, never per edit.
 */
import type { Kysely } from 'kysely';
import { readerDifferences, readingsOfItem, type DifferingUnit, type ReaderDocument } from '../../../src/core/agreement';
import type { AnnotationRecord } from '../../../src/core/annotation';
import type { LabelSet } from '../../../src/core/labelSet';
import { upgradeRecord } from '../../../src/core/migrations/recordSchema';
import { toNumber } from '../../db/dialect';
import type { Database } from '../../db/schema';

/** Work a reviewer can compare: handed in, and so no longer changing under them. */
export const HANDED_IN = ['submitted', 'approved'] as const;

/** One reader's live records of an item. */
export async function readerRecords(db: Kysely<Database>, itemId: string, annotatorId: string): Promise<AnnotationRecord[]> {
  const rows = await db
    .selectFrom('annotation_records')
    .select(['schema', 'question_id', 'body'])
    .where('item_id', '=', itemId)
    .where('annotator_id', '=', annotatorId)
    .where('deleted', '=', 0)
    .execute();
  return rows.flatMap((row) => (row.body === null ? [] : [upgradeRecord(JSON.parse(row.body) as unknown, toNumber(row.schema), row.question_id)]));
}

/** The handed-in documents of one item, readers in id order. */
export async function handedInDocuments(db: Kysely<Database>, itemId: string): Promise<ReaderDocument[]> {
  const readers = await db
    .selectFrom('assignments')
    .select(['user_id', 'updated_at'])
    .where('item_id', '=', itemId)
    .where('state', 'in', [...HANDED_IN])
    .orderBy('user_id')
    .execute();
  const documents: ReaderDocument[] = [];
  for (const reader of readers) documents.push({ readerId: reader.user_id, records: await readerRecords(db, itemId, reader.user_id), submittedAt: reader.updated_at });
  return documents;
}

/** Where the handed-in readers of an item differ (empty with fewer than two readers). */
export async function itemDifferences(db: Kysely<Database>, item: { readonly id: string; readonly targetIds: readonly string[] }, labelSet: LabelSet): Promise<DifferingUnit[]> {
  const documents = await handedInDocuments(db, item.id);
  if (documents.length < 2) return [];
  const readings = readingsOfItem(labelSet, { itemId: item.id, targetIds: item.targetIds }, documents);
  return readerDifferences(readings, documents.map((document) => document.readerId));
}
