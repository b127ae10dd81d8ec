/**
 * Reads of documents: pages of current records (by id, optionally of one target or inside a box),
 * the ops applied after a revision, each annotator's head, and the revision history.
 */
import type { Kysely } from 'kysely';
import type { AnnotatorHead, AppliedOp, AssignmentState, OpsPage, RevisionInfo } from '../../../src/core/api';
import { toNumber } from '../../db/dialect';
import type { Database } from '../../db/schema';
import type { DocumentRef } from '../idempotentWrite';
import { readRevision } from './document';
import type { Box } from '../../../src/core/bounds';
import { storedRecord } from './recordRow';

export interface RecordQuery {
  /** Record id of the previous page's last record. */
  readonly after: string | null;
  readonly limit: number;
  readonly target: string | null;
  /** Records whose box intersects this one (image px); records without a box never match. */
  readonly box: Box | null;
}

/** A record page as the JSON text of a `RecordPage` (src/core/api/records.ts), with the revision for the ETag. */
export interface RecordPageText {
  readonly revision: number;
  readonly json: string;
}

/**
 * The revision is read before the records, so the page is at least as new as it says: catching up
 * from it with `/ops?since=` may replay ops the page already holds (same versions), never miss one.
 * Each record's body goes out as stored (the server wrote it with JSON.stringify): parsing and
 * serialising it again was most of the server's time for a page of 10^3 outlines.
 */
export async function readRecordPage(db: Kysely<Database>, ref: DocumentRef, query: RecordQuery): Promise<RecordPageText> {
  const revision = await readRevision(db, ref);
  let select = db
    .selectFrom('annotation_records')
    .select(['record_id', 'version', 'schema', 'body'])
    .where('item_id', '=', ref.itemId)
    .where('annotator_id', '=', ref.annotatorId)
    .where('deleted', '=', 0)
    .orderBy('record_id')
    .limit(query.limit + 1);
  if (query.after !== null) select = select.where('record_id', '>', query.after);
  if (query.target !== null) select = select.where('target_id', '=', query.target);
  const { box } = query;
  if (box) {
    select = select.where('min_x', '<=', box.maxX).where('max_x', '>=', box.minX).where('min_y', '<=', box.maxY).where('max_y', '>=', box.minY);
  }
  const rows = await select.execute();
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > query.limit && last ? last.record_id : null;
  const records = page.map((row) => `{"id":${JSON.stringify(row.record_id)},"version":${toNumber(row.version)},"schema":${toNumber(row.schema)},"record":${row.body ?? 'null'}}`);
  return { revision, json: `{"records":[${records.join(',')}],"nextCursor":${JSON.stringify(nextCursor)},"revision":${revision}}` };
}

/**
 * Ops applied after revision `since`, whole revisions only (a page never ends inside a batch, so
 * `revision` can be passed back as `since`); a single revision larger than `limit` comes whole.
 */
export async function readOpsSince(db: Kysely<Database>, ref: DocumentRef, since: number, limit: number): Promise<OpsPage> {
  const head = await readRevision(db, ref);
  const select = db
    .selectFrom('annotation_ops')
    .select(['revision', 'record_id', 'version', 'schema', 'body'])
    .where('item_id', '=', ref.itemId)
    .where('annotator_id', '=', ref.annotatorId)
    .where('revision', '<=', head)
    .orderBy('revision')
    .orderBy('seq');
  let rows = await select.where('revision', '>', since).limit(limit + 1).execute();
  if (rows.length > limit) {
    const cut = toNumber(rows[limit]?.revision);
    const first = toNumber(rows[0]?.revision);
    rows = cut === first ? await select.where('revision', '=', first).execute() : rows.filter((row) => toNumber(row.revision) < cut);
  }
  const reached = rows.length > 0 ? toNumber(rows[rows.length - 1]?.revision) : head;
  const ops: AppliedOp[] = rows.map((row) => ({ revision: toNumber(row.revision), record: storedRecord(row) }));
  const more = reached < head;
  return { ops, revision: more ? reached : head, more };
}

/** One annotator's document head (revision 0 before the first batch). */
export async function readHead(db: Kysely<Database>, ref: DocumentRef): Promise<Pick<AnnotatorHead, 'revision' | 'recordCount' | 'updatedAt'>> {
  const row = await db
    .selectFrom('annotation_docs')
    .select(['revision', 'record_count', 'updated_at'])
    .where('item_id', '=', ref.itemId)
    .where('annotator_id', '=', ref.annotatorId)
    .executeTakeFirst();
  return { revision: toNumber(row?.revision), recordCount: toNumber(row?.record_count), updatedAt: row?.updated_at ?? null };
}

/** Every assigned annotator's head of one item (no document yet: revision 0). */
export async function listHeads(db: Kysely<Database>, itemId: string): Promise<AnnotatorHead[]> {
  const rows = await db
    .selectFrom('assignments')
    .leftJoin('annotation_docs', (join) =>
      join.onRef('annotation_docs.item_id', '=', 'assignments.item_id').onRef('annotation_docs.annotator_id', '=', 'assignments.user_id'),
    )
    .select(['assignments.user_id', 'assignments.state', 'annotation_docs.revision', 'annotation_docs.record_count', 'annotation_docs.updated_at'])
    .where('assignments.item_id', '=', itemId)
    .orderBy('assignments.user_id')
    .execute();
  return rows.map((row) => ({
    annotatorId: row.user_id,
    state: row.state as AssignmentState,
    revision: toNumber(row.revision),
    recordCount: toNumber(row.record_count),
    updatedAt: row.updated_at,
  }));
}

/** One entry per applied batch, oldest first (a migrated document starts with its `migration` revision). */
export async function listRevisions(db: Kysely<Database>, ref: DocumentRef): Promise<RevisionInfo[]> {
  const rows = await db
    .selectFrom('annotation_ops')
    .select(['revision', 'op_id', 'author_id', (eb) => eb.fn.countAll<number>().as('ops'), (eb) => eb.fn.min('created_at').as('created_at')])
    .where('item_id', '=', ref.itemId)
    .where('annotator_id', '=', ref.annotatorId)
    .groupBy(['revision', 'op_id', 'author_id'])
    .orderBy('revision')
    .execute();
  return rows.map((row) => ({
    revision: toNumber(row.revision),
    opId: row.op_id,
    authorId: row.author_id,
    opCount: toNumber(row.ops),
    createdAt: String(row.created_at),
  }));
}
