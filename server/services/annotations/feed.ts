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
import type { ChangeFeed, RecordChange, User } from '../../../src/core/api';
import { dialectOf, toNumber } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { seesAllItems } from '../access';
import { storedRecord } from './recordRow';

interface Position {
  readonly txid: number;
  readonly seq: number;
}

/** The route's schema lets only `<txid>.<seq>` (15 digits each) or '' through. */
function parseCheckpoint(checkpoint: string): Position | null {
  if (checkpoint === '') return null;
  const [txid = 0, seq = 0] = checkpoint.split('.').map(Number);
  return { txid, seq };
}

const checkpointOf = (position: Position): string => `${position.txid}.${position.seq}`;

/** Annotators follow their own documents; reviewers and admins follow everyone's. */
export async function readChanges(db: Kysely<Database>, user: User, since: string, limit: number): Promise<ChangeFeed> {
  const from = parseCheckpoint(since);
  let query = db
    .selectFrom('annotation_ops')
    .select(['txid', 'seq', 'item_id', 'annotator_id', 'revision', 'record_id', 'version', 'schema', 'body'])
    .orderBy('txid')
    .orderBy('seq')
    .limit(limit + 1);
  if (from) query = query.where((eb) => eb(eb.refTuple('txid', 'seq'), '>', eb.tuple(from.txid, from.seq)));
  if (dialectOf(db) === 'postgres') query = query.where('txid', '<', sql<number>`pg_snapshot_xmin(pg_current_snapshot())::text::bigint`);
  if (!seesAllItems(user)) query = query.where('annotator_id', '=', user.id);
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
