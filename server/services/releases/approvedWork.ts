/**
 * The approved work of a dataset as a release reads it: item by item (in listing order), each
 * reader's document **as submitted and approved** (the latest submit snapshot: approval only
 * follows a submit, and an approved or submitted document is locked), never the live head, so an
 * edit after approval cannot leak in. Each record carries the version it had at that revision.
 * Items come in pages and documents one at a time, so memory is bounded by one document. Items a
 * WG lead adjudicated come too, approved work or not: their consensus may be what is released.
 */
import type { Kysely } from 'kysely';
import type { AnnotationRecord, DocumentSnapshot } from '../../../src/core/annotation';
import { toNumber } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { HANDED_IN } from '../review/handedInWork';

const ITEMS_PER_PAGE = 200;

export interface ApprovedItem {
  readonly id: string;
  readonly title: string;
  /** The item's kind (`series`, `slide`, `frameSet`). */
  readonly kind: string;
  /** The item's slices or frames in order. */
  readonly targetIds: readonly string[];
  /** Approved documents, by annotator id. */
  readonly documents: readonly ApprovedDocumentRef[];
  /** A WG lead took decisions on it (services/consensus): its consensus, when complete, is what a release carries. */
  readonly adjudicated: boolean;
}

export interface ApprovedDocumentRef {
  readonly annotatorId: string;
  readonly revision: number;
  /** `annotation_snapshots.seq` of the approved snapshot. */
  readonly snapshotSeq: number;
}

export interface PinnedRecord {
  /** The record's version at the approved revision. */
  readonly version: number;
  readonly record: AnnotationRecord;
}

/** Approved (item, annotator) documents joined to their latest submit snapshot. */
function approvedSnapshots(db: Kysely<Database>, datasetId: string) {
  return db
    .selectFrom('assignments')
    .innerJoin('items', 'items.id', 'assignments.item_id')
    .innerJoin('annotation_snapshots as s', (join) => join.onRef('s.item_id', '=', 'assignments.item_id').onRef('s.annotator_id', '=', 'assignments.user_id'))
    .where('items.dataset_id', '=', datasetId)
    .where('assignments.state', '=', 'approved')
    .where('s.reason', '=', 'submit')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('annotation_snapshots as later')
            .select('later.seq')
            .whereRef('later.item_id', '=', 's.item_id')
            .whereRef('later.annotator_id', '=', 's.annotator_id')
            .where('later.reason', '=', 'submit')
            .whereRef('later.seq', '>', 's.seq'),
        ),
      ),
    );
}

/** Items of the dataset a WG lead has decisions on. */
function adjudicatedItems(db: Kysely<Database>, datasetId: string) {
  return db
    .selectFrom('items')
    .where('items.dataset_id', '=', datasetId)
    .where(({ exists, selectFrom }) => exists(selectFrom('consensus_decisions as d').select('d.item_id').whereRef('d.item_id', '=', 'items.id').where('d.current', '=', 1)));
}

/**
 * Readers a release names, sorted (the order they are numbered in): those with approved work in
 * the dataset, and the handed-in readers of adjudicated items (a consensus cites their records).
 */
export async function approvedReaders(db: Kysely<Database>, datasetId: string): Promise<string[]> {
  const approved = await approvedSnapshots(db, datasetId).select('assignments.user_id').distinct().execute();
  const compared = await adjudicatedItems(db, datasetId)
    .innerJoin('assignments', 'assignments.item_id', 'items.id')
    .where('assignments.state', 'in', [...HANDED_IN])
    .select('assignments.user_id')
    .distinct()
    .execute();
  return [...new Set([...approved, ...compared].map((row) => row.user_id))].sort();
}

/** Items with approved work or a lead's decisions, in listing order (sort key, then id), a page at a time. */
export async function* approvedItems(db: Kysely<Database>, datasetId: string, itemsPerPage = ITEMS_PER_PAGE): AsyncGenerator<ApprovedItem> {
  let after: { sortKey: string; id: string } | null = null;
  for (;;) {
    // A page is whole items: the items first, then every approved document of them.
    const page = await pageOfItems(db, datasetId, after, itemsPerPage);
    if (page.length === 0) return;
    const ids = page.map((row) => row.id);
    const rows = await approvedSnapshots(db, datasetId)
      .select(['items.id', 'assignments.user_id', 's.revision', 's.seq'])
      .where('items.id', 'in', ids)
      .orderBy('assignments.user_id')
      .execute();
    const adjudicated = new Set((await adjudicatedItems(db, datasetId).select('items.id').where('items.id', 'in', ids).execute()).map((row) => row.id));
    const documentsOf = new Map<string, ApprovedDocumentRef[]>(ids.map((id) => [id, []]));
    for (const row of rows) documentsOf.get(row.id)!.push({ annotatorId: row.user_id, revision: toNumber(row.revision), snapshotSeq: toNumber(row.seq) });
    for (const row of page) {
      yield { id: row.id, title: row.title, kind: row.kind, targetIds: JSON.parse(row.target_ids) as string[], documents: documentsOf.get(row.id)!, adjudicated: adjudicated.has(row.id) };
    }
    const last = page[page.length - 1]!;
    if (page.length < itemsPerPage) return;
    after = { sortKey: last.sort_key, id: last.id };
  }
}

async function pageOfItems(db: Kysely<Database>, datasetId: string, after: { sortKey: string; id: string } | null, limit: number) {
  let query = db
    .selectFrom('items')
    .select(['items.id', 'items.title', 'items.kind', 'items.sort_key', 'items.target_ids'])
    .where('items.dataset_id', '=', datasetId)
    .where(({ or, exists, selectFrom }) =>
      or([
        exists(selectFrom('assignments as a').select('a.item_id').whereRef('a.item_id', '=', 'items.id').where('a.state', '=', 'approved')),
        exists(selectFrom('consensus_decisions as d').select('d.item_id').whereRef('d.item_id', '=', 'items.id').where('d.current', '=', 1)),
      ]),
    )
    .orderBy('items.sort_key')
    .orderBy('items.id')
    .limit(limit);
  if (after) {
    const { sortKey, id } = after;
    query = query.where((eb) => eb.or([eb('items.sort_key', '>', sortKey), eb.and([eb('items.sort_key', '=', sortKey), eb('items.id', '>', id)])]));
  }
  return query.execute();
}

/** One approved document's records as frozen, each with its version at the approved revision; sorted by id. */
export async function readApprovedDocument(db: Kysely<Database>, itemId: string, document: ApprovedDocumentRef): Promise<PinnedRecord[]> {
  const snapshot = await db.selectFrom('annotation_snapshots').select('body').where('seq', '=', document.snapshotSeq).executeTakeFirstOrThrow();
  const { records } = JSON.parse(snapshot.body) as DocumentSnapshot;
  const versions = await db
    .selectFrom('annotation_ops')
    .select(['record_id', (eb) => eb.fn.max('version').as('version')])
    .where('item_id', '=', itemId)
    .where('annotator_id', '=', document.annotatorId)
    .where('revision', '<=', document.revision)
    .groupBy('record_id')
    .execute();
  const versionOf = new Map(versions.map((row) => [row.record_id, toNumber(row.version as number | string)]));
  return records
    .map((record) => ({ version: versionOf.get(record.id) ?? 0, record }))
    .sort((a, b) => (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0));
}
