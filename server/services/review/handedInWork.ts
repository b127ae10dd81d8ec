/**
 * The work readers handed in on an item (submitted or approved), as the agreement module reads it:
 * one document per reader, records upgraded to the current schema. What review, adjudication and
 * agreement compare; O(records of the item) per call, never per edit.
 */
import type { Kysely } from 'kysely';
import { readerDifferences, readingsOfItem, type DifferingUnit, type ReaderDocument } from '../../../src/core/agreement';
import type { AnnotationRecord } from '../../../src/core/annotation';
import type { ReaderWork, VersionedRecord } from '../../../src/core/consensus';
import type { LabelSet } from '../../../src/core/labelSet';
import { upgradeRecord } from '../../../src/core/migrations/recordSchema';
import { toNumber } from '../../db/dialect';
import type { Database } from '../../db/schema';

/** Work a reviewer can compare: handed in, and so no longer changing under them. */
export const HANDED_IN = ['submitted', 'approved'] as const;

/** One reader's live records of an item, each with its current version. */
export async function readerVersionedRecords(db: Kysely<Database>, itemId: string, annotatorId: string): Promise<VersionedRecord[]> {
  const rows = await db
    .selectFrom('annotation_records')
    .select(['schema', 'question_id', 'body', 'version'])
    .where('item_id', '=', itemId)
    .where('annotator_id', '=', annotatorId)
    .where('deleted', '=', 0)
    .orderBy('record_id')
    .execute();
  return rows.flatMap((row) =>
    row.body === null ? [] : [{ version: toNumber(row.version), record: upgradeRecord(JSON.parse(row.body) as unknown, toNumber(row.schema), row.question_id) }],
  );
}

/** One reader's live records of an item. */
export async function readerRecords(db: Kysely<Database>, itemId: string, annotatorId: string): Promise<AnnotationRecord[]> {
  return (await readerVersionedRecords(db, itemId, annotatorId)).map((versioned) => versioned.record);
}

/** A reader's handed-in work of an item: locked while submitted or approved, so what they handed in. */
export interface HandedInWork extends ReaderWork {
  readonly submittedAt: string;
  readonly state: (typeof HANDED_IN)[number];
}

/** The handed-in work of one item, readers in id order, records with their versions. */
export async function handedInWork(db: Kysely<Database>, itemId: string): Promise<HandedInWork[]> {
  const readers = await db
    .selectFrom('assignments')
    .select(['user_id', 'state', 'updated_at'])
    .where('item_id', '=', itemId)
    .where('state', 'in', [...HANDED_IN])
    .orderBy('user_id')
    .execute();
  const work: HandedInWork[] = [];
  for (const reader of readers) {
    const records = await readerVersionedRecords(db, itemId, reader.user_id);
    work.push({ readerId: reader.user_id, state: reader.state as HandedInWork['state'], records, submittedAt: reader.updated_at });
  }
  return work;
}

/** The handed-in documents of one item, readers in id order. */
export async function handedInDocuments(db: Kysely<Database>, itemId: string): Promise<ReaderDocument[]> {
  return (await handedInWork(db, itemId)).map(({ readerId, records, submittedAt }) => ({ readerId, records: records.map((v) => v.record), submittedAt }));
}

/** Where these readers' documents of an item differ (empty with fewer than two readers). */
export function differencesOf(labelSet: LabelSet, item: { readonly id: string; readonly targetIds: readonly string[] }, documents: readonly ReaderDocument[]): DifferingUnit[] {
  if (documents.length < 2) return [];
  const readings = readingsOfItem(labelSet, { itemId: item.id, targetIds: item.targetIds }, documents);
  return readerDifferences(readings, documents.map((document) => document.readerId));
}

/** Where the handed-in readers of an item differ (empty with fewer than two readers). */
export async function itemDifferences(db: Kysely<Database>, item: { readonly id: string; readonly targetIds: readonly string[] }, labelSet: LabelSet): Promise<DifferingUnit[]> {
  return differencesOf(labelSet, item, await handedInDocuments(db, item.id));
}
