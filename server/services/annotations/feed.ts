/**
 * The change feed: every applied op after a checkpoint, in commit order.
 *
 * On PostgreSQL, op rows take their `seq` before their transaction commits, and writers of
 * different documents run concurrently, so seq order is not commit order: a reader that saw seq 8
 * could later find seq 7 committed, and a checkpoint past 8 would skip it. Each op therefore keeps
 * its transaction id, the feed orders by (txid, seq), and it returns only rows of transactions
 * below the reader's snapshot xmin: every transaction below xmin has finished, so no row can later
 * appear before the checkpoint. A still-running writer holds back the feed (not anyone's writes)
 * until it ends. On SQLite writers are serial, txid is 0, and seq order is commit order.
 */
import { sql, type Kysely } from 'kysely';
import { FEED_LATEST, type ChangedRevisions, type ChangeFeed, type RecordChange, type User } from '../../../src/core/api';
import { dialectOf, toNumber } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { seesReaderWork } from '../../http/rolePolicy';
import { seesAllItems } from '../access';
import { storedRecord } from './recordRow';

interface Position {
  readonly txid: number;
  readonly seq: number;
}

/** The route's schema lets only `<txid>.<seq>` (15 digits each), `latest` or '' through. */
function parseCheckpoint(checkpoint: string): Position | null {
  if (checkpoint === '') return null;
  const [txid = 0, seq = 0] = checkpoint.split('.').map(Number);
  return { txid, seq };
}

const checkpointOf = (position: Position): string => `${position.txid}.${position.seq}`;

/**
 * Whether a user follows a document's changes: everyone their own, and those who oversee items
 * every reader's of an item they do not read themself (`readsItem`); the blinding rule of http/rolePolicy.ts.
 */
export const followsDocument = (user: User, annotatorId: string, readsItem: boolean): boolean => seesReaderWork(user, annotatorId, readsItem);

/**
 * The ops a user follows that are final (see above), as `followsDocument` says; null: every op
 * (the live stream's shared reader, which filters per subscriber).
 */
function followedOps(db: Kysely<Database>, user: User | null) {
  let query = db.selectFrom('annotation_ops');
  if (dialectOf(db) === 'postgres') query = query.where('txid', '<', sql<number>`pg_snapshot_xmin(pg_current_snapshot())::text::bigint`);
  if (user && !seesAllItems(user)) query = query.where('annotator_id', '=', user.id);
  // followsDocument in SQL: another reader's op only of an item the user does not read.
  if (user && seesAllItems(user)) {
    query = query.where((eb) =>
      eb.or([
        eb('annotator_id', '=', user.id),
        eb('item_id', 'not in', eb.selectFrom('assignments').select('assignments.item_id').where('assignments.user_id', '=', user.id)),
      ]),
    );
  }
  return query;
}

/** The checkpoint after the newest change the user (null: anyone) follows ('' when there is none yet). */
export async function latestCheckpoint(db: Kysely<Database>, user: User | null): Promise<string> {
  const newest = await followedOps(db, user).select(['txid', 'seq']).orderBy('txid', 'desc').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return newest ? checkpointOf({ txid: toNumber(newest.txid), seq: toNumber(newest.seq) }) : '';
}

/** Which document an op after a checkpoint changed, without its record: what the live stream announces. */
export interface ChangedDocument {
  readonly itemId: string;
  readonly annotatorId: string;
  /** The document revision (applied batch) the op belongs to. */
  readonly revision: number;
}

/** Per document among the changes, the lowest and highest revision, in order of first change. */
export function revisionsOf(documents: readonly ChangedDocument[]): ChangedRevisions[] {
  const byDocument = new Map<string, ChangedRevisions>();
  for (const { itemId, annotatorId, revision } of documents) {
    const key = `${itemId}\n${annotatorId}`;
    const seen = byDocument.get(key);
    byDocument.set(key, {
      itemId,
      annotatorId,
      fromRevision: Math.min(seen?.fromRevision ?? revision, revision),
      toRevision: Math.max(seen?.toRevision ?? revision, revision),
    });
  }
  return [...byDocument.values()];
}

/** The documents changed after `since` (up to `limit` ops), with the checkpoint after them. */
export async function readChangedDocuments(
  db: Kysely<Database>,
  user: User | null,
  since: string,
  limit: number,
): Promise<{ readonly documents: ChangedDocument[]; readonly checkpoint: string; readonly more: boolean }> {
  let query = followedOps(db, user).select(['txid', 'seq', 'item_id', 'annotator_id', 'revision']).orderBy('txid').orderBy('seq').limit(limit + 1);
  const from = parseCheckpoint(since);
  if (from) query = query.where((eb) => eb(eb.refTuple('txid', 'seq'), '>', eb.tuple(from.txid, from.seq)));
  const rows = await query.execute();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    documents: page.map((row) => ({ itemId: row.item_id, annotatorId: row.annotator_id, revision: toNumber(row.revision) })),
    checkpoint: last ? checkpointOf({ txid: toNumber(last.txid), seq: toNumber(last.seq) }) : since,
    more: rows.length > limit,
  };
}

export async function readChanges(db: Kysely<Database>, user: User, since: string, limit: number): Promise<ChangeFeed> {
  if (since === FEED_LATEST) return { changes: [], checkpoint: await latestCheckpoint(db, user), more: false };
  const from = parseCheckpoint(since);
  let query = followedOps(db, user)
    .select(['txid', 'seq', 'item_id', 'annotator_id', 'revision', 'record_id', 'version', 'schema', 'body'])
    .orderBy('txid')
    .orderBy('seq')
    .limit(limit + 1);
  if (from) query = query.where((eb) => eb(eb.refTuple('txid', 'seq'), '>', eb.tuple(from.txid, from.seq)));
  const rows = await query.execute();
  const page = rows.slice(0, limit);
  const changes: RecordChange[] = page.map((row) => ({
    itemId: row.item_id,
    annotatorId: row.annotator_id,
    revision: toNumber(row.revision),
    record: storedRecord(row),
  }));
  const last = page[page.length - 1];
  return { changes, checkpoint: last ? checkpointOf({ txid: toNumber(last.txid), seq: toNumber(last.seq) }) : since, more: rows.length > limit };
}
